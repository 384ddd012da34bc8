"""A small ward whose address matching is fully known, for the 住所辞書 review tests.

Shared by the core tests (``tests/test_address_review.py``, which load it by path) and the GUI
tests (``tests/ui/test_gazetteer_page.py``), so it imports no Qt.  Built straight through the
ORM; :data:`EXPECTED` says what :func:`wardapp.address.matcher.match_households` makes of each
household, and :data:`COUNTS` the totals the page must show.
"""

from __future__ import annotations

from pathlib import Path

from wardapp.store import Household, Store, Town, open_store
from wardapp.store.models import AddressPoint

LAT, LON = 35.4500, 139.6100
#: One metre in degrees of latitude, near enough.
M = 1 / 111_000

# (code, name, oaza, chome, city, residential, town lat/lon or None)
TOWNS = [
    ("G01", "桜台一丁目", "桜台", 1, "架空市", True, (LAT, LON)),
    ("G02", "桜台二丁目", "桜台", 2, "架空市", True, None),  # no point for the town itself
    ("G03", "緑町", "緑町", None, "架空市", False, (LAT + 0.01, LON)),
    ("G04", "本町三丁目", "本町", 3, "架空市", True, (LAT + 0.02, LON)),  # no 街区/号 points at all
    ("G05", "青葉町", "青葉町", None, "架空市", True, (LAT - 0.01, LON)),
    ("G06", "青葉町", "青葉町", None, "見本市", True, (LAT - 0.05, LON + 0.04)),  # same name, other city
]

# (town code, level, block, residence, parcel, dataset, metres north of the town, metres east)
POINTS = [
    ("G01", "town", None, None, None, "abr-town", 0, 0),
    ("G01", "block", "1", None, None, "abr-block", 10, 10),
    ("G01", "block", "2", None, None, "abr-block", 60, 10),
    ("G01", "block", "3", None, None, "abr-block", 110, 10),
    ("G01", "residence", "1", "1", None, "abr-residence", 5, 5),
    ("G01", "residence", "1", "2", None, "abr-residence", 5, 25),
    ("G01", "residence", "2", "3", None, "abr-residence", 55, 25),
    # 桜台二丁目5番8号: two datasets disagree by ~150 m → two places, staff choose.
    ("G02", "residence", "5", "8", None, "abr-residence", 0, 0),
    ("G02", "residence", "5", "8", None, "isj-block", 150, 0),
    ("G02", "residence", "5", "9", None, "abr-residence", 0, 20),
    ("G03", "block", None, None, "4", "abr-parcel", 0, 0),
    ("G03", "block", None, None, "10-2", "abr-parcel", 40, 40),
    ("G05", "town", None, None, None, "abr-town", 0, 0),
]

# (世帯番号, address, expected status, expected level)
HOUSEHOLDS = [
    ("G000001", "桜台一丁目1番1号", "matched", "residence"),
    ("G000002", "桜台1丁目1-1", "matched", "residence"),
    ("G000003", "桜台一丁目1番2号", "matched", "residence"),
    ("G000004", "桜台一丁目3番9号", "matched", "block"),
    ("G000005", "桜台二丁目5番8号", "ambiguous", None),
    ("G000006", "桜台二丁目５番８号", "ambiguous", None),  # the same key: one row, two households
    ("G000007", "緑町4番地", "matched", "block"),
    ("G000008", "本町三丁目7番1号", "matched", "town"),
    ("G000009", "旭が丘9999番地", "unmatched", None),
    ("G000010", "桜台二丁目77番1号", "unmatched", None),
    ("G000011", "青葉町5番", "ambiguous", None),
    ("G000012", "架空市青葉町5番", "matched", "town"),
]

EXPECTED = {no: (status, level) for no, _, status, level in HOUSEHOLDS}

#: Ward totals after matching.
COUNTS = {"households": 12, "residence": 3, "block": 2, "town": 2, "ambiguous": 3, "unmatched": 2, "manual": 0}

AMBIGUOUS_ADDRESS = "桜台二丁目5番8号"
SAME_NAME_ADDRESS = "青葉町5番"
UNMATCHED_ADDRESS = "桜台二丁目77番1号"


def build_gazetteer_ward(path: Path) -> Store:
    """Create the ward at ``path`` (households not yet matched) and return the opened store."""
    store = open_store(path)
    with store.transaction() as s:
        towns: dict[str, Town] = {}
        for code, name, oaza, chome, city, residential, pos in TOWNS:
            t = Town(code=code, name=name, oaza=oaza, chome=chome, city=city, residential_addressing=residential,
                     lat=pos[0] if pos else None, lon=pos[1] if pos else None)
            s.add(t)
            towns[code] = t
        s.flush()
        for code, level, block, residence, parcel, dataset, north, east in POINTS:
            t = towns[code]
            base_lat, base_lon = (t.lat, t.lon) if t.lat is not None and t.lon is not None else (LAT + 0.005, LON)
            s.add(AddressPoint(town_id=t.id, level=level, block=block, residence=residence, parcel=parcel,
                               lat=base_lat + north * M, lon=base_lon + east * M / 0.815, source=dataset,
                               dataset=dataset))
        for no, address, _status, _level in HOUSEHOLDS:
            s.add(Household(household_no=no, address=address))
    return store
