"""講座 (courses) and the ward's editable list of curriculum topics.

A course says *what* is taught (title, topics, level), *with whom* (民間事業者 such as a carrier,
an NPO or a 地域団体) and *paid from what* (区予算 / 市補助 / 国の制度) — the three things a yearly
report splits by (domain.md).  Its sessions (回) are in :mod:`wardapp.outreach.sessions`.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace

from sqlalchemy import case, delete, func, select
from sqlalchemy.orm import Session

from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.vocabulary import DEFAULT_TOPICS, FUNDINGS, HELD, PARTNER_KINDS
from wardapp.security.access import Actor, requires
from wardapp.store.models import ClassEnrolment, ClassSession, ClassTopic, Course, CourseId


@dataclass(frozen=True, slots=True)
class CourseData:
    """What staff enter for a course.  ``topics`` keeps the order of the curriculum."""

    title: str
    topics: tuple[str, ...] = ()
    level: str = "入門"
    partner_kind: str = "民間事業者"
    partner_name: str | None = None
    funding: str = "区予算"
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class CourseInfo:
    id: CourseId
    title: str
    topics: tuple[str, ...]
    level: str
    partner_kind: str
    partner_name: str | None
    funding: str
    notes: str | None
    sessions: int = 0
    held: int = 0
    first_date: dt.date | None = None
    last_date: dt.date | None = None


def _clean(text: str | None) -> str | None:
    """Trimmed text, None when blank.  Not NFKC: 「（全4回）」 keeps its full-width brackets."""
    if text is None:
        return None
    t = text.strip()
    return t or None


def _validate(data: CourseData) -> CourseData:
    title = _clean(data.title)
    if not title:
        raise UsageError("講座名を入力してください。")
    if data.partner_kind not in PARTNER_KINDS:
        raise UsageError(f"実施主体の種別「{data.partner_kind}」は使えません（{'・'.join(PARTNER_KINDS)}のいずれか）。")
    if data.funding not in FUNDINGS:
        raise UsageError(f"財源「{data.funding}」は使えません（{'・'.join(FUNDINGS)}のいずれか）。")
    topics: list[str] = []
    for t in data.topics:
        c = _clean(t)
        if c and c not in topics:
            topics.append(c)
    level = _clean(data.level)
    if not level:
        raise UsageError("講座のレベルを入力してください。")
    return CourseData(title, tuple(topics), level, data.partner_kind, _clean(data.partner_name),
                      data.funding, _clean(data.notes))


def course_topics(course: Course) -> tuple[str, ...]:
    return tuple(json.loads(course.topics_json or "[]"))


def _info(c: Course) -> CourseInfo:
    return CourseInfo(CourseId(c.id), c.title, course_topics(c), c.level, c.partner_kind, c.partner_name,
                      c.funding, c.notes)


@requires("outreach.manage")
def create_course(db: Db, data: CourseData, *, actor: Actor) -> CourseId:
    d = _validate(data)
    with writing(db) as s:
        c = Course(title=d.title, topics_json=json.dumps(list(d.topics), ensure_ascii=False), level=d.level,
                   partner_kind=d.partner_kind, partner_name=d.partner_name, funding=d.funding, notes=d.notes,
                   created_at=dt.datetime.now())
        s.add(c)
        s.flush()
        return CourseId(c.id)


@requires("outreach.manage")
def update_course(db: Db, course_id: int, data: CourseData, *, actor: Actor) -> None:
    d = _validate(data)
    with writing(db) as s:
        c = get_course_row(s, course_id)
        c.title, c.level, c.partner_kind, c.partner_name = d.title, d.level, d.partner_kind, d.partner_name
        c.funding, c.notes = d.funding, d.notes
        c.topics_json = json.dumps(list(d.topics), ensure_ascii=False)


@requires("outreach.manage")
def delete_course(db: Db, course_id: int, *, actor: Actor) -> None:
    """Delete a course that nobody has signed up for yet (its empty sessions go with it).

    A course with sign-ups is history that the yearly report counts: cancel its sessions instead.
    """
    with writing(db) as s:
        c = get_course_row(s, course_id)
        n = s.scalar(select(func.count()).select_from(ClassEnrolment).join(ClassSession)
                     .where(ClassSession.course_id == course_id)) or 0
        if n:
            raise ConflictError([f"講座『{c.title}』には申込が{n}件あるため削除できません。回を中止にしてください。"])
        s.execute(delete(ClassSession).where(ClassSession.course_id == course_id))
        s.delete(c)


def get_course_row(s: Session, course_id: int) -> Course:
    c = s.get(Course, course_id)
    if c is None:
        raise UsageError(f"講座（ID {course_id}）が見つかりません。")
    return c


@requires("figures.view")
def get_course(db: Db, course_id: int, *, actor: Actor) -> CourseInfo:
    with reading(db) as s:
        return _info(get_course_row(s, course_id))


@requires("figures.view")
def list_courses(db: Db, *, actor: Actor) -> list[CourseInfo]:
    """Every course with its number of sessions (held / all) and first and last date."""
    with reading(db) as s:
        stats = {r.course_id: r for r in s.execute(
            select(ClassSession.course_id, func.count().label("n"),
                   func.sum(case((ClassSession.status == HELD, 1), else_=0)).label("held"),
                   func.min(ClassSession.date).label("first"), func.max(ClassSession.date).label("last"))
            .group_by(ClassSession.course_id))}
        out = []
        for c in s.scalars(select(Course).order_by(Course.title, Course.id)):
            st = stats.get(c.id)
            info = _info(c)
            if st is not None:
                info = replace(info, sessions=int(st.n), held=int(st.held or 0), first_date=st.first,
                               last_date=st.last)
            out.append(info)
        return out


# --- the editable list of topics -------------------------------------------------------------

@requires("figures.view")
def topics(db: Db, *, actor: Actor) -> tuple[str, ...]:
    """The ward's curriculum topics in order (the defaults until the ward edits the list)."""
    with reading(db) as s:
        names = tuple(s.scalars(select(ClassTopic.name).order_by(ClassTopic.position, ClassTopic.id)))
    return names or DEFAULT_TOPICS


@requires("outreach.manage")
def set_topics(db: Db, names: list[str] | tuple[str, ...], *, actor: Actor) -> tuple[str, ...]:
    """Replace the list of topics (order kept, blanks and repeats dropped).

    Courses keep the topics they were given: a topic removed from the list stays on the old
    courses and in their surveys, so past figures do not change.
    """
    clean: list[str] = []
    for n in names:
        c = _clean(n)
        if c and c not in clean:
            clean.append(c)
    if not clean:
        raise UsageError("講座の内容（トピック）を1つ以上入力してください。")
    with writing(db) as s:
        s.execute(delete(ClassTopic))
        s.add_all(ClassTopic(name=n, position=i) for i, n in enumerate(clean))
    return tuple(clean)
