"""Which 指定避難所 each household goes to, for the per-shelter rosters.

The rule (docs/rosters.md):

1. a mapping the ward gives (``assigned``: household id → facility id, e.g. its 地区割り) wins;
2. otherwise the **nearest** 指定避難所 by geodesic distance on the GRS80 ellipsoid (JGD2011's,
   :func:`wardapp.geo.crs.distances_m`) from the household's point — straight-line distance, not
   the walking route, which the office checks on the map; ties go to the lower facility id;
3. a household without a point is measured from its 町字's representative point (``Town.lat``/
   ``lon``) and the roster says so; with neither it goes to the section 「避難所の割当なし」.

Only facilities of kind 指定避難所 (:data:`wardapp.geo.facilities.SHELTER`) with a position take
part; 指定緊急避難場所 are places to flee to, not to stay at, and 福祉避難所 open on request.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
from sqlalchemy import select

from wardapp.errors import UsageError
from wardapp.geo.crs import distances_m
from wardapp.geo.facilities import SHELTER
from wardapp.store.db import Store
from wardapp.store.models import Facility, Town

#: How an assignment was made (printed on the section's first page).
BY_MAPPING: Final = "指定の割当"
BY_POINT: Final = "世帯の位置から最も近い指定避難所"
BY_TOWN: Final = "町字の代表点から最も近い指定避難所（世帯の位置が不明）"


@dataclass(frozen=True, slots=True)
class Shelter:
    id: int
    name: str
    address: str
    phone: str
    lat: float
    lon: float


@dataclass(frozen=True, slots=True)
class Assignment:
    shelter: Shelter
    #: :data:`BY_MAPPING`, :data:`BY_POINT` or :data:`BY_TOWN`.
    how: str
    #: Straight-line metres from the point used (None for a given mapping).
    distance_m: float | None


def load_shelters(store: Store) -> list[Shelter]:
    """Every 指定避難所 with a position, by id."""
    with store.session() as s:
        rows = s.execute(select(Facility.id, Facility.name, Facility.address, Facility.phone, Facility.lat,
                                Facility.lon).where(Facility.kind == SHELTER, Facility.lat.is_not(None),
                                                    Facility.lon.is_not(None)).order_by(Facility.id)).all()
    return [Shelter(int(r[0]), str(r[1]), str(r[2] or ""), str(r[3] or ""), float(r[4] or 0), float(r[5] or 0))
            for r in rows]


def town_points(store: Store, town_ids: Sequence[int]) -> dict[int, tuple[float, float]]:
    """町字 id → (lat, lon) of its representative point, for the towns that have one."""
    if not town_ids:
        return {}
    with store.session() as s:
        rows = s.execute(select(Town.id, Town.lat, Town.lon).where(Town.id.in_(list(set(town_ids))))).all()
    return {int(r[0]): (float(r[1]), float(r[2])) for r in rows if r[1] is not None and r[2] is not None}


def nearest(shelters: Sequence[Shelter], lat: Sequence[float], lon: Sequence[float]) -> tuple[list[int], list[float]]:
    """Index into ``shelters`` of the nearest one for each point, and the distance in metres.

    Vectorised: one geodesic call for points × shelters.  Ties go to the earlier shelter.
    """
    n, k = len(lat), len(shelters)
    if n == 0:
        return [], []
    if k == 0:
        raise UsageError("指定避難所が登録されていないため、避難所ごとの名簿を作れません。"
                         "地図レイヤ（避難所）を取り込んでください。")
    slat_all = np.array([s.lat for s in shelters])
    slon_all = np.array([s.lon for s in shelters])
    best_all: list[int] = []
    dist_all: list[float] = []
    step = max(1, 200_000 // k)  # points × shelters per geodesic call stays small
    for i in range(0, n, step):
        la = np.asarray(lat[i:i + step], dtype=float)
        lo = np.asarray(lon[i:i + step], dtype=float)
        m = len(la)
        d = distances_m(np.repeat(lo, k), np.repeat(la, k), np.tile(slon_all, m), np.tile(slat_all, m)).reshape(m, k)
        best = np.argmin(d, axis=1)  # first minimum: the lower id on a tie
        best_all += best.tolist()
        dist_all += d[np.arange(m), best].tolist()
    return best_all, dist_all


def assign(store: Store, households: Sequence[tuple[int, float | None, float | None, int | None]], *,
           assigned: Mapping[int, int] | None = None) -> dict[int, Assignment | None]:
    """Household id → its shelter (``None``: no point, no 町字 point and no mapping).

    ``households`` are ``(id, lat, lon, town_id)``.  See the module docstring for the rule.
    """
    shelters = load_shelters(store)
    by_id = {s.id: s for s in shelters}
    out: dict[int, Assignment | None] = {}
    todo: list[tuple[int, float, float, str]] = []
    towns = town_points(store, [t for _, la, lo, t in households if (la is None or lo is None) and t is not None])
    for hid, lat, lon, town in households:
        given = (assigned or {}).get(hid)
        if given is not None:
            if given not in by_id:
                raise UsageError(f"割当先の避難所（施設番号 {given}）が指定避難所として登録されていません。")
            out[hid] = Assignment(by_id[given], BY_MAPPING, None)
        elif lat is not None and lon is not None:
            todo.append((hid, lat, lon, BY_POINT))
        elif town is not None and town in towns:
            todo.append((hid, towns[town][0], towns[town][1], BY_TOWN))
        else:
            out[hid] = None
    if todo:
        idx, dist = nearest(shelters, [t[1] for t in todo], [t[2] for t in todo])
        for (hid, _, _, how), i, d in zip(todo, idx, dist, strict=True):
            out[hid] = Assignment(shelters[i], how, d)
    return out
