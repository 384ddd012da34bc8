"""受講者: the people who signed up for classes, entered from their own sign-up.

Privacy (docs/outreach.md 「個人情報」): participant data is outreach data, kept apart from the
resident registry (住民基本台帳).  Nothing here reads registry names, addresses or birth dates to
fill a participant; a participant is whoever the person told the office they are.  Linking a
participant to a registry person (宛名番号) is a separate, explicit action that is logged
(:func:`link_participant`).

Duplicates are caught at entry: the same カナ (folded by :func:`wardapp.kana.kana_key`, so
ひらがな/カタカナ/半角 and spaces do not matter) with the same phone number (digits only, so
``045-123-4567`` = ``０４５１２３４５６７``) is the same person.  Without a phone number on either
side, the same カナ with the same birth date is.  Spouses sharing a landline differ by カナ and
are not duplicates.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session

from wardapp.errors import ConflictError, UsageError
from wardapp.kana import is_kana, kana_key, to_katakana
from wardapp.outreach.db import Db, reading, writing
from wardapp.outreach.lookup import participant_row
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.outreach.vocabulary import AGE_BANDS, DEVICES, ENROLLED, NEEDS, WAITING, WITHDRAWN, age_band
from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSurvey, ParticipantId, ParticipantLink, Person
from wardapp.wareki import age_on


@dataclass(frozen=True, slots=True)
class ParticipantData:
    """What the sign-up sheet (or the phone call) gives.  ``kana`` may be ひらがな or カタカナ."""

    name: str
    kana: str
    phone: str | None = None
    birth_date: dt.date | None = None
    #: 年代 when no birth date is given (one of ``AGE_BANDS``).
    age_band: str | None = None
    town_id: int | None = None
    address: str | None = None
    device: str = "持っていない"
    needs: tuple[str, ...] = ()
    consent_contact: bool = False
    notes: str | None = None


@dataclass(frozen=True, slots=True)
class ParticipantMatch:
    """A stored participant found by a search or by the duplicate check."""

    id: ParticipantId
    name: str
    kana: str
    phone: str | None
    birth_date: dt.date | None
    age_band: str | None
    #: True: the same person by the duplicate rule; False: only the same カナ (同姓同名?).
    exact: bool = False


class DuplicateParticipantError(ConflictError):
    """The participant is already registered: use ``existing_id`` instead of a new entry."""

    def __init__(self, existing: ParticipantMatch) -> None:
        self.existing_id = existing.id
        phone = f"・電話 {existing.phone}" if existing.phone else ""
        born = f"・生年月日 {existing.birth_date.isoformat()}" if existing.birth_date else ""
        super().__init__([f"{existing.name}（{existing.kana}{phone}{born}）さんは既に受講者として登録されています"
                          f"（受講者ID {existing.id}）。その方を選んでください。"])


@dataclass(frozen=True, slots=True)
class LinkInfo:
    id: int
    participant_id: ParticipantId
    person_no: str
    linked_by: str
    linked_at: dt.datetime
    reason: str
    removed_by: str | None
    removed_at: dt.datetime | None
    removed_reason: str | None

    @property
    def active(self) -> bool:
        return self.removed_at is None


# --- keys ----------------------------------------------------------------------------------------

def phone_key(phone: str | None) -> str | None:
    """Digits only (full-width folded); None when there are none."""
    if not phone:
        return None
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", phone) if ch.isdigit())
    return digits or None


def age_band_of(birth_date: dt.date | None, band: str | None, on: dt.date) -> str | None:
    """年代 on ``on``: from the birth date when known, else as the person told it."""
    if birth_date is not None:
        return age_band(age_on(birth_date, on))
    return band


def _spaced(text: str) -> str:
    """NFKC with one space between name parts: full-width for Japanese names (registry style)."""
    parts = unicodedata.normalize("NFKC", text).split()
    sep = " " if all(ch.isascii() for part in parts for ch in part) else "\u3000"
    return sep.join(parts)


def _clean(data: ParticipantData) -> ParticipantData:
    name = _spaced(data.name)
    if not name:
        raise UsageError("氏名を入力してください。")
    kana = "\u3000".join(to_katakana(data.kana).split())
    if not kana or not is_kana(kana):
        raise UsageError(f"フリガナはカナで入力してください（「{data.kana}」）。受付と重複の確認に使います。")
    if data.device not in DEVICES:
        raise UsageError(f"端末「{data.device}」は使えません（{'・'.join(DEVICES)}のいずれか）。")
    bad = [n for n in data.needs if n not in NEEDS]
    if bad:
        raise UsageError(f"配慮事項「{'・'.join(bad)}」は使えません（{'・'.join(NEEDS)}から選んでください）。")
    band = data.age_band
    if band is not None and band not in AGE_BANDS:
        raise UsageError(f"年代「{band}」は使えません（{'・'.join(AGE_BANDS)}のいずれか）。")
    if data.birth_date is not None:
        if data.birth_date > dt.date.today() or data.birth_date.year < 1900:
            raise UsageError(f"生年月日 {data.birth_date.isoformat()} は正しくありません。")
        band = None
    phone = unicodedata.normalize("NFKC", data.phone).strip() if data.phone else None
    needs = tuple(n for n in NEEDS if n in data.needs)
    return ParticipantData(name, kana, phone or None, data.birth_date, band, data.town_id,
                           (data.address or "").strip() or None, data.device, needs, bool(data.consent_contact),
                           (data.notes or "").strip() or None)


def _match(p: ClassParticipant, exact: bool) -> ParticipantMatch:
    return ParticipantMatch(ParticipantId(p.id), p.name, p.kana, p.phone, p.birth_date, p.age_band, exact)


def _duplicates(s: Session, kana: str, phone: str | None, birth_date: dt.date | None,
                exclude_id: int | None) -> list[ParticipantMatch]:
    kk, pk = kana_key(kana), phone_key(phone)
    q = select(ClassParticipant).where(ClassParticipant.kana_key == kk)
    if exclude_id is not None:
        q = q.where(ClassParticipant.id != exclude_id)
    out = []
    for p in s.scalars(q.order_by(ClassParticipant.id)):
        if pk is not None and p.phone_key is not None:
            exact = p.phone_key == pk
        else:
            exact = birth_date is not None and p.birth_date == birth_date
        out.append(_match(p, exact))
    out.sort(key=lambda m: not m.exact)
    return out


@requires("outreach.manage")
def find_duplicates(db: Db, kana: str, phone: str | None = None, birth_date: dt.date | None = None, *,
                    actor: Actor, exclude_id: int | None = None) -> list[ParticipantMatch]:
    """Stored participants with the same カナ; ``exact`` marks the ones that are the same person.

    For the entry form to warn while staff type, before :func:`register_participant` refuses.
    """
    with reading(db) as s:
        return _duplicates(s, kana, phone, birth_date, exclude_id)


# --- writing -------------------------------------------------------------------------------------

def _fill(p: ClassParticipant, d: ParticipantData) -> None:
    p.name, p.kana, p.kana_key = d.name, d.kana, kana_key(d.kana)
    p.phone, p.phone_key = d.phone, phone_key(d.phone)
    p.birth_date, p.age_band, p.town_id, p.address = d.birth_date, d.age_band, d.town_id, d.address
    p.device, p.needs, p.consent_contact, p.notes = d.device, ",".join(d.needs), d.consent_contact, d.notes


@requires("outreach.manage")
def register_participant(db: Db, data: ParticipantData, *, actor: Actor, user: str | None = None,
                         at: dt.datetime | None = None) -> ParticipantId:
    """Enter a new participant from their own sign-up (``at``: when; default now); a duplicate
    raises :class:`DuplicateParticipantError` naming the stored one (nothing is written)."""
    d = _clean(data)
    with writing(db) as s:
        dup = [m for m in _duplicates(s, d.kana, d.phone, d.birth_date, None) if m.exact]
        if dup:
            raise DuplicateParticipantError(dup[0])
        p = ClassParticipant(created_at=at or dt.datetime.now(),
                             created_by=user if user is not None or actor.is_system else actor.user)
        _fill(p, d)
        s.add(p)
        s.flush()
        return ParticipantId(p.id)


@requires("outreach.manage")
def update_participant(db: Db, participant_id: int, data: ParticipantData, *, actor: Actor) -> None:
    d = _clean(data)
    with writing(db) as s:
        p = participant_row(s, participant_id)
        dup = [m for m in _duplicates(s, d.kana, d.phone, d.birth_date, p.id) if m.exact]
        if dup:
            raise DuplicateParticipantError(dup[0])
        _fill(p, d)


@requires("outreach.manage")
def get_participant(db: Db, participant_id: int, *, actor: Actor) -> ParticipantData:
    with reading(db) as s:
        p = participant_row(s, participant_id)
        return ParticipantData(p.name, p.kana, p.phone, p.birth_date, p.age_band, p.town_id, p.address, p.device,
                               tuple(n for n in p.needs.split(",") if n), p.consent_contact, p.notes)


@requires("outreach.manage")
def search_participants(db: Db, text: str, *, actor: Actor, limit: int = 50) -> list[ParticipantMatch]:
    """By カナ (any kana form, beginning first), name, or phone digits — the check-in search."""
    t = text.strip()
    if not t:
        return []
    key, digits = kana_key(t), phone_key(t)
    with reading(db) as s:
        conds = [ClassParticipant.kana_key.contains(key, autoescape=True),
                 ClassParticipant.name.contains(unicodedata.normalize("NFKC", t), autoescape=True)]
        if digits and len(digits) >= 3:
            conds.append(ClassParticipant.phone_key.contains(digits, autoescape=True))
        rows = s.scalars(select(ClassParticipant).where(or_(*conds))
                         .order_by(ClassParticipant.kana_key, ClassParticipant.id).limit(limit * 4)).all()
    rows = sorted(rows, key=lambda p: (not p.kana_key.startswith(key), p.kana_key, p.id))[:limit]
    return [_match(p, False) for p in rows]


_RANK = {ENROLLED: 2, WAITING: 1, WITHDRAWN: 0}


@requires("outreach.manage")
def merge_participants(db: Db, keep_id: int, drop_id: int, *, actor: Actor) -> None:
    """Two entries of one person found later: move sign-ups, surveys and links to ``keep_id``.

    Where both hold a place in the same session, the one that attended (else the better status)
    is kept.
    """
    if keep_id == drop_id:
        raise UsageError("同じ受講者どうしは統合できません。")
    with writing(db) as s:
        keep, drop = participant_row(s, keep_id), participant_row(s, drop_id)
        mine = {e.session_id: e for e in s.scalars(select(ClassEnrolment)
                                                   .where(ClassEnrolment.participant_id == keep.id))}
        for e in s.scalars(select(ClassEnrolment).where(ClassEnrolment.participant_id == drop.id)).all():
            other = mine.get(e.session_id)
            if other is None:
                e.participant_id = keep.id
                continue
            better = (e.attendance is not None, _RANK[e.status]) > (other.attendance is not None, _RANK[other.status])
            if better:
                s.delete(other)
                s.flush()
                e.participant_id = keep.id
            else:
                s.delete(e)
        s.execute(update(ClassSurvey).where(ClassSurvey.participant_id == drop.id).values(participant_id=keep.id))
        s.execute(update(ParticipantLink).where(ParticipantLink.participant_id == drop.id)
                  .values(participant_id=keep.id))
        s.flush()
        s.delete(drop)


@requires("outreach.manage")
def erase_participant(db: Db, participant_id: int, *, actor: Actor, on: dt.date | None = None) -> None:
    """On the person's request, remove what identifies them, keeping the anonymous figures.

    Name, カナ, phone, birth date, address, needs and notes are cleared (the 年代 on ``on`` is kept),
    registry links are deleted (the audit log of the security issue keeps that they existed), and
    survey answers lose their owner.  Attendance stays, so
    past 受講者数 do not change.
    """
    on = on or dt.date.today()
    with writing(db) as s:
        p = participant_row(s, participant_id)
        p.age_band = age_band_of(p.birth_date, p.age_band, on)
        p.name, p.kana, p.kana_key = "（削除済み）", "サクジョズミ", kana_key("サクジョズミ")
        p.phone = p.phone_key = p.birth_date = p.address = p.notes = None
        p.needs, p.consent_contact, p.town_id = "", False, None
        s.execute(update(ClassSurvey).where(ClassSurvey.participant_id == p.id).values(participant_id=None))
        s.execute(delete(ParticipantLink).where(ParticipantLink.participant_id == p.id))


# --- explicit links to the registry ---------------------------------------------------------------

def _link_info(r: ParticipantLink) -> LinkInfo:
    return LinkInfo(r.id, ParticipantId(r.participant_id), r.person_no, r.linked_by, r.linked_at, r.reason,
                    r.removed_by, r.removed_at, r.removed_reason)


@requires("outreach.link_registry")
def link_participant(db: Db, participant_id: int, person_no: str, *, actor: Actor, reason: str) -> LinkInfo:
    """Link a participant to a registry person (宛名番号) — an explicit, logged act.

    Why it exists: a coordinator may need to know that a participant is, say, on the
    避難行動要支援者名簿 (to send a 防災アプリ class invitation through the right channel).  Why it
    is guarded: participant data was given for a class, not for the registry (目的外利用), so a
    link is never made automatically, never fills participant fields from the registry, and
    records who made it, when and why in ``participant_links`` (rows are never deleted; see
    :func:`unlink_participant`).

    Permission ``outreach.link_registry`` (roles that may see registry data; never 地域支援担当).
    Each link is also written to the audit log in the same transaction.

    Refused when the actor lacks the permission, ``reason`` is empty, the 宛名番号 is not in the
    registry, or the participant is already linked (unlink first).
    """
    who, why, no = (actor.user or "").strip(), (reason or "").strip(), (person_no or "").strip()
    if not who:
        raise UsageError("紐付けを行う職員名が必要です。")
    if not why:
        raise UsageError("住民記録と紐付ける理由を入力してください（記録に残ります）。")
    with writing(db) as s:
        p = participant_row(s, participant_id)
        if s.scalar(select(Person.id).where(Person.person_no == no)) is None:
            raise UsageError(f"宛名番号「{no}」は住民記録にありません。")
        active = s.scalar(select(ParticipantLink).where(ParticipantLink.participant_id == p.id,
                                                        ParticipantLink.removed_at.is_(None)))
        if active is not None:
            raise ConflictError([f"{p.name}さんは既に宛名番号「{active.person_no}」と紐付いています"
                                 f"（{active.linked_by}、{active.linked_at:%Y-%m-%d}）。先に解除してください。"])
        link = ParticipantLink(participant_id=p.id, person_no=no, linked_by=who, linked_at=dt.datetime.now(),
                               reason=why)
        s.add(link)
        s.flush()
        audit.record(s, actor, "participant.link", no, details={"participant_id": p.id, "reason": why})
        return _link_info(link)


@requires("outreach.link_registry")
def unlink_participant(db: Db, participant_id: int, *, actor: Actor, reason: str) -> LinkInfo:
    """Remove the active link; the row stays as the record, with who removed it, when and why."""
    who, why = (actor.user or "").strip(), (reason or "").strip()
    if not who or not why:
        raise UsageError("紐付けの解除には職員名と理由が必要です。")
    with writing(db) as s:
        p = participant_row(s, participant_id)
        active = s.scalar(select(ParticipantLink).where(ParticipantLink.participant_id == p.id,
                                                        ParticipantLink.removed_at.is_(None)))
        if active is None:
            raise UsageError(f"{p.name}さんは住民記録と紐付いていません。")
        active.removed_by, active.removed_at, active.removed_reason = who, dt.datetime.now(), why
        s.flush()
        audit.record(s, actor, "participant.unlink", active.person_no,
                     details={"participant_id": p.id, "reason": why})
        return _link_info(active)


@requires("outreach.link_registry")
def participant_links(db: Db, participant_id: int, *, actor: Actor) -> list[LinkInfo]:
    """Every link ever made for the participant, newest first (the active one has no ``removed_at``)."""
    with reading(db) as s:
        return [_link_info(r) for r in s.scalars(select(ParticipantLink)
                                                 .where(ParticipantLink.participant_id == participant_id)
                                                 .order_by(ParticipantLink.linked_at.desc(),
                                                           ParticipantLink.id.desc()))]
