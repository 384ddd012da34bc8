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
from wardapp.store.db import Store
from wardapp.store.models import Facility

_DIGITS = re.compile(r"\d")


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


def sign_in_sheet_data(store: Store, session_id: int, *, blank_rows: int | None = None) -> SignInSheet:
    """The 受付名簿 input for one session: those signed up (kana order), blank rows for walk-ins."""
    with store.session() as s:
        sheet = attendance_sheet(s, session_id)
        info = get_session(s, session_id)
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


def print_sign_in_sheet(store: Store, session_id: int, out: Path, *, printed_by: str,
                        printed_at: dt.datetime | None = None) -> Path:
    """Write the 受付名簿 PDF of ``session_id`` to ``out``."""
    data = sign_in_sheet_data(store, session_id)
    return render_sign_in_sheet(data, out, printed_by=printed_by, printed_at=printed_at or dt.datetime.now())


# --- 募集ポスター and 受講案内 of a stored session ---------------------------------------------------

#: What a poster says that is not stored with the session (the office fills these in when printing).
POSTER_TEXTS = ("catch", "target", "fee", "bring", "apply_phone", "apply_counter", "apply_period", "organizer",
                "note")
#: The same for a 受講案内: who to ask, and how to get there.
GUIDE_TEXTS = ("contact_name", "contact_phone", "contact_hours", "access")


def _course_rows(s: Session, info: SessionInfo) -> list[SessionRow]:
    """The session, or every session of its series that is not 中止, by date."""
    if info.series_id is None:
        return [r for r in list_sessions(s, date_from=info.plan.date, date_to=info.plan.date) if r.id == info.id]
    return [r for r in list_sessions(s, course_id=info.course_id)
            if r.series_id == info.series_id and r.status != CANCELLED]


def _guide_session(r: SessionRow) -> GuideSession:
    return GuideSession(r.date, r.start, r.end, f"第{r.number}回" if r.series_id is not None else "")


def _venue(s: Session, info: SessionInfo) -> tuple[str, str]:
    address = ""
    if info.plan.facility_id is not None:
        address = s.execute(select(Facility.address).where(Facility.id == info.plan.facility_id)).scalar() or ""
    return info.plan.venue or info.plan.delivery, address


def poster_data(store: Store, session_id: int, texts: Mapping[str, str] | None = None) -> SessionPoster:
    """The 募集ポスター of a session (of its whole series): title, dates, venue, topics, capacity.

    ``texts`` adds what is not stored (keys :data:`POSTER_TEXTS`: catch copy, 対象, 申込 phone …);
    the poster carries no personal data.
    """
    extra = {k: v.strip() for k, v in (texts or {}).items() if k in POSTER_TEXTS and v and v.strip()}
    with store.session() as s:
        info = get_session(s, session_id)
        venue, address = _venue(s, info)
        dates = [_guide_session(r) for r in _course_rows(s, info)]
    return SessionPoster(title=info.course_title, sessions=dates, venue_name=venue, venue_address=address,
                         contents=info.topics, capacity=f"{info.plan.capacity}名（先着順）", **extra)


def guide_data(store: Store, session_id: int, participant_ids: Sequence[int],
               texts: Mapping[str, str] | None = None) -> list[CourseGuide]:
    """One 受講案内 per participant: the dates of the course (series) they hold a place in.

    A participant's dates are the sessions of the series they are signed up for (申込), so someone
    who joined at 第3回 is not told to come to 第1回; if they hold none (e.g. only waiting), the
    chosen session.  ``texts``: keys :data:`GUIDE_TEXTS`.
    """
    extra = {k: v.strip() for k, v in (texts or {}).items() if k in GUIDE_TEXTS and v and v.strip()}
    guides = []
    with store.session() as s:
        info = get_session(s, session_id)
        venue, address = _venue(s, info)
        rows = _course_rows(s, info)
        for pid in participant_ids:
            person = get_participant(s, pid)
            mine = {h.session_id for h in participant_history(s, pid) if h.status == ENROLLED}
            own = [_guide_session(r) for r in rows if r.id in mine] or [_guide_session(r) for r in rows]
            guides.append(CourseGuide(course_title=info.course_title, sessions=own, venue_name=venue,
                                      venue_address=address, participant_name=person.name, **extra))
    return guides


def print_poster(store: Store, session_id: int, out: Path, *, printed_by: str,
                 texts: Mapping[str, str] | None = None, printed_at: dt.datetime | None = None) -> Path:
    """Write the 募集ポスター of ``session_id`` to ``out``."""
    return render_session_poster(poster_data(store, session_id, texts), out, printed_by=printed_by,
                                 printed_at=printed_at or dt.datetime.now())


def print_course_guides(store: Store, session_id: int, participant_ids: Sequence[int], out: Path, *,
                        printed_by: str, texts: Mapping[str, str] | None = None,
                        printed_at: dt.datetime | None = None) -> Path:
    """Write the 受講案内 of the participants (one page each) to ``out``."""
    return render_course_guide(guide_data(store, session_id, participant_ids, texts), out, printed_by=printed_by,
                               printed_at=printed_at or dt.datetime.now())
