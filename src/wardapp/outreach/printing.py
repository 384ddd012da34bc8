"""Printing a session's 受付名簿 (sign-in sheet) from the outreach records.

The document itself is :func:`wardapp.reports.outreach.render_sign_in_sheet`; this module only
turns the stored session into its input.  Phone numbers are masked on paper (the sheet lies on
a reception desk): the coordinator calls from the screen, not from the printout.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from sqlalchemy import select

from wardapp.outreach.queries import attendance_sheet
from wardapp.outreach.sessions import get_session
from wardapp.reports.outreach import SignInParticipant, SignInSheet, render_sign_in_sheet
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
