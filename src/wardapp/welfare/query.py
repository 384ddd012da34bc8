"""Which welfare attributes hold on a 基準日.

An attribute counts on ``on`` when ``valid_from ≤ on ≤ valid_to`` (both inclusive; an empty
end is open).  Expired attributes stay in the store — history is kept — but stop counting.

妊娠 is stored with ``valid_to`` = 出産予定日.  Whether, and how long, a pregnancy keeps counting
after that (the starting profile gives 妊婦 points until 出産予定日 + 8週, domain.md) is the
scoring profile's decision: it passes ``grace={"妊娠": timedelta(weeks=8)}`` and gets those rows
too, with ``valid_to`` still the 出産予定日.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import cast

import pandas as pd
from sqlalchemy import ColumnElement, Connection, String, Table, and_, or_, select, type_coerce

from wardapp.store.db import Store
from wardapp.security.access import Actor, requires
from wardapp.store.models import Person, WelfareAttribute

COLUMNS = ("id", "person_no", "person_id", "kind", "grade", "valid_from", "valid_to")


def active_clause(t: Table, on: dt.date, grace: Mapping[str, dt.timedelta] | None = None) -> ColumnElement[bool]:
    """SQL condition "valid on ``on``" for the welfare table ``t``; ``grace`` extends the end per 種別."""
    ends: list[ColumnElement[bool]] = [t.c.valid_to.is_(None), t.c.valid_to >= on]
    for kind, extra in (grace or {}).items():
        ends.append(and_(t.c.kind == kind, t.c.valid_to >= on - extra))
    return and_(or_(t.c.valid_from.is_(None), t.c.valid_from <= on), or_(*ends))


@requires("welfare.view")
def active_attributes(source: Store | Connection, on: dt.date, *, actor: Actor, kinds: Iterable[str] | None = None,
                      grace: Mapping[str, dt.timedelta] | None = None,
                      registered_only: bool = False) -> pd.DataFrame:
    """The attributes valid on ``on``, one row each, ordered by 宛名番号, 種別, 開始日.

    Needs ``welfare.view``: welfare attributes (要介護・手帳 …) of identified persons.

    Columns: ``id``, ``person_no``, ``person_id`` (``Int64``; <NA> while the 宛名番号 is not in
    the registry — such attributes are kept and start counting when the person appears),
    ``kind``, ``grade`` (``str`` columns; ``grade`` is missing where the 区分 is empty),
    ``valid_from`` / ``valid_to`` (``datetime64[s]``, NaT for an open end).  ``registered_only`` drops the <NA> rows.
    One indexed query and a vectorised conversion: a ward of 400,000 residents takes well
    under a second.
    """
    w = cast(Table, WelfareAttribute.__table__)
    p = cast(Table, Person.__table__)
    # Dates come back as the stored ISO text on SQLite and are converted in one go by pandas.
    stmt = (
        select(w.c.id, w.c.person_no, p.c.id, w.c.kind, w.c.grade,
               type_coerce(w.c.valid_from, String), type_coerce(w.c.valid_to, String))
        .select_from(w.join(p, p.c.person_no == w.c.person_no, isouter=not registered_only))
        .where(active_clause(w, on, grace))
        .order_by(w.c.person_no, w.c.kind, w.c.valid_from, w.c.id)
    )
    if kinds is not None:
        stmt = stmt.where(w.c.kind.in_(list(kinds)))
    if isinstance(source, Store):
        with source.engine.connect() as conn:
            rows = conn.execute(stmt).all()
    else:
        rows = source.execute(stmt).all()
    # Column-wise from plain tuples: pandas probing SQLAlchemy rows one by one costs more than the query.
    cols = list(zip(*rows)) if rows else [()] * len(COLUMNS)
    return pd.DataFrame({
        "id": pd.array(cols[0], dtype="int64"),
        "person_no": pd.array(cols[1], dtype="str"),
        "person_id": pd.array(cols[2], dtype="Int64"),
        "kind": pd.array(cols[3], dtype="str"),
        "grade": pd.array(cols[4], dtype="str"),
        "valid_from": pd.to_datetime(pd.Series(cols[5], dtype=object)).astype("datetime64[s]"),
        "valid_to": pd.to_datetime(pd.Series(cols[6], dtype=object)).astype("datetime64[s]"),
    })
