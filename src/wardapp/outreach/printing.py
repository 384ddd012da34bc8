"""Printing a session's 受付名簿 (sign-in sheet), 募集ポスター and 受講案内 from the outreach records.

The documents themselves are in :mod:`wardapp.reports.outreach`; this module only turns the
stored session into their input.  Phone numbers are masked on paper (the sheet lies on
a reception desk): the coordinator calls from the screen, not from the printout.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wardapp.outreach.attendance import participant_history
from wardapp.outreach.participants import get_participant
from wardapp.outreach.queries import SessionRow, attendance_sheet, list_sessions
from wardapp.outreach.sessions import SessionInfo, get_session
from wardapp.outreach.vocabulary import CANCELLED, ENROLLED
from wardapp.reports.outreach import (
    CourseGuide,
    GuideSession,
    SessionPoster,
    SignInParticipant,
    SignInSheet,
    render_course_guide,
    render_session_poster,
    render_sign_in_sheet,
)
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import Facility

_DIGITS = re.compile(r"\d")

#: Why a 受付名簿 / 受講案内 is printed, as the audit log records it unless the caller says otherwise.
SIGN_IN_REASON = "教室当日の受付に使用"
GUIDE_REASON = "受講者への受講案内の送付"


def mask_phone(phone: str | None) -> str | None:
    """``090-1234-5678`` → ``090-****-5678``: the first and last groups stay, for recognition."""
    if not phone:
        return None
    digits = _DIGITS.findall(phone)
    if len(digits) < 7:
        return "*" * len(phone)
    keep_head, keep_tail = 3, 4
    out, seen = [], 0
    for ch in phone:
        if ch.isdigit():
            seen += 1
            out.append(ch if seen <= keep_head or seen > len(digits) - keep_tail else "*")
        else:
            out.append(ch)
    return "".join(out)


@requires("outreach.manage")
def sign_in_sheet_data(store: Store, session_id: int, *, actor: Actor, blank_rows: int | None = None) -> SignInSheet:
    """The 受付名簿 input for one session: those signed up (kana order), blank rows for walk-ins."""
    with store.session() as s:
        sheet = attendance_sheet(s, session_id, actor=actor)
        info = get_session(s, session_id, actor=actor)
        address = ""
        if info.plan.facility_id is not None:
            address = s.execute(select(Facility.address).where(Facility.id == info.plan.facility_id)).scalar() or ""
    participants = [SignInParticipant(kana=r.kana, name=r.name, phone_masked=mask_phone(r.phone),
                                      needs=r.needs, note=("代理: " + r.proxy_name) if r.proxy_name else "")
                    for r in sheet.rows]
    # At least the free seats, and a few more: walk-ins come even to full sessions.
    blanks = blank_rows if blank_rows is not None else max(4, min(20, sheet.free_seats + 2))
    return SignInSheet(session_title=sheet.title, course_title=sheet.course_title, date=sheet.date,
                       start=sheet.start, end=sheet.end, venue_name=sheet.venue or "（会場未定）",
                       venue_address=address, instructors=sheet.instructors, participants=participants,
                       blank_rows=blanks)


@requires("outreach.manage")
def print_sign_in_sheet(store: Store, session_id: int, out: Path, *, actor: Actor, printed_by: str | None = None,
                        printed_at: dt.datetime | None = None, reason: str = SIGN_IN_REASON) -> Path:
    """Write the 受付名簿 PDF of ``session_id`` to ``out``; recorded in the audit log.

    The sheet carries participants' names (a print of personal data, docs/security.md), so the
    print is written to the audit log with the session, the number of names and ``reason``.
    ``printed_by`` (the footer) defaults to the actor's name.
    """
    data = sign_in_sheet_data(store, session_id, actor=actor)
    path = render_sign_in_sheet(data, out, printed_by=printed_by or _who(actor),
                                printed_at=printed_at or dt.datetime.now())
    _record_print(store, actor, path, document="受付名簿",
                  area=_area(data.session_title, data.date, data.venue_name), persons=len(data.participants),
                  reason=reason)
    return path


def _who(actor: Actor) -> str:
    return actor.display_name or (actor.os_user if actor.is_system and actor.os_user else actor.user)


def _area(title: str, date: dt.date, venue: str) -> str:
    return f"{title}（{date.isoformat()}・{venue}）"


def _record_print(store: Store, actor: Actor, path: Path, *, document: str, area: str, persons: int,
                  reason: str) -> None:
    """The audit entry of a printout with names; without an entry there is no file either."""
    try:
        audit.record_output(store, actor, kind="print", document=document, area=area, mode="PDF", reason=reason,
                            persons=persons, file=Path(path).name)
    except BaseException:
        Path(path).unlink(missing_ok=True)
        raise


# --- 募集ポスター and 受講案内 of a stored session ---------------------------------------------------

#: What a poster says that is not stored with the session (the office fills these in when printing).
POSTER_TEXTS = ("catch", "target", "fee", "bring", "apply_phone", "apply_counter", "apply_period", "organizer",
                "note")
#: The same for a 受講案内: who to ask, and how to get there.
GUIDE_TEXTS = ("contact_name", "contact_phone", "contact_hours", "access")


def _course_rows(s: Session, info: SessionInfo, actor: Actor) -> list[SessionRow]:
    """The session, or every session of its series that is not 中止, by date."""
    if info.series_id is None:
        return [r for r in list_sessions(s, date_from=info.plan.date, date_to=info.plan.date, actor=actor)
                if r.id == info.id]
    return [r for r in list_sessions(s, course_id=info.course_id, actor=actor)
            if r.series_id == info.series_id and r.status != CANCELLED]


def _guide_session(r: SessionRow) -> GuideSession:
    return GuideSession(r.date, r.start, r.end, f"第{r.number}回" if r.series_id is not None else "")


def _venue(s: Session, info: SessionInfo) -> tuple[str, str]:
    address = ""
    if info.plan.facility_id is not None:
        address = s.execute(select(Facility.address).where(Facility.id == info.plan.facility_id)).scalar() or ""
    return info.plan.venue or info.plan.delivery, address


@requires("outreach.manage")
def poster_data(store: Store, session_id: int, texts: Mapping[str, str] | None = None, *, actor: Actor) -> SessionPoster:
    """The 募集ポスター of a session (of its whole series): title, dates, venue, topics, capacity.

    ``texts`` adds what is not stored (keys :data:`POSTER_TEXTS`: catch copy, 対象, 申込 phone …);
    the poster carries no personal data.
    """
    extra = {k: v.strip() for k, v in (texts or {}).items() if k in POSTER_TEXTS and v and v.strip()}
    with store.session() as s:
        info = get_session(s, session_id, actor=actor)
        venue, address = _venue(s, info)
        dates = [_guide_session(r) for r in _course_rows(s, info, actor)]
    return SessionPoster(title=info.course_title, sessions=dates, venue_name=venue, venue_address=address,
                         contents=info.topics, capacity=f"{info.plan.capacity}名（先着順）", **extra)


@requires("outreach.manage")
def guide_data(store: Store, session_id: int, participant_ids: Sequence[int],
               texts: Mapping[str, str] | None = None, *, actor: Actor) -> list[CourseGuide]:
    """One 受講案内 per participant: the dates of the course (series) they hold a place in.

    A participant's dates are the sessions of the series they are signed up for (申込), so someone
    who joined at 第3回 is not told to come to 第1回; if they hold none (e.g. only waiting), the
    chosen session.  ``texts``: keys :data:`GUIDE_TEXTS`.
    """
    extra = {k: v.strip() for k, v in (texts or {}).items() if k in GUIDE_TEXTS and v and v.strip()}
    guides = []
    with store.session() as s:
        info = get_session(s, session_id, actor=actor)
        venue, address = _venue(s, info)
        rows = _course_rows(s, info, actor)
        for pid in participant_ids:
            person = get_participant(s, pid, actor=actor)
            mine = {h.session_id for h in participant_history(s, pid, actor=actor) if h.status == ENROLLED}
            own = [_guide_session(r) for r in rows if r.id in mine] or [_guide_session(r) for r in rows]
            guides.append(CourseGuide(course_title=info.course_title, sessions=own, venue_name=venue,
                                      venue_address=address, participant_name=person.name, **extra))
    return guides


@requires("outreach.manage")
def print_poster(store: Store, session_id: int, out: Path, *, actor: Actor, printed_by: str | None = None,
                 texts: Mapping[str, str] | None = None, printed_at: dt.datetime | None = None) -> Path:
    """Write the 募集ポスター of ``session_id`` to ``out``."""
    return render_session_poster(poster_data(store, session_id, texts, actor=actor), out,
                                 printed_by=printed_by or _who(actor),
                                 printed_at=printed_at or dt.datetime.now())


@requires("outreach.manage")
def print_course_guides(store: Store, session_id: int, participant_ids: Sequence[int], out: Path, *,
                        actor: Actor, printed_by: str | None = None, texts: Mapping[str, str] | None = None,
                        printed_at: dt.datetime | None = None, reason: str = GUIDE_REASON) -> Path:
    """Write the 受講案内 of the participants (one page each) to ``out``; recorded in the audit
    log like the 受付名簿 (each page carries a participant's name)."""
    guides = guide_data(store, session_id, participant_ids, texts, actor=actor)
    path = render_course_guide(guides, out, printed_by=printed_by or _who(actor),
                               printed_at=printed_at or dt.datetime.now())
    info = get_session(store, session_id, actor=actor)
    _record_print(store, actor, path, document="受講案内",
                  area=_area(info.title, info.plan.date, info.plan.venue or info.plan.delivery),
                  persons=len(guides), reason=reason)
    return path
