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
