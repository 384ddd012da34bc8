"""アンケート after each session, and the figures plans report (domain.md 「what is counted」).

Each answer: 理解度 on five levels (5 よく理解できた … 1 理解できなかった), 「デジタルへの関心が上がった」
yes/no, a could-do check per topic of the course (「LINEでメッセージを送れるようになった」), and a
comment.  Paper forms are often anonymous and partly filled in, so every part may be empty.

Aggregation (:func:`summarise`) follows how wards report, and says so in ``definitions``:

- 理解度: the distribution over the five levels, and the share answering at least ``min_level``
  (default 4: 「理解できた」以上; plans aim for ≥ 50 %);
- 関心が上がった割合: yes / (yes + no) — plans aim for 90–95 %;
- できるようになったこと: per topic, yes / asked;
- unanswered items are left out of each denominator (and counted as 無回答).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.courses import course_topics
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.lookup import session_row, session_title, title_of
from wardapp.outreach.vocabulary import CANCELLED, UNDERSTANDING_LABELS
from wardapp.security.access import Actor, requires
from wardapp.store.models import ClassSession, ClassSessionId, ClassSurvey, Course, SurveyId


@dataclass(frozen=True, slots=True)
class SurveyAnswer:
    understanding: int | None = None
    interest_up: bool | None = None
    #: topic → could do it now (only the topics asked).
    could_do: Mapping[str, bool] = field(default_factory=dict)
    comment: str | None = None
    participant_id: int | None = None


@dataclass(frozen=True, slots=True)
class SurveyRow:
    id: SurveyId
    session_id: ClassSessionId
    answer: SurveyAnswer
    entered_at: dt.datetime


@dataclass(frozen=True, slots=True)
class TopicCount:
    yes: int
    asked: int

    @property
    def rate(self) -> float | None:
        return self.yes / self.asked if self.asked else None


@dataclass(frozen=True, slots=True)
class Comment:
    session_id: ClassSessionId | None
    session_title: str
    date: dt.date | None
    text: str


@dataclass(frozen=True, slots=True)
class SurveySummary:
    responses: int
    #: level (1–5) → number of answers; every level present.
    understanding: dict[int, int]
    understanding_unanswered: int
    min_level: int
    interest_yes: int
    interest_no: int
    interest_unanswered: int
    could_do: dict[str, TopicCount]
    comments: list[Comment]
    definitions: dict[str, str]

    @property
    def understanding_answered(self) -> int:
        return sum(self.understanding.values())

    @property
    def understood(self) -> int:
        return sum(n for lvl, n in self.understanding.items() if lvl >= self.min_level)

    @property
    def understood_share(self) -> float | None:
        a = self.understanding_answered
        return self.understood / a if a else None

    @property
    def mean_understanding(self) -> float | None:
        a = self.understanding_answered
        return sum(lvl * n for lvl, n in self.understanding.items()) / a if a else None

    @property
    def interest_rate(self) -> float | None:
        a = self.interest_yes + self.interest_no
        return self.interest_yes / a if a else None

    def to_json(self) -> dict[str, object]:
        return {
            "responses": self.responses,
            "understanding": {str(k): v for k, v in sorted(self.understanding.items())},
            "understanding_unanswered": self.understanding_unanswered,
            "min_level": self.min_level,
            "understood_share": self.understood_share,
            "mean_understanding": self.mean_understanding,
            "interest_yes": self.interest_yes, "interest_no": self.interest_no,
            "interest_unanswered": self.interest_unanswered, "interest_rate": self.interest_rate,
            "could_do": {t: {"yes": c.yes, "asked": c.asked, "rate": c.rate} for t, c in self.could_do.items()},
            "definitions": self.definitions,
        }


def definitions(min_level: int) -> dict[str, str]:
    """How each figure is counted, in the words a report footnote uses."""
    return {
        "回答数": "アンケートの回収枚数（無記名を含む）。",
        "理解度": (f"5段階（5 {UNDERSTANDING_LABELS[5]}〜1 {UNDERSTANDING_LABELS[1]}）のうち {min_level} 以上"
                 f"（{'・'.join(UNDERSTANDING_LABELS[lvl] for lvl in range(5, min_level - 1, -1))}）と答えた人の割合。"
                 "無回答は分母に含めない。"),
        "関心が上がった割合": "「デジタルへの関心が上がった」に「はい」と答えた人 ÷（「はい」＋「いいえ」）。無回答は分母に含めない。",
        "できるようになったこと": "講座の内容ごとに「できるようになった」に印をつけた人 ÷ その項目に答えた人。",
    }


def summarise(answers: Iterable[SurveyAnswer], *, min_level: int = 4, topics: Sequence[str] = (),
              comments: Sequence[Comment] = ()) -> SurveySummary:
    """Aggregate answers (pure: no database).  ``topics`` orders the could-do table first."""
    if not 1 <= min_level <= 5:
        raise UsageError("理解度の基準は1〜5で指定してください。")
    dist = {lvl: 0 for lvl in range(1, 6)}
    n = u_none = yes = no = i_none = 0
    could: dict[str, list[int]] = {t: [0, 0] for t in topics}
    for a in answers:
        n += 1
        if a.understanding is None:
            u_none += 1
        else:
            dist[a.understanding] += 1
        if a.interest_up is None:
            i_none += 1
        elif a.interest_up:
            yes += 1
        else:
            no += 1
        for t, ok in a.could_do.items():
            c = could.setdefault(t, [0, 0])
            c[1] += 1
            c[0] += bool(ok)
    return SurveySummary(n, dist, u_none, min_level, yes, no, i_none,
                         {t: TopicCount(c[0], c[1]) for t, c in could.items()}, list(comments),
                         definitions(min_level))


# --- entering -----------------------------------------------------------------------------------

def _check(s: Session, session: ClassSession, a: SurveyAnswer) -> SurveyAnswer:
    if session.status == CANCELLED:
        raise UsageError(f"『{title_of(s, session)}』は中止のため、アンケートは入力できません。")
    if a.understanding is not None and not 1 <= a.understanding <= 5:
        raise UsageError(f"理解度は1〜5で入力してください（{a.understanding}）。")
    course = s.get(Course, session.course_id)
    allowed = set(course_topics(course)) if course else set()
    unknown = [t for t in a.could_do if t not in allowed]
    if unknown:
        raise UsageError(f"「{'・'.join(unknown)}」はこの講座の内容にありません（{'・'.join(sorted(allowed)) or 'なし'}）。")
    comment = (a.comment or "").strip() or None
    return SurveyAnswer(a.understanding, a.interest_up, dict(a.could_do), comment, a.participant_id)


def _store(row: ClassSurvey, a: SurveyAnswer) -> None:
    row.understanding, row.interest_up, row.comment = a.understanding, a.interest_up, a.comment
    row.participant_id = a.participant_id
    row.could_do_json = json.dumps(dict(a.could_do), ensure_ascii=False)


def _answer(row: ClassSurvey) -> SurveyAnswer:
    return SurveyAnswer(row.understanding, row.interest_up, json.loads(row.could_do_json or "{}"), row.comment,
                        row.participant_id)


def _one_per_person(s: Session, session_id: int, participant_id: int | None, exclude: int | None) -> None:
    if participant_id is None:
        return
    q = select(ClassSurvey.id).where(ClassSurvey.session_id == session_id,
                                     ClassSurvey.participant_id == participant_id)
    if exclude is not None:
        q = q.where(ClassSurvey.id != exclude)
    if s.scalar(q) is not None:
        raise ConflictError(["この方のアンケートはこの回で既に入力されています。"])


@requires("outreach.manage")
def record_survey(db: Db, session_id: int, answer: SurveyAnswer, *, actor: Actor,
                  at: dt.datetime | None = None) -> SurveyId:
    with writing(db) as s:
        session = session_row(s, session_id)
        a = _check(s, session, answer)
        _one_per_person(s, session.id, a.participant_id, None)
        row = ClassSurvey(session_id=session.id, entered_at=at or dt.datetime.now())
        _store(row, a)
        s.add(row)
        s.flush()
        return SurveyId(row.id)


@requires("outreach.manage")
def update_survey(db: Db, survey_id: int, answer: SurveyAnswer, *, actor: Actor) -> None:
    with writing(db) as s:
        row = s.get(ClassSurvey, survey_id)
        if row is None:
            raise UsageError(f"アンケート（ID {survey_id}）が見つかりません。")
        a = _check(s, session_row(s, row.session_id), answer)
        _one_per_person(s, row.session_id, a.participant_id, row.id)
        _store(row, a)


@requires("outreach.manage")
def delete_survey(db: Db, survey_id: int, *, actor: Actor) -> None:
    with writing(db) as s:
        row = s.get(ClassSurvey, survey_id)
        if row is None:
            raise UsageError(f"アンケート（ID {survey_id}）が見つかりません。")
        s.delete(row)


@requires("outreach.manage")
def list_surveys(db: Db, session_id: int, *, actor: Actor) -> list[SurveyRow]:
    with reading(db) as s:
        return [SurveyRow(SurveyId(r.id), ClassSessionId(r.session_id), _answer(r), r.entered_at)
                for r in s.scalars(select(ClassSurvey).where(ClassSurvey.session_id == session_id)
                                   .order_by(ClassSurvey.id))]


@requires("figures.view")
def aggregate_surveys(db: Db, *, actor: Actor,
                      session_ids: Sequence[int] | None = None, date_from: dt.date | None = None,
                      date_to: dt.date | None = None, course_id: int | None = None,
                      status: str | None = None, min_level: int = 4) -> SurveySummary:
    """Survey figures over sessions chosen by ids, dates (inclusive), course and/or session status.

    The free-text comments come only with ``outreach.manage``: people write their own or others'
    names in them, so they are not figures; with ``figures.view`` alone ``comments`` is empty.
    """
    x = ClassSession
    conds: list[ColumnElement[bool]] = []
    if session_ids is not None:
        conds.append(x.id.in_(list(session_ids)))
    if date_from is not None:
        conds.append(x.date >= date_from)
    if date_to is not None:
        conds.append(x.date <= date_to)
    if course_id is not None:
        conds.append(x.course_id == course_id)
    if status is not None:
        conds.append(x.status == status)
    with reading(db) as s:
        # Sessions first (a few hundred), then the answers by session id: thousands of answer rows
        # carry no dates to convert.
        sessions = {r[0]: r for r in s.execute(select(x.id, x.date, x.start, x.number, x.series_id, x.course_id)
                                               .where(*conds))}
        rows = s.connection().execute(
            select(ClassSurvey.session_id, ClassSurvey.id, ClassSurvey.understanding, ClassSurvey.interest_up,
                   ClassSurvey.could_do_json, ClassSurvey.comment, ClassSurvey.participant_id)
            .where(ClassSurvey.session_id.in_(select(x.id).where(*conds)))).all()
        course_rows = {c.id: c for c in s.scalars(select(Course).where(Course.id.in_({r[5] for r in sessions.values()})))}
    rows = sorted(rows, key=lambda r: (sessions[r[0]][1], sessions[r[0]][2], r[1]))
    topics: list[str] = []
    for sid in sorted(sessions, key=lambda i: (sessions[i][1], sessions[i][2], i)):
        topics += [t for t in course_topics(course_rows[sessions[sid][5]]) if t not in topics]
    answers: list[SurveyAnswer] = []
    comments: list[Comment] = []
    with_comments = actor.can("outreach.manage")
    for sid, _, u, interest, could, comment, pid in rows:
        answers.append(SurveyAnswer(u, None if interest is None else bool(interest),
                                    json.loads(could) if could and could != "{}" else {}, comment, pid))
        if comment and with_comments:
            _, date, _, number, series_id, cid = sessions[sid]
            comments.append(Comment(ClassSessionId(sid), session_title(course_rows[cid].title, number,
                                                                       series_id is not None), date, comment))
    return summarise(answers, min_level=min_level, topics=topics, comments=comments)
