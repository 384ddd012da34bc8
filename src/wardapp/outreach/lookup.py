"""Finding rows by id with a Japanese message when they are gone, and how a session is named."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from sqlalchemy.orm import Session

from wardapp.errors import UsageError
from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession, Course

_SPACES = re.compile(r"[\s\u3000]+")


def session_row(s: Session, session_id: int) -> ClassSession:
    row = s.get(ClassSession, session_id)
    if row is None:
        raise UsageError(f"回（ID {session_id}）が見つかりません。`wardapp classes list` で ID を確かめてください。")
    return row


def participant_row(s: Session, participant_id: int) -> ClassParticipant:
    row = s.get(ClassParticipant, participant_id)
    if row is None:
        raise UsageError(f"受講者（ID {participant_id}）が見つかりません。")
    return row


def enrolment_row(s: Session, enrolment_id: int) -> ClassEnrolment:
    row = s.get(ClassEnrolment, enrolment_id)
    if row is None:
        raise UsageError(f"申込（ID {enrolment_id}）が見つかりません。")
    return row


def session_title(course_title: str, number: int, in_series: bool) -> str:
    """「はじめてのスマホ 第2回」 for a session of a series, the course title alone otherwise."""
    return f"{course_title} 第{number}回" if in_series else course_title


def title_of(s: Session, row: ClassSession) -> str:
    course = s.get(Course, row.course_id)
    return session_title(course.title if course else "（講座なし）", row.number, row.series_id is not None)


def when(date: dt.date, start: dt.time, end: dt.time) -> str:
    """``2026-05-12 10:00–12:00`` as conflict messages and lists write it."""
    return f"{date.isoformat()} {start:%H:%M}–{end:%H:%M}"


def name_key(text: str) -> str:
    """Compare names of people and places regardless of width and spacing."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))
