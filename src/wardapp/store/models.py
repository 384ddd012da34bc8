"""Typed ORM models (SQLAlchemy 2.0 declarative).

Geometry stays portable: points as JGD2011 latitude/longitude columns, polygons as WKB bytes
(shapely reads and writes them).  マイナンバー is never stored: there is deliberately no column
for it, and the registry importer drops such a column if a file carries one.
"""

from __future__ import annotations

import datetime as dt
from typing import NewType

from sqlalchemy import (
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

TownId = NewType("TownId", int)
HouseholdId = NewType("HouseholdId", int)
PersonId = NewType("PersonId", int)
PointId = NewType("PointId", int)


class Base(DeclarativeBase):
    pass


class Town(Base):
    """町字 (大字・町 + 丁目 / 小字): the unit of most statistics and of the address dictionary."""

    __tablename__ = "towns"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable code: 全国地方公共団体コード + 町字ID for official data, or the demo's own.
    code: Mapped[str] = mapped_column(String(32), unique=True)
    #: Display name as written officially, e.g. 「桜台二丁目」.
    name: Mapped[str] = mapped_column(String(100))
    #: 大字・町 part without 丁目, e.g. 「桜台」.
    oaza: Mapped[str] = mapped_column(String(100))
    #: 丁目 number (None where the town has no 丁目).
    chome: Mapped[int | None] = mapped_column(Integer)
    kana: Mapped[str | None] = mapped_column(String(200))
    #: 住居表示 (True) or 地番 (False) addressing.
    residential_addressing: Mapped[bool] = mapped_column(default=True)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    boundary_wkb: Mapped[bytes | None] = mapped_column(LargeBinary)
    source: Mapped[str | None] = mapped_column(String(200))
    #: 市区町村名 as the official data writes it (e.g. 「狭山市」, 「横浜市港南区」).
    city: Mapped[str | None] = mapped_column(String(100))
    #: 全国地方公共団体コード (6 digits with check digit, as ABR's lg_code).
    lg_code: Mapped[str | None] = mapped_column(String(6))
    #: 小字・通称名 where a town is defined down to it (地番 areas).
    koaza: Mapped[str | None] = mapped_column(String(100))
    #: 効力発生日 / 廃止日 of the 町字 (ABR); a town with ``valid_to`` in the past is history.
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)

    households: Mapped[list[Household]] = relationship(back_populates="town")


class AddressPoint(Base):
    """One entry of the 住所辞書: a point for an address at a given level.

    ``level`` is ``residence`` (号), ``block`` (街区) or ``town`` (町字).  Validity dates follow
    the official data's 効力発生日/廃止日.
    """

    __tablename__ = "address_points"
    __table_args__ = (Index("ix_address_points_lookup", "town_id", "block", "residence"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    town_id: Mapped[int] = mapped_column(ForeignKey("towns.id", ondelete="CASCADE"))
    level: Mapped[str] = mapped_column(String(16))
    block: Mapped[str | None] = mapped_column(String(20))
    residence: Mapped[str | None] = mapped_column(String(20))
    parcel: Mapped[str | None] = mapped_column(String(40))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    source: Mapped[str] = mapped_column(String(200))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    #: Which dataset the point came from: ``isj-block``, ``isj-town``, ``abr-residence``,
    #: ``abr-block``, ``abr-parcel``, ``abr-town``, ``demo`` … A newer release of the same
    #: dataset replaces the older one for the same towns.
    dataset: Mapped[str | None] = mapped_column(String(40))
    #: Release of the dataset (e.g. ISJ 「令和6年」 or the ABR file date) for "what moved" reports.
    release: Mapped[str | None] = mapped_column(String(40))


class Household(Base):
    """住基世帯: built from the registry rows sharing one 世帯番号."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_no: Mapped[str] = mapped_column(String(32), unique=True)
    #: The address exactly as the registry gave it (of the head, or the first member).
    address: Mapped[str] = mapped_column(Text)
    #: 方書 (building and room) as given.
    building: Mapped[str | None] = mapped_column(Text)
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id", ondelete="SET NULL"), index=True)
    #: Set by address matching (a later stage): the point and the level it matched at.
    point_id: Mapped[int | None] = mapped_column(ForeignKey("address_points.id", ondelete="SET NULL"))
    match_level: Mapped[str | None] = mapped_column(String(16))
    #: Where the household's point is (copied from the matched point or the manual fix), so the
    #: map and the scores need no join; None while unmatched.
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    #: ``matched`` | ``ambiguous`` | ``unmatched`` | ``manual`` (None: matching not run yet).
    match_status: Mapped[str | None] = mapped_column(String(16))
    #: Source dataset of the matched point (or ``manual``).
    match_source: Mapped[str | None] = mapped_column(String(40))
    #: For ``ambiguous``: the candidate point ids as JSON, shown to staff — never chosen silently.
    match_candidates: Mapped[str | None] = mapped_column(Text)
    #: 方書 found glued onto the end of the registry 住所 and split off by matching.
    address_building: Mapped[str | None] = mapped_column(Text)

    town: Mapped[Town | None] = relationship(back_populates="households")
    members: Mapped[list[Person]] = relationship(back_populates="household", order_by="Person.id")


class Person(Base):
    """One resident (住民) from the registry extract, keyed by 宛名番号 (never マイナンバー)."""

    __tablename__ = "persons"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_no: Mapped[str] = mapped_column(String(32), unique=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kana: Mapped[str] = mapped_column(String(200))
    #: Search key: kana folded to full-width katakana without spaces (see ``wardapp.text``).
    kana_key: Mapped[str] = mapped_column(String(200), index=True)
    birth_date: Mapped[dt.date] = mapped_column(Date)
    #: 1 = 男, 2 = 女 (the registry's own coding).
    sex: Mapped[int] = mapped_column(Integer)
    relationship_: Mapped[str] = mapped_column("relationship", String(40))
    is_head: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str] = mapped_column(Text)
    building: Mapped[str | None] = mapped_column(Text)
    resident_kind: Mapped[str | None] = mapped_column(String(20))
    change_reason: Mapped[str | None] = mapped_column(String(40))
    change_date: Mapped[dt.date | None] = mapped_column(Date)

    household: Mapped[Household] = relationship(back_populates="members")


class WelfareAttribute(Base):
    """A welfare fact about a person (介護, 手帳, 妊娠, 難病, 医療的ケア, 要支援者名簿 …).

    Joined by 宛名番号 so that attributes arriving before a registry update are not lost.
    Valid from ``valid_from`` to ``valid_to`` inclusive; for 妊娠 ``valid_to`` is the 出産予定日.
    """

    __tablename__ = "welfare_attributes"
    __table_args__ = (Index("ix_welfare_person_kind", "person_no", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_no: Mapped[str] = mapped_column(String(32))
    kind: Mapped[str] = mapped_column(String(40))
    grade: Mapped[str | None] = mapped_column(String(40))
    valid_from: Mapped[dt.date | None] = mapped_column(Date)
    valid_to: Mapped[dt.date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(200))


class Facility(Base):
    """A shelter, local hub or class venue (指定避難所, 地区センター, 地域ケアプラザ …)."""

    __tablename__ = "facilities"
    __table_args__ = (UniqueConstraint("name", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    capacity: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(40))
    #: Hazards the site is designated for (洪水, 土砂災害, 地震 …), comma separated.
    hazards: Mapped[str | None] = mapped_column(String(200))
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id", ondelete="SET NULL"))
    source: Mapped[str | None] = mapped_column(String(200))


class AddressFix(Base):
    """A manual decision for an address the matcher could not place, kept across re-imports.

    Keyed by the normalised address text (not the household), so that the next registry
    extract, which rebuilds households, finds it again.  Either a chosen dictionary point or a
    point placed by hand on the map.  Who and when are recorded.
    """

    __tablename__ = "address_fixes"

    id: Mapped[int] = mapped_column(primary_key=True)
    address_key: Mapped[str] = mapped_column(Text, unique=True)
    #: The address as staff saw it when fixing (for display).
    address: Mapped[str] = mapped_column(Text)
    point_id: Mapped[int | None] = mapped_column(ForeignKey("address_points.id", ondelete="SET NULL"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id", ondelete="SET NULL"))
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class HazardZone(Base):
    """A hazard polygon: 浸水想定区域 by depth rank (国土数値情報 A31 and municipal maps).

    ``rank`` follows A31's depth ranks (1: <0.5 m, 2: 0.5–3 m, 3: 3–5 m, 4: 5–10 m, 5: 10–20 m,
    6: ≥20 m); ``depth_min``/``depth_max`` in metres make rules like "0.5 m以上" independent of
    the ranking a release used.  Geometry is WKB in JGD2011 lat/lon (EPSG:6668).
    """

    __tablename__ = "hazard_zones"
    __table_args__ = (Index("ix_hazard_kind_rank", "kind", "rank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    rank: Mapped[int] = mapped_column(Integer)
    depth_min: Mapped[float] = mapped_column(Float)
    depth_max: Mapped[float | None] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(40))
    geometry_wkb: Mapped[bytes] = mapped_column(LargeBinary)
    source: Mapped[str] = mapped_column(String(200))
    release: Mapped[str | None] = mapped_column(String(40))


class ImportRun(Base):
    """One completed import: what, when, by whom, and its counts (JSON)."""

    __tablename__ = "import_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    file_name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[dt.datetime] = mapped_column(DateTime)
    finished_at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[str | None] = mapped_column(String(100))
    counts_json: Mapped[str] = mapped_column(Text)


ScoreRunId = NewType("ScoreRunId", int)


class ScoreRun(Base):
    """One scoring of the ward (援護度): which profile, which 基準日, when and by whom.

    Kept so that a printed roster can always say how its scores were made: the profile's name,
    version, SHA-256 and full TOML text are stored with the run.  The per-household and
    per-person rows of old runs are pruned (``details_pruned``); this row is never deleted by
    the app.
    """

    __tablename__ = "score_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    profile_name: Mapped[str] = mapped_column(String(200))
    profile_version: Mapped[int] = mapped_column(Integer)
    profile_sha256: Mapped[str] = mapped_column(String(64))
    profile_toml: Mapped[str] = mapped_column(Text)
    #: 基準日: ages and welfare validity are as of this day.
    reference_date: Mapped[dt.date] = mapped_column(Date)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    user: Mapped[str | None] = mapped_column(String(100))
    persons: Mapped[int] = mapped_column(Integer)
    households: Mapped[int] = mapped_column(Integer)
    #: True once the household/person rows of this run were removed to save space.
    details_pruned: Mapped[bool] = mapped_column(default=False)


class HouseholdScore(Base):
    """世帯スコア of one household in one run.

    ``household_id`` deliberately has no foreign key: a run is a record of what was scored,
    and must outlive households that a later registry import removes (``household_no`` keeps
    it readable).  ``categories`` holds one letter per category (高乳妊障医).
    """

    __tablename__ = "household_scores"

    run_id: Mapped[int] = mapped_column(ForeignKey("score_runs.id", ondelete="CASCADE"), primary_key=True)
    household_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    household_no: Mapped[str] = mapped_column(String(32))
    score: Mapped[int] = mapped_column(Integer)
    max_person_score: Mapped[int] = mapped_column(Integer)
    members: Mapped[int] = mapped_column(Integer)
    categories: Mapped[str] = mapped_column(String(8))
    band: Mapped[str] = mapped_column(String(40))
    #: 1 = the household most in need (score, then highest individual score, then 世帯番号).
    rank: Mapped[int] = mapped_column(Integer)


class PersonScore(Base):
    """個人スコア of one person in one run, with the ids of the rules that gave points."""

    __tablename__ = "person_scores"

    run_id: Mapped[int] = mapped_column(ForeignKey("score_runs.id", ondelete="CASCADE"), primary_key=True)
    person_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    person_no: Mapped[str] = mapped_column(String(32))
    household_id: Mapped[int] = mapped_column(Integer)
    score: Mapped[int] = mapped_column(Integer)
    categories: Mapped[str] = mapped_column(String(8))
    #: Comma-separated rule ids, in profile order.
    rules: Mapped[str] = mapped_column(Text)


SavedSelectionId = NewType("SavedSelectionId", int)


class SavedSelection(Base):
    """A named 任意のエリア (drawn area, circle, 町字 or flood class), saved to be reopened and printed.

    The area is kept as JSON: a GeoJSON geometry with its coordinates exactly as drawn (holes
    and parts included), or the parameters of a circle, a set of 町字 (ids and codes, so a
    rebuilt dictionary still finds them) or a flood depth class.  With it the 基準日 and the
    score run the list was made with, and who saved it when (``wardapp.geo.selection``).
    """

    __tablename__ = "saved_selections"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    #: ``polygon`` | ``circle`` | ``towns`` | ``flood``.
    kind: Mapped[str] = mapped_column(String(20))
    #: GeoJSON geometry, or ``{"type": "Circle" | "Towns" | "Flood", …}``.
    area_json: Mapped[str] = mapped_column(Text)
    #: 基準日 of the list when saved (ages).
    reference_date: Mapped[dt.date | None] = mapped_column(Date)
    #: The score run the list was ranked by (None: no run, or scores given by the caller).
    score_run_id: Mapped[int | None] = mapped_column(ForeignKey("score_runs.id", ondelete="SET NULL"))
    #: Households listed when saved (the data may have changed since).
    households: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


# ---------------------------------------------------------------------------------------------
# Outreach: スマホ教室 (issue 7).  Participant data is outreach data, kept apart from the registry:
# ``class_participants`` has no foreign key to ``persons``; an explicit, logged link lives in
# ``participant_links`` (see ``wardapp.outreach.participants.link_participant``).

CourseId = NewType("CourseId", int)
SeriesId = NewType("SeriesId", int)
ClassSessionId = NewType("ClassSessionId", int)
ParticipantId = NewType("ParticipantId", int)
EnrolmentId = NewType("EnrolmentId", int)
SurveyId = NewType("SurveyId", int)


class ClassTopic(Base):
    """One entry of the ward's editable list of curriculum topics (基本操作, LINE, 詐欺対策 …)."""

    __tablename__ = "class_topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    position: Mapped[int] = mapped_column(Integer)


class Course(Base):
    """講座: what is taught, by which partner, paid from which budget.

    ``topics_json`` is the ordered list of curriculum topics (JSON array of names); the survey's
    「できるようになったこと」 checks are asked per topic.
    """

    __tablename__ = "class_courses"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    topics_json: Mapped[str] = mapped_column(Text, default="[]")
    #: 入門 / 初級 / 中級 …
    level: Mapped[str] = mapped_column(String(40))
    #: 民間事業者 / NPO / 地域団体 (and the partner's own name).
    partner_kind: Mapped[str] = mapped_column(String(40))
    partner_name: Mapped[str | None] = mapped_column(String(200))
    #: 区予算 / 市補助 / 国の制度
    funding: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ClassSeries(Base):
    """Sessions created together (e.g. every Tuesday for four weeks) and edited as a whole."""

    __tablename__ = "class_series"

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("class_courses.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ClassSession(Base):
    """回: one meeting of a course at a venue, with its capacity and status.

    ``status`` is 予定 / 確定 / 実施済 / 中止 (``cancel_reason`` then says why).  The venue is a
    :class:`Facility` when it is one (``facility_id``); ``venue`` keeps its name as shown, so a
    session stays readable if a facility layer is re-imported without it, and so a place that
    is not in the facility list (自治会館) can still be used.
    """

    __tablename__ = "class_sessions"
    __table_args__ = (Index("ix_class_sessions_date", "date", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("class_courses.id", ondelete="CASCADE"), index=True)
    series_id: Mapped[int | None] = mapped_column(ForeignKey("class_series.id", ondelete="SET NULL"), index=True)
    #: 第n回 within the series (1 for a single session).
    number: Mapped[int] = mapped_column(Integer, default=1)
    date: Mapped[dt.date] = mapped_column(Date)
    start: Mapped[dt.time]
    end: Mapped[dt.time]
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id", ondelete="SET NULL"), index=True)
    venue: Mapped[str | None] = mapped_column(String(200))
    capacity: Mapped[int] = mapped_column(Integer)
    #: 貸出端末: smartphones lent for the session to those who own none.
    loan_devices: Mapped[int] = mapped_column(Integer, default=0)
    #: Instructor names (JSON array); the same name twice at once is a conflict.
    instructors_json: Mapped[str] = mapped_column(Text, default="[]")
    #: 対面 / オンライン / ハイブリッド
    delivery: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ClassParticipant(Base):
    """受講者: a person who signed up for a class themselves (by phone, paper, at the counter …).

    Never filled from the registry.  Duplicates are caught at entry on ``kana_key`` + ``phone_key``
    (digits only).  ``needs`` is a comma list (大きな文字, 補聴, 車いす, 付き添い).
    """

    __tablename__ = "class_participants"
    __table_args__ = (Index("ix_class_participants_dupe", "kana_key", "phone_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kana: Mapped[str] = mapped_column(String(200))
    kana_key: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    phone_key: Mapped[str | None] = mapped_column(String(40), index=True)
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    #: 年代 as told when no birth date is given (「70代」).
    age_band: Mapped[str | None] = mapped_column(String(20))
    town_id: Mapped[int | None] = mapped_column(ForeignKey("towns.id", ondelete="SET NULL"))
    address: Mapped[str | None] = mapped_column(Text)
    #: 持っていない / ガラケー / Android / iPhone / タブレット
    device: Mapped[str] = mapped_column(String(20))
    needs: Mapped[str] = mapped_column(String(200), default="")
    #: 連絡の同意: may the office contact them about future classes.
    consent_contact: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str | None] = mapped_column(String(100))


class ClassEnrolment(Base):
    """申込: a participant's place in one session (申込 / キャンセル待ち / 取消) and attendance.

    The waiting list is first come, first served by ``applied_at`` (then id).  ``call_reason``
    (繰り上げ, 中止 …) with ``called_at`` empty puts the enrolment on the coordinator's call list.
    ``attendance`` is None until the day, then 出席 or 欠席 (no-show).
    """

    __tablename__ = "class_enrolments"
    __table_args__ = (
        UniqueConstraint("session_id", "participant_id"),
        Index("ix_class_enrolments_participant", "participant_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("class_participants.id", ondelete="CASCADE"))
    #: 電話 / 窓口 / はがき / FAX / オンライン / 代理 / 当日 (walk-in)
    channel: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(20))
    applied_at: Mapped[dt.datetime] = mapped_column(DateTime)
    #: Who applied for them (代理申込: family, 民生委員 …).
    proxy_name: Mapped[str | None] = mapped_column(String(200))
    promoted_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cancelled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    call_reason: Mapped[str | None] = mapped_column(String(40))
    called_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    attendance: Mapped[str | None] = mapped_column(String(10))
    checked_in_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    note: Mapped[str | None] = mapped_column(Text)


class ClassSurvey(Base):
    """アンケート after a session: 理解度 (1–5), 「デジタルへの関心が上がった」, could-do per topic.

    Paper surveys are often anonymous, so ``participant_id`` is optional.  ``could_do_json`` maps
    topic name → true/false (topics not asked are absent).
    """

    __tablename__ = "class_surveys"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("class_sessions.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("class_participants.id", ondelete="SET NULL"))
    understanding: Mapped[int | None] = mapped_column(Integer)
    interest_up: Mapped[bool | None]
    could_do_json: Mapped[str] = mapped_column(Text, default="{}")
    comment: Mapped[str | None] = mapped_column(Text)
    entered_at: Mapped[dt.datetime] = mapped_column(DateTime)


class ParticipantLink(Base):
    """An explicit link of an outreach participant to a registry person (宛名番号), and its log.

    Rows are never deleted: removing a link fills ``removed_*``.  Made only by
    ``link_participant`` with the user and a reason.
    """

    __tablename__ = "participant_links"

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("class_participants.id", ondelete="CASCADE"),
                                                index=True)
    person_no: Mapped[str] = mapped_column(String(32))
    linked_by: Mapped[str] = mapped_column(String(100))
    linked_at: Mapped[dt.datetime] = mapped_column(DateTime)
    reason: Mapped[str] = mapped_column(Text)
    removed_by: Mapped[str | None] = mapped_column(String(100))
    removed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    removed_reason: Mapped[str | None] = mapped_column(Text)


# ---------------------------------------------------------------------------------------------
# Security (issue 9): local accounts and the hash-chained audit log (wardapp.security).

UserId = NewType("UserId", int)


class User(Base):
    """A local account.  ``password_hash`` is an argon2id PHC string; the password is never stored.

    Accounts are disabled, never deleted: the audit log names them.  ``role`` is a
    :class:`wardapp.security.roles.Role` value.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Login name (NFKC, no spaces).
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16))
    password_hash: Mapped[str] = mapped_column(String(200))
    #: Set when an administrator created or reset the password: the user picks their own first.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    disabled: Mapped[bool] = mapped_column(default=False)
    #: Wrong passwords in a row since the last success; at the policy's limit the account locks.
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(DateTime)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime)
    created_by: Mapped[str] = mapped_column(String(64))
    password_changed_at: Mapped[dt.datetime] = mapped_column(DateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class AuditEntry(Base):
    """One entry of the append-only audit log; ``hash`` chains it to the entry before.

    Text columns hold exactly what was hashed (``at`` as ISO 8601 with its UTC offset, counts and
    details as canonical JSON), so that the hash can be recomputed from the row alone.  ``seq``
    is assigned in order without gaps; it is not an autoincrement key.
    """

    __tablename__ = "audit_log"
    __table_args__ = (Index("ix_audit_log_user_at", "user", "at"),)

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40), index=True)
    user: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64), index=True)
    #: What was acted on: 世帯番号, a file name, a user name, a document kind ("" if nothing).
    object_: Mapped[str] = mapped_column("object", Text)
    counts_json: Mapped[str] = mapped_column(Text)
    details_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64), unique=True)


class IctAdviser(Base):
    """ICTアドバイザー: who visits community groups, with skills and a weekly availability.

    ``availability_json`` maps a weekday (0 = 月 … 6 = 日) to ``[["09:00", "17:00"], …]``;
    ``exceptions_json`` lists dates (ISO) the adviser is not available at all.  ``weekly_cap`` is
    the most visits (not 取消) in one week (月–日).
    """

    __tablename__ = "ict_advisers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    affiliation: Mapped[str | None] = mapped_column(String(200))
    skills_json: Mapped[str] = mapped_column(Text, default="[]")
    availability_json: Mapped[str] = mapped_column(Text, default="{}")
    exceptions_json: Mapped[str] = mapped_column(Text, default="[]")
    weekly_cap: Mapped[int] = mapped_column(Integer, default=3)
    notes: Mapped[str | None] = mapped_column(Text)


class CommunityGroup(Base):
    """地域団体 (自治会町内会, 老人クラブ, 地区社協, NPO …) that asks for adviser visits or grants."""

    __tablename__ = "community_groups"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(40))
    #: Town ids covered (JSON array).
    towns_json: Mapped[str] = mapped_column(Text, default="[]")
    representative: Mapped[str | None] = mapped_column(String(100))
    contact: Mapped[str | None] = mapped_column(String(200))
    #: Usual activity places (JSON array of names).
    places_json: Mapped[str] = mapped_column(Text, default="[]")
    members: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class IctVisit(Base):
    """出前訪問: a group's request (受付) that becomes a scheduled visit (確定) and is reported (実施済)."""

    __tablename__ = "ict_visits"
    __table_args__ = (Index("ix_ict_visits_date", "date", "start"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("community_groups.id", ondelete="CASCADE"), index=True)
    topics_json: Mapped[str] = mapped_column(Text, default="[]")
    #: Preferred dates (JSON array of ISO dates) as the group asked.
    preferred_json: Mapped[str] = mapped_column(Text, default="[]")
    expected: Mapped[int | None] = mapped_column(Integer)
    equipment: Mapped[str | None] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    start: Mapped[dt.time | None]
    end: Mapped[dt.time | None]
    facility_id: Mapped[int | None] = mapped_column(ForeignKey("facilities.id", ondelete="SET NULL"), index=True)
    venue: Mapped[str | None] = mapped_column(String(200))
    adviser_id: Mapped[int | None] = mapped_column(ForeignKey("ict_advisers.id", ondelete="SET NULL"), index=True)
    #: 受付 / 調整中 / 確定 / 実施済 / 取消
    status: Mapped[str] = mapped_column(String(20))
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    actual_start: Mapped[dt.time | None]
    actual_end: Mapped[dt.time | None]
    attendees: Mapped[int | None] = mapped_column(Integer)
    done: Mapped[str | None] = mapped_column(Text)
    outcome: Mapped[str | None] = mapped_column(Text)
    follow_up: Mapped[str | None] = mapped_column(Text)
    follow_up_date: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)


class IctGrant(Base):
    """助成: a group's application (ICT機器整備 / 活用講座), amounts in yen."""

    __tablename__ = "ict_grants"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(ForeignKey("community_groups.id", ondelete="CASCADE"), index=True)
    purpose: Mapped[str] = mapped_column(String(40))
    applied_on: Mapped[dt.date] = mapped_column(Date)
    applied: Mapped[int] = mapped_column(Integer)
    granted: Mapped[int | None] = mapped_column(Integer)
    #: 申請中 / 交付決定 / 不交付 / 取下げ
    status: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str | None] = mapped_column(Text)


class OutreachPastFigure(Base):
    """A yearly-report figure of a 年度 the app has no data for (or that staff correct), as plans
    printed it: 「情報格差是正に向けた取組数」 of H30年度 = 9.  Entered by staff, shown in the
    report's 経年比較 (``wardapp.outreach.yearly``).  ``cumulative`` marks a figure printed
    with (累計).  One row per 年度 and indicator key."""

    __tablename__ = "outreach_past_figures"
    __table_args__ = (UniqueConstraint("fiscal_year", "indicator"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 年度 as the calendar year it starts in (2018 = H30年度).
    fiscal_year: Mapped[int] = mapped_column(Integer)
    #: Key of :data:`wardapp.outreach.yearly.INDICATORS` (``initiatives``, ``sessions`` …).
    indicator: Mapped[str] = mapped_column(String(40))
    value: Mapped[float] = mapped_column(Float)
    cumulative: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime)
    updated_by: Mapped[str] = mapped_column(String(100))
