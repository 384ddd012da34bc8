"""Welfare attributes of the demo residents, at the rates a real ward sees.

Each kind comes from a different system in a real ward (介護保険, 障害福祉, 母子保健, 要支援者
管理), joined by 宛名番号 — so the demo writes them as one canonical welfare CSV as well as
WelfareAttribute rows.  Rates follow national figures and depend on age the way they do in
life: 要介護認定 ≈18–19% of those 65+, rising steeply after 80; 身体障害者手帳 ≈3% of all, most of
them elderly; 療育手帳 ≈0.8%, mostly young; 精神障害者保健福祉手帳 ≈1%; 難病 ≈0.7%; 妊娠 ≈1% of
women aged 20–44; 医療的ケア ≈0.2%.  The 避難行動要支援者名簿 (災害対策基本法 49条の10) lists most
people with 要介護3以上, 手帳1–2級, 療育A or 医療的ケア, with 同意/不同意/未回答 ≈ 60/15/25%.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd

from wardapp.demo import names
from wardapp.demo.population import FEMALE

KINDS: tuple[str, ...] = ("要介護認定", "身体障害者手帳", "療育手帳", "精神障害者保健福祉手帳", "難病", "妊娠",
                          "医療的ケア", "要支援者名簿", "日本語支援")
CARE_GRADES = ("要支援1", "要支援2", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5")
WELFARE_CSV_HEADER = ("宛名番号", "種別", "区分", "開始日", "終了日")


def _interp(age: np.ndarray, xs: list[float], ys: list[float]) -> np.ndarray:
    return np.interp(age, xs, ys)


def build_welfare(rng: np.random.Generator, persons: pd.DataFrame, households: pd.DataFrame,
                  ref: dt.date) -> pd.DataFrame:
    """One row per attribute: person (row of ``persons``), kind, grade, valid_from, valid_to (ordinals, 0 = none)."""
    r = ref.toordinal()
    age = persons["age"].to_numpy()
    sex = persons["sex"].to_numpy()
    birth = persons["birth"].to_numpy()
    n = len(age)
    rows: list[pd.DataFrame] = []

    def add(sel: np.ndarray, kind: str, grade: np.ndarray | str | None, start: np.ndarray, end: np.ndarray | int) -> None:
        idx = np.flatnonzero(sel)
        g = np.full(len(idx), None, dtype=object) if grade is None else np.broadcast_to(np.asarray(grade, dtype=object), len(idx))
        s = np.broadcast_to(start, n)[idx] if np.ndim(start) else np.full(len(idx), start)
        e = np.broadcast_to(end, n)[idx] if np.ndim(end) else np.full(len(idx), end)
        # A start before birth is impossible: such an attribute starts at birth.
        s = np.maximum(s, birth[idx])
        rows.append(pd.DataFrame({"person": idx, "kind": kind, "grade": g, "valid_from": s, "valid_to": e}))

    def issued(years_back: float) -> np.ndarray:
        return r - np.floor(rng.random(n) * years_back * 365).astype(np.int64) - 1

    # 要介護認定: 認定有効期間 12–48 months, currently valid.
    # 認定率 by 5-year age group (介護保険事業状況報告): 2.9% at 65–69 … 73% at 90+.
    group_rate = np.array([0.029, 0.058, 0.118, 0.259, 0.475, 0.729])
    p = np.where(age >= 65, group_rate[np.clip((age - 65) // 5, 0, 5)], np.where(age >= 40, 0.004, 0.0))
    care = rng.random(n) < p
    young = rng.choice(7, n, p=[0.14, 0.14, 0.21, 0.17, 0.13, 0.12, 0.09])
    old = rng.choice(7, n, p=[0.09, 0.10, 0.20, 0.18, 0.16, 0.15, 0.12])
    care_grade = np.where(age >= 85, old, young)
    period = rng.choice([365, 730, 1095, 1461], n, p=[0.25, 0.35, 0.3, 0.1])
    start = r - np.floor(rng.random(n) * period).astype(np.int64)
    add(care, "要介護認定", np.array(CARE_GRADES, dtype=object)[care_grade[care]], start, start + period - 1)

    # 身体障害者手帳 (no expiry)
    p = np.select([age < 18, age < 65, age < 75], [0.003, 0.014, 0.05], 0.08)
    body = rng.random(n) < p
    body_grade = rng.choice(6, n, p=[0.26, 0.15, 0.17, 0.27, 0.07, 0.08]) + 1
    add(body, "身体障害者手帳", np.array([f"{g}級" for g in body_grade[body]], dtype=object), issued(25), 0)

    # 療育手帳 (A 重度 / B); children are re-judged, so their 手帳 has a 次回判定 date.
    p = np.select([age < 18, age < 65], [0.015, 0.009], 0.0015)
    ryo = rng.random(n) < p
    ryo_a = rng.random(n) < 0.4
    next_check = np.where(age < 18, r + rng.integers(60, 3 * 365, n), 0)
    add(ryo, "療育手帳", np.where(ryo_a, "A", "B")[ryo].astype(object), issued(15), next_check)

    # 精神障害者保健福祉手帳: two-year validity.
    p = np.select([age < 18, age < 75], [0.002, 0.0125], 0.005)
    psy = rng.random(n) < p
    psy_grade = rng.choice(3, n, p=[0.1, 0.6, 0.3]) + 1
    start = r - rng.integers(0, 730, n)
    add(psy, "精神障害者保健福祉手帳", np.array([f"{g}級" for g in psy_grade[psy]], dtype=object), start, start + 729)

    # 難病 (特定医療費受給者証, renewed yearly); 区分 = 疾病名.
    p = np.select([age < 20, age < 65], [0.002, 0.006], 0.011)
    nan = rng.random(n) < p
    disease = np.array(names.NANBYO, dtype=object)[rng.integers(len(names.NANBYO), size=n)]
    start = r - rng.integers(0, 365, n)
    add(nan, "難病", disease[nan], start, start + 364)

    # 妊娠: valid_to is the 出産予定日, within the next seven months; 届出 at about 9 weeks.
    p = np.where(sex == FEMALE, _interp(age, [19.9, 20, 27, 32, 37, 44, 44.1], [0, 0.005, 0.013, 0.016, 0.01, 0.003, 0]), 0)
    preg = rng.random(n) < p
    due = r + rng.integers(7, 211, n)
    add(preg, "妊娠", None, due - 217 - rng.integers(0, 21, n), due)

    # 医療的ケア (power-dependent in a disaster)
    p = np.select([age < 18, age < 65], [0.001, 0.0008], 0.005)
    med = rng.random(n) < p
    kinds = np.array(["人工呼吸器", "在宅酸素", "透析"], dtype=object)
    g_child = rng.choice(3, n, p=[0.7, 0.3, 0.0])
    g_adult = rng.choice(3, n, p=[0.2, 0.2, 0.6])
    g_old = rng.choice(3, n, p=[0.1, 0.5, 0.4])
    med_kind = np.select([age < 18, age < 65], [g_child, g_adult], g_old)
    add(med, "医療的ケア", kinds[med_kind[med]], issued(8), 0)

    # 日本語支援: some foreign residents, by language.
    nat_names = [f[0] for f in names.FOREIGN]
    lang = {f[0]: f[1] for f in names.FOREIGN}
    rate = {"ベトナム": 0.45, "中国": 0.2, "韓国": 0.05, "フィリピン": 0.3, "ネパール": 0.45, "ブラジル": 0.4}
    nat = persons["nationality"].to_numpy()
    p = np.array([rate.get(x, 0.0) for x in nat_names])
    pr = np.zeros(n)
    for i, x in enumerate(nat_names):
        pr[nat == x] = p[i]
    jp = rng.random(n) < pr
    add(jp, "日本語支援", np.array([lang.get(x, "") for x in nat[jp]], dtype=object), issued(3), 0)

    # 避難行動要支援者名簿: who is on it depends on need; consent is asked by letter.
    hh_size = households["size"].to_numpy()[persons["household"].to_numpy()]
    p_roster = np.zeros(n)
    p_roster = np.maximum(p_roster, np.where(care & (care_grade >= 4), 0.9, np.where(care & (care_grade >= 2), 0.35, 0)))
    p_roster = np.maximum(p_roster, np.where(body & (body_grade <= 2), 0.85, np.where(body & (body_grade == 3), 0.2, 0)))
    p_roster = np.maximum(p_roster, np.where(ryo & ryo_a, 0.85, 0))
    p_roster = np.maximum(p_roster, np.where(psy & (psy_grade == 1), 0.7, 0))
    p_roster = np.maximum(p_roster, np.where(med, 0.9, 0))
    p_roster = np.maximum(p_roster, np.where(nan, 0.15, 0))
    p_roster = np.maximum(p_roster, np.where((age >= 75) & (hh_size == 1), 0.3, 0))
    p_roster = np.maximum(p_roster, np.where(jp, 0.1, 0))
    roster = rng.random(n) < p_roster
    consent = np.array(["同意", "不同意", "未回答"], dtype=object)[rng.choice(3, n, p=[0.6, 0.15, 0.25])]
    add(roster, "要支援者名簿", consent[roster], issued(5), 0)

    out = pd.concat(rows, ignore_index=True)
    out = out.sort_values(["person", "kind"], kind="stable", key=lambda s: s.map(KINDS.index) if s.name == "kind" else s)
    return out.reset_index(drop=True)


def _iso(ordinal: int) -> str:
    return dt.date.fromordinal(int(ordinal)).isoformat() if ordinal else ""


def write_welfare_csv(welfare: pd.DataFrame, persons: pd.DataFrame, path: Path) -> Path:
    """The canonical welfare CSV (宛名番号,種別,区分,開始日,終了日), UTF-8 with BOM as Excel writes it."""
    pno = persons["person_no"].to_numpy()[welfare["person"].to_numpy()]
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(WELFARE_CSV_HEADER)
        w.writerows(zip(pno, welfare["kind"], [g or "" for g in welfare["grade"]],
                        map(_iso, welfare["valid_from"]), map(_iso, welfare["valid_to"])))
    return path
