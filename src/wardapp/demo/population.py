"""Residents of the demo ward: households of realistic shape, people with names, dates and homes.

Households are drawn by type (単身, 高齢単身, 夫婦のみ, 夫婦と子, ひとり親と子, 三世代, 高齢の親と
未婚の子, 同居人, 外国人) with member ages that fit each other (a mother is 24–38 years older than
her first child, a 子の妻 is about her husband's age).  The type shares are tuned so that the
ward's age structure matches Japan's (≈29% aged 65+, ≈16% aged 75+, ≈11–12% under 15) and about a
quarter of those 65+ live alone — the people the support score is about.

All work is whole-array numpy; the only per-person Python is string assembly of names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from wardapp.demo import names

#: 続柄 codes → text as written in 住民記録.
RELATIONSHIPS: tuple[str, ...] = ("世帯主", "妻", "夫", "子", "父", "母", "孫", "子の妻", "子の夫", "同居人")
HEAD, WIFE, HUSBAND, CHILD, FATHER, MOTHER, GRANDCHILD, CHILD_WIFE, CHILD_HUSBAND, LODGER = range(10)
#: Listing order of members inside a household (世帯主 first).
_REL_ORDER = np.array([0, 1, 1, 3, 2, 2, 5, 4, 4, 6])

MALE, FEMALE = 1, 2

#: Japan's population by 5-year age group, millions (0–4 … 95–99, 100+), 2023–24 estimates.
_PYRAMID_5Y = np.array([4.0, 4.8, 5.2, 5.5, 6.3, 6.4, 6.3, 7.0, 7.8, 9.0, 9.5, 8.2, 7.4, 7.3, 9.0, 7.5, 5.8, 3.9,
                        1.9, 0.5, 0.1])
MAX_AGE = 104
_PYRAMID = np.repeat(_PYRAMID_5Y / 5, 5)[: MAX_AGE + 1]

#: Household types and their share of households (tuned; see the module docstring).
HOUSEHOLD_TYPES: dict[str, float] = {
    "単身": 0.215,
    "高齢単身": 0.155,
    "夫婦のみ": 0.075,
    "高齢夫婦": 0.145,
    "夫婦と子": 0.185,
    "ひとり親と子": 0.065,
    "三世代（子世代が世帯主）": 0.025,
    "三世代（親世代が世帯主）": 0.02,
    "高齢の親と子": 0.075,
    "同居人あり": 0.01,
    "外国人": 0.03,
}
TYPE_NAMES = tuple(HOUSEHOLD_TYPES)

#: Chance that a household of each type lives in an apartment (方書 with room number).
_APARTMENT_SHARE = np.array([0.85, 0.35, 0.55, 0.25, 0.4, 0.7, 0.05, 0.05, 0.2, 0.7, 0.85])


def _pmf(lo: int, hi: int, tilt: np.ndarray | None = None) -> np.ndarray:
    w = _PYRAMID[lo: hi + 1].copy()
    if tilt is not None:
        w *= tilt
    return w / w.sum()


def _ages(rng: np.random.Generator, n: int, lo: int, hi: int, tilt: np.ndarray | None = None) -> np.ndarray:
    """Ages in [lo, hi] shaped like the national pyramid (times ``tilt``)."""
    return lo + rng.choice(hi - lo + 1, size=n, p=_pmf(lo, hi, tilt))


class _Members:
    """Accumulates member rows (household, 続柄, age, sex) as arrays."""

    def __init__(self) -> None:
        self.parts: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []

    def add(self, hh: np.ndarray, rel: int | np.ndarray, age: np.ndarray, sex: int | np.ndarray) -> None:
        n = len(hh)
        if n == 0:
            return
        self.parts.append((hh.astype(np.int64), np.broadcast_to(rel, n).astype(np.int8),
                           np.clip(age, 0, MAX_AGE).astype(np.int16), np.broadcast_to(sex, n).astype(np.int8)))

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        hh, rel, age, sex = (np.concatenate([p[i] for p in self.parts]) for i in range(4))
        return hh, rel, age, sex


def _spouse_gap(rng: np.random.Generator, n: int) -> np.ndarray:
    """Husband minus wife, in years (Japan: about 2 on average)."""
    return np.rint(rng.normal(2.0, 3.0, n)).astype(np.int64)


def _other_sex(sex: np.ndarray) -> np.ndarray:
    return np.where(sex == MALE, FEMALE, MALE)


def _add_children(rng: np.random.Generator, m: _Members, hh: np.ndarray, mother_age: np.ndarray,
                  k: np.ndarray, rel: int = CHILD, max_first: int = 32) -> None:
    """Up to ``k`` children per household, the first born when the mother was 24–38, then every 1–4 years."""
    age = np.minimum(mother_age - rng.integers(24, 39, len(hh)), max_first)
    age = np.where(age < 0, rng.integers(0, 3, len(hh)), age)
    for i in range(int(k.max(initial=0))):
        sel = (k > i) & (age >= 0)
        m.add(hh[sel], rel, age[sel], rng.choice([MALE, FEMALE], size=int(sel.sum()), p=[0.512, 0.488]))
        age = age - rng.integers(1, 5, len(hh))


def _generate_members(rng: np.random.Generator, counts: np.ndarray) -> tuple[np.ndarray, ...]:
    """Members of ``counts[t]`` households of each type; household ids are consecutive by type."""
    m = _Members()
    start = np.concatenate([[0], np.cumsum(counts)])
    hh_type = np.repeat(np.arange(len(counts)), counts)
    nat = np.full(int(counts.sum()), -1, np.int64)
    ids = [np.arange(start[t], start[t + 1]) for t in range(len(counts))]
    ages = np.arange(MAX_AGE + 1)

    # 単身 (18–64), mostly young adults in a ward.
    h = ids[0]
    m.add(h, HEAD, _ages(rng, len(h), 18, 64, np.exp(-((ages[18:65] - 28) ** 2) / (2 * 11.0**2)) + 0.35),
          rng.choice([MALE, FEMALE], len(h), p=[0.56, 0.44]))
    # 高齢単身: older and more often women (widowhood).
    h = ids[1]
    a = _ages(rng, len(h), 65, MAX_AGE, 1 + 0.07 * (ages[65:] - 65))
    m.add(h, HEAD, a, np.where(rng.random(len(h)) < np.clip(0.48 + 0.012 * (a - 65), 0.48, 0.85), FEMALE, MALE))
    # 夫婦のみ and 高齢夫婦
    for t, lo, hi, tilt in ((2, 22, 64, 0.4 + np.abs(ages[22:65] - 44) / 15), (3, 65, 95, np.where(ages[65:96] > 84, 0.6, 1.0))):
        h = ids[t]
        a = _ages(rng, len(h), lo, hi, tilt)
        head_male = rng.random(len(h)) < 0.92
        gap = _spouse_gap(rng, len(h))
        sex = np.where(head_male, MALE, FEMALE)
        m.add(h, HEAD, a, sex)
        m.add(h, np.where(head_male, WIFE, HUSBAND), np.where(head_male, a - gap, a + gap).clip(18), _other_sex(sex))
    # 夫婦と子
    h = ids[4]
    mother = _ages(rng, len(h), 26, 56)
    father = (mother + _spouse_gap(rng, len(h))).clip(20)
    head_male = rng.random(len(h)) < 0.93
    m.add(h, HEAD, np.where(head_male, father, mother), np.where(head_male, MALE, FEMALE))
    m.add(h, np.where(head_male, WIFE, HUSBAND), np.where(head_male, mother, father), np.where(head_male, FEMALE, MALE))
    _add_children(rng, m, h, mother, rng.choice([1, 2, 3], len(h), p=[0.38, 0.45, 0.17]))
    # ひとり親と子 (mostly mothers)
    h = ids[5]
    parent = _ages(rng, len(h), 25, 58)
    sex = np.where(rng.random(len(h)) < 0.85, FEMALE, MALE)
    m.add(h, HEAD, parent, sex)
    _add_children(rng, m, h, parent, rng.choice([1, 2, 3], len(h), p=[0.55, 0.37, 0.08]))
    # 三世代（子世代が世帯主）: head, wife, children, and the head's parents.
    h = ids[6]
    head = _ages(rng, len(h), 38, 60)
    wife = (head - _spouse_gap(rng, len(h))).clip(30)
    m.add(h, HEAD, head, MALE)
    m.add(h, WIFE, wife, FEMALE)
    _add_children(rng, m, h, wife, rng.choice([0, 1, 2, 3], len(h), p=[0.15, 0.35, 0.4, 0.1]))
    mom = (head + rng.integers(24, 37, len(h))).clip(max=MAX_AGE)
    dad = mom + _spouse_gap(rng, len(h))
    has_mom = (rng.random(len(h)) < 0.88) & (mom <= 100)
    has_dad = ((rng.random(len(h)) < 0.5) | ~has_mom) & (dad <= 100)
    m.add(h[has_mom], MOTHER, mom[has_mom], FEMALE)
    m.add(h[has_dad], FATHER, dad[has_dad], MALE)
    # 三世代（親世代が世帯主）: head (and wife), married child, grandchildren.
    h = ids[7]
    head = _ages(rng, len(h), 60, 88)
    head_male = rng.random(len(h)) < 0.75
    m.add(h, HEAD, head, np.where(head_male, MALE, FEMALE))
    with_wife = head_male & (rng.random(len(h)) < 0.85)
    m.add(h[with_wife], WIFE, (head - _spouse_gap(rng, len(h)))[with_wife], FEMALE)
    child = (head - rng.integers(25, 36, len(h))).clip(22)
    son = rng.random(len(h)) < 0.8
    m.add(h, CHILD, child, np.where(son, MALE, FEMALE))
    gap = _spouse_gap(rng, len(h))
    in_law = np.where(son, child - gap, child + gap).clip(20)
    m.add(h, np.where(son, CHILD_WIFE, CHILD_HUSBAND), in_law, np.where(son, FEMALE, MALE))
    _add_children(rng, m, h, np.where(son, in_law, child), rng.choice([1, 2, 3], len(h), p=[0.4, 0.45, 0.15]),
                  rel=GRANDCHILD, max_first=25)
    # 高齢の親と未婚の子 ("8050"): a parent (or couple) 68+ with an adult child.
    h = ids[8]
    head = _ages(rng, len(h), 68, 100)
    couple = rng.random(len(h)) < 0.3
    head_sex = np.where(couple | (rng.random(len(h)) < 0.28), MALE, FEMALE)
    m.add(h, HEAD, head, head_sex)
    m.add(h[couple], WIFE, (head - _spouse_gap(rng, len(h)))[couple], FEMALE)
    kids = rng.choice([1, 2], len(h), p=[0.85, 0.15])
    for i in range(2):
        sel = kids > i
        ca = (head - rng.integers(25, 38, len(h)) - 2 * i).clip(25)
        m.add(h[sel], CHILD, ca[sel], rng.choice([MALE, FEMALE], int(sel.sum()), p=[0.55, 0.45]))
    # 同居人あり
    h = ids[9]
    head = _ages(rng, len(h), 20, 62)
    sex = rng.choice([MALE, FEMALE], len(h))
    m.add(h, HEAD, head, sex)
    m.add(h, LODGER, (head + rng.integers(-6, 7, len(h))).clip(18), rng.choice([MALE, FEMALE], len(h)))
    # 外国人: mostly young single workers and students, some couples and families.
    h = ids[10]
    shares = np.array([f[2] for f in names.FOREIGN])
    nat[h] = rng.choice(len(names.FOREIGN), len(h), p=shares / shares.sum())
    kind = rng.choice(3, len(h), p=[0.6, 0.22, 0.18])
    head = _ages(rng, len(h), 19, 60, np.exp(-((ages[19:61] - 27) ** 2) / (2 * 8.0**2)) + 0.08)
    sex = np.where(kind == 0, rng.choice([MALE, FEMALE], len(h), p=[0.58, 0.42]), MALE)
    m.add(h, HEAD, head, sex)
    pair = kind > 0
    wife = (head - _spouse_gap(rng, len(h))).clip(19)
    m.add(h[pair], WIFE, wife[pair], FEMALE)
    fam = kind == 2
    _add_children(rng, m, h[fam], wife[fam], rng.choice([1, 2], int(fam.sum()), p=[0.6, 0.4]), max_first=14)
    return (*m.arrays(), hh_type, nat)


def _reference_ordinals(ref: dt.date) -> np.ndarray:
    """Ordinal of the reference day-of-year in each year 1890–ref.year (index = year - 1890)."""
    return np.array([dt.date(y, ref.month, ref.day).toordinal() for y in range(1890, ref.year + 1)], np.int64)


def birth_ordinals(rng: np.random.Generator, age: np.ndarray, ref: dt.date) -> np.ndarray:
    """A birth date per person such that the person is exactly ``age`` on ``ref``."""
    table = _reference_ordinals(ref)
    y = ref.year - age.astype(np.int64)
    hi = table[y - 1890]
    lo = table[y - 1 - 1890] + 1
    return lo + np.floor(rng.random(len(age)) * (hi - lo + 1)).astype(np.int64)


@dataclass
class Population:
    """Households and persons of the demo ward.

    ``households`` columns: household_no, type, nationality (-1 = 日本人), size, point (row of
    ``Geography.points``), town, building (方書, "" for houses), flood_rank filled later.
    ``persons`` columns: person_no, household (row of ``households``), relationship, is_head, age,
    sex (1 男 / 2 女), birth (ordinal), surname, given, name, kana, resident_kind, nationality,
    change_reason, change_date (ordinal, 0 = none).
    """

    households: pd.DataFrame
    persons: pd.DataFrame


def build_population(rng: np.random.Generator, persons: int, points: pd.DataFrame, ref: dt.date) -> Population:
    n_target = max(int(persons), 1)
    shares = np.array(list(HOUSEHOLD_TYPES.values()))
    shares = shares / shares.sum()
    # ~2.2 persons per household; draw a few extra and cut at the target.
    n_hh = int(n_target / 2.1) + 20
    counts = np.bincount(rng.choice(len(shares), n_hh, p=shares), minlength=len(shares))
    hh, rel, age, sex, hh_type, nat = _generate_members(rng, counts)
    size = np.bincount(hh, minlength=len(hh_type))
    # Shuffle households, keep whole households up to the target, top up with 単身 to hit it exactly.
    perm = rng.permutation(len(hh_type))
    keep_n = int(np.searchsorted(np.cumsum(size[perm]), n_target, side="right"))
    kept = perm[:keep_n]
    new_id = np.full(len(hh_type), -1, np.int64)
    new_id[kept] = np.arange(keep_n)
    sel = new_id[hh] >= 0
    hh, rel, age, sex = new_id[hh[sel]], rel[sel], age[sel], sex[sel]
    hh_type, nat = hh_type[kept], nat[kept]
    missing = n_target - len(hh)
    if missing > 0:
        extra = np.arange(keep_n, keep_n + missing)
        hh = np.concatenate([hh, extra])
        rel = np.concatenate([rel, np.full(missing, HEAD, np.int8)])
        age = np.concatenate([age, _ages(rng, missing, 20, 64).astype(np.int16)])
        sex = np.concatenate([sex, rng.choice([MALE, FEMALE], missing).astype(np.int8)])
        hh_type = np.concatenate([hh_type, np.zeros(missing, np.int64)])
        nat = np.concatenate([nat, np.full(missing, -1, np.int64)])
    n_h = len(hh_type)

    # Members in registry order: household, then 続柄 rank, then older first.
    order = np.lexsort((-age.astype(np.int64), _REL_ORDER[rel], hh))
    hh, rel, age, sex = hh[order], rel[order], age[order], sex[order]
    n_p = len(hh)
    size = np.bincount(hh, minlength=n_h)

    # Numbers: 世帯番号 "8" + 9 digits in random order of households; 宛名番号 10 digits with a
    # leading 0 (kept as text: a CSV reader must not turn it into a number).
    hno = 8_000_000_000 + np.sort(rng.choice(999_999_999, n_h, replace=False))
    hno = hno[rng.permutation(n_h)]
    pno = 100_000_000 + rng.choice(899_999_999, n_p, replace=False)

    birth = birth_ordinals(rng, age, ref)
    names_ = _names(rng, hh, rel, sex, birth, hh_type, nat, size)
    point, building = _homes(rng, hh_type, points)
    town = points["town"].to_numpy()[point]

    households = pd.DataFrame({
        "household_no": [f"{x:010d}" for x in hno],
        "type": np.array(TYPE_NAMES, dtype=object)[hh_type],
        "nationality": nat,
        "size": size,
        "point": point,
        "town": town,
        "building": building,
    })
    reason, change = _changes(rng, hh, age, birth, ref, n_h)
    persons_df = pd.DataFrame({
        "person_no": [f"{x:010d}" for x in pno],
        "household": hh,
        "relationship": np.array(RELATIONSHIPS, dtype=object)[rel],
        "is_head": rel == HEAD,
        "age": age.astype(np.int64),
        "sex": sex.astype(np.int64),
        "birth": birth,
        **names_,
        "resident_kind": np.where(nat[hh] >= 0, "外国人", "日本人"),
        "nationality": np.where(nat[hh] >= 0, np.array([f[0] for f in names.FOREIGN] + [""], dtype=object)[nat[hh]], ""),
        "change_reason": reason,
        "change_date": change,
    })
    return Population(households, persons_df)


def _pick(rng: np.random.Generator, groups: np.ndarray, lists: list[tuple[tuple[str, str], ...]]) -> tuple[np.ndarray, np.ndarray]:
    """One (written, kana) entry per row from ``lists[groups[row]]``."""
    sizes = np.array([len(x) for x in lists])
    offs = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    flat_w = np.array([w for lst in lists for w, _ in lst], dtype=object)
    flat_k = np.array([k for lst in lists for _, k in lst], dtype=object)
    i = offs[groups] + np.floor(rng.random(len(groups)) * sizes[groups]).astype(np.int64)
    return flat_w[i], flat_k[i]


def _names(rng: np.random.Generator, hh: np.ndarray, rel: np.ndarray, sex: np.ndarray, birth: np.ndarray,
           hh_type: np.ndarray, nat: np.ndarray, size: np.ndarray) -> dict[str, np.ndarray]:
    """Surname per family, given name by sex and birth era; foreign names by nationality; a few 外字."""
    n_h, n_p = len(hh_type), len(hh)
    w = np.array([s[2] for s in names.SURNAMES], float)
    s_idx = rng.choice(len(w), n_h, p=w / w.sum())
    sur_w = np.array([s[0] for s in names.SURNAMES], dtype=object)[s_idx]
    sur_k = np.array([s[1] for s in names.SURNAMES], dtype=object)[s_idx]
    # A few families write their surname with the IBM-extension variant (髙橋, 山﨑).
    variant = np.array([names.VARIANT_SURNAMES.get(s, s) for s in sur_w], dtype=object)
    use_var = (variant != sur_w) & (rng.random(n_h) < 0.06)
    sur_w = np.where(use_var, variant, sur_w)
    # 外字: a handful of people living alone whose surname holds a private-use character.
    n_gaiji = max(2, round(n_p / 10_000))
    singles = np.flatnonzero((size == 1) & (nat < 0))
    for j, h in enumerate(rng.choice(singles, min(n_gaiji, len(singles)), replace=False)):
        g = names.GAIJI_SURNAMES[j % len(names.GAIJI_SURNAMES)]
        sur_w[h], sur_k[h] = g[0], g[1]

    p_sur_w, p_sur_k = sur_w[hh], sur_k[hh]
    # 同居人 have their own surname.
    lod = rel == LODGER
    li = rng.choice(len(w), int(lod.sum()), p=w / w.sum())
    p_sur_w[lod] = np.array([s[0] for s in names.SURNAMES], dtype=object)[li]
    p_sur_k[lod] = np.array([s[1] for s in names.SURNAMES], dtype=object)[li]

    era = np.searchsorted(np.array(names.NAME_ERAS), _years(birth), side="left")
    group = np.where(sex == MALE, era, era + len(names.MALE_GIVEN))
    giv_w, giv_k = _pick(rng, group, list(names.MALE_GIVEN) + list(names.FEMALE_GIVEN))

    name = p_sur_w + "\u3000" + giv_w
    kana = p_sur_k + "\u3000" + giv_k

    # Foreign residents.
    fp = np.flatnonzero(nat[hh] >= 0)
    if len(fp):
        pn = nat[hh[fp]]
        f_sur_w, f_sur_k = _pick(rng, pn, [f[4] for f in names.FOREIGN])
        # Children (and, for romaji names except Vietnamese, wives) carry the head's surname.
        head_of = np.full(n_h, -1, np.int64)
        heads = fp[rel[fp] == HEAD]
        head_of[hh[heads]] = np.arange(len(fp))[rel[fp] == HEAD]
        hpos = head_of[hh[fp]]
        style = np.array([f[3] for f in names.FOREIGN], dtype=object)[pn]
        share = (rel[fp] == CHILD) | ((rel[fp] == WIFE) & (style == "romaji") & (pn != 0))
        f_sur_w = np.where(share, f_sur_w[hpos], f_sur_w)
        f_sur_k = np.where(share, f_sur_k[hpos], f_sur_k)
        g = pn * 2 + (sex[fp] == FEMALE)
        lists = [lst for f in names.FOREIGN for lst in (f[5], f[6])]
        f_giv_w, f_giv_k = _pick(rng, g, lists)
        f_kana = f_sur_k + "\u3000" + f_giv_k
        # Romaji names as on the residence card, or katakana; one way per household.
        katakana_written = (rng.random(n_h) < 0.4)[hh[fp]]
        f_name = np.where(style == "kanji", f_sur_w + "\u3000" + f_giv_w,
                          np.where(katakana_written, f_kana, f_sur_w + " " + f_giv_w))
        name[fp], kana[fp] = f_name, f_kana
        p_sur_w[fp], giv_w[fp] = f_sur_w, f_giv_w
    return {"surname": p_sur_w, "given": giv_w, "name": name, "kana": kana}


def _years(ordinals: np.ndarray) -> np.ndarray:
    d = (ordinals - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    return d.astype("datetime64[Y]").astype(np.int64) + 1970


def _homes(rng: np.random.Generator, hh_type: np.ndarray, points: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """A dwelling point per household; apartment dwellers share a building point and get a 方書."""
    n_h = len(hh_type)
    dwell = np.flatnonzero(points["dwelling"].to_numpy())
    apt = rng.random(n_h) < _APARTMENT_SHARE[hh_type]
    n_apt = int(apt.sum())
    # Buildings: sizes from small 2-room コーポ to 60-room マンション; ~12% rooms vacant.
    sizes = np.array([2, 4, 6, 8, 10, 12, 16, 20, 24, 30, 40, 60])
    draw = rng.choice(sizes, size=n_apt + 8,
                      p=[0.06, 0.12, 0.14, 0.14, 0.12, 0.1, 0.09, 0.08, 0.06, 0.04, 0.03, 0.02])
    # Enough buildings for every apartment household with ~12% of rooms left vacant.
    cap = draw[: int(np.searchsorted(np.cumsum(draw) * 0.88, n_apt)) + 1].astype(np.int64)
    n_b = len(cap)
    per_floor = np.minimum(cap, rng.choice([2, 3, 4, 5, 6, 8], n_b, p=[0.16, 0.22, 0.24, 0.16, 0.14, 0.08]))
    # Small two-storey コーポ: one flat per floor, written 「グリーンコーポ 2F」.
    per_floor = np.where((cap <= 4) & (rng.random(n_b) < 0.3), 1, per_floor)
    pre = np.array(names.BUILDING_PREFIXES, dtype=object)[rng.integers(len(names.BUILDING_PREFIXES), size=n_b)]
    suf = np.array(names.BUILDING_SUFFIXES, dtype=object)[rng.integers(len(names.BUILDING_SUFFIXES), size=n_b)]
    bname = pre + suf
    # 方書 style per building, as the registry clerk wrote it at 転入.
    style = rng.choice(4, n_b, p=[0.5, 0.2, 0.2, 0.1])

    n_detached = n_h - n_apt
    need = n_b + n_detached
    order = rng.permutation(len(dwell))
    if need > len(order):  # a dense ward: several houses share a 号 (二世帯住宅, 長屋)
        order = np.concatenate([order, rng.integers(0, len(dwell), need - len(order))])
    b_point = dwell[order[:n_b]]
    d_point = dwell[order[n_b:need]]

    # Apartment households take random free rooms.
    slots = np.repeat(np.arange(n_b), cap)
    room_k = np.arange(len(slots)) - np.repeat(np.cumsum(cap) - cap, cap)
    take = rng.permutation(len(slots))[:n_apt]
    b_of, k_of = slots[take], room_k[take]
    floor = k_of // per_floor[b_of] + 1
    room = floor * 100 + k_of % per_floor[b_of] + 1
    tower = np.where(cap[b_of] >= 40, np.where(k_of < cap[b_of] // 2, "A", "B"), "")
    st = style[b_of]
    bn = bname[b_of]
    labels = []
    for s, b, r, f, pf, tw in zip(st, bn, room, floor, per_floor[b_of], tower):
        if pf == 1:
            labels.append(f"{b} {f}F")
        elif tw:
            labels.append(f"{b}{tw}棟{r}号")
        elif s == 0:
            labels.append(f"{b}{r}号室")
        elif s == 1:
            labels.append(f"{b}\u3000{r}")
        elif s == 2:
            labels.append(f"{b}{r}")
        else:
            labels.append(f"{b} {r}号室")
    point = np.empty(n_h, np.int64)
    building = np.full(n_h, "", dtype=object)
    ai = np.flatnonzero(apt)
    point[ai] = b_point[b_of]
    building[ai] = np.array(labels, dtype=object)
    point[~apt] = d_point
    return point, building


def _changes(rng: np.random.Generator, hh: np.ndarray, age: np.ndarray, birth: np.ndarray, ref: dt.date,
             n_h: int) -> tuple[np.ndarray, np.ndarray]:
    """異動事由 and 異動日 for a few: households that moved in (転入) or moved within the ward (転居)
    in the last two years, and babies (出生)."""
    r = ref.toordinal()
    ev = rng.random(n_h)
    kind = np.where(ev < 0.02, 1, np.where(ev < 0.032, 2, 0))  # 1 転入, 2 転居
    when = r - rng.integers(1, 730, n_h)
    reason = np.array(["", "転入", "転居"], dtype=object)[kind[hh]]
    date = np.where(kind[hh] > 0, when[hh], 0)
    # Anyone born after the household moved has 出生 as their own event; so do most babies.
    baby = ((kind[hh] > 0) & (birth > date)) | ((age == 0) & (kind[hh] == 0) & (rng.random(len(hh)) < 0.6))
    reason = np.where(baby, "出生", reason)
    date = np.where(baby, birth, date)
    return reason, date
