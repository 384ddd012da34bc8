"""The demo's 住民基本台帳 extract: a CP932 CSV spelled the way real 住民記録 exports are.

The point of the demo is that its residents enter the store through the *same* importer a
ward uses, so the extract must carry the mess that importer has to absorb (domain.md,
"Address spelling variants"):

- 住所 in 漢数字 and 算用数字 (「見本町二丁目3番4号」「見本町2丁目3番4号」), hyphenated with every
  hyphen look-alike (- － ‐ ー ｰ), full-width digits (「見本町２－３－４」), 番地 for 番
  (「見本町二丁目３番地４」), with or without 「架空市みどり区」 (and rarely the prefecture), ヶ/ケ/が,
  a stray space, and 地番 forms 「大字架空原字北谷123番地4」「架空原123-4」「大字架空原123番地の4」;
  one spelling per household (the members share the household's address string).
- 方書 in its own column, except ~2% of rows where it is glued onto 住所.
- 氏名カナ mostly full-width katakana, ~5% half-width ｶﾅ, a few in hiragana.
- 生年月日 in one main style per file (西暦 「1966/11/22」 or 和暦 「昭和41年11月22日」) plus a small
  share of 「S41.11.22」, 「3411122」 (元号コード), 「1966-11-22」 and 「19661122」.
- 外字 as CP932 user-defined characters (U+E000–), and IBM-extension kanji (髙, 﨑).

The spelling choices are drawn from their own random stream of the seed, so the file is
byte-identical for the same seed and size.
"""

from __future__ import annotations

import csv
import datetime as dt
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from wardapp.demo import names
from wardapp.demo.geography import kanji_number

if TYPE_CHECKING:
    from wardapp.demo.ward import Ward

#: The canonical registry columns, in file order.
REGISTRY_HEADER: tuple[str, ...] = ("宛名番号", "世帯番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "住所",
                                    "方書", "住民区分", "異動事由", "異動日")

#: Hyphen look-alikes that survive CP932 (U+2212 − becomes － in CP932, so it is not listed).
HYPHENS: tuple[str, ...] = ("-", "－", "‐", "ー", "ｰ")

#: Address spelling kinds, 住居表示 and 地番.
RESIDENTIAL_KINDS: tuple[str, ...] = ("漢数字丁目", "算用数字丁目", "ハイフン", "全角ハイフン", "番地", "全角数字")
PARCEL_KINDS: tuple[str, ...] = ("大字字番地", "短縮ハイフン", "番地の", "全角番地")

DATE_STYLES: tuple[str, ...] = ("西暦", "和暦", "和暦略号", "元号コード", "ISO", "8桁")

_FW_DIGITS = str.maketrans("0123456789", "０１２３４５６７８９")
_ERAS = (("明治", "M", 1, dt.date(1868, 1, 25)), ("大正", "T", 2, dt.date(1912, 7, 30)),
         ("昭和", "S", 3, dt.date(1926, 12, 25)), ("平成", "H", 4, dt.date(1989, 1, 8)),
         ("令和", "R", 5, dt.date(2019, 5, 1)))
_ERA_START = np.array([e[3].toordinal() for e in _ERAS])


def _half_width_table() -> dict[str, str]:
    """Full-width katakana → half-width ｶﾅ (voiced ones as two characters, as CP932 holds them)."""
    table: dict[str, str] = {"\u3000": " "}
    for cp in range(0xFF61, 0xFFA0):
        h = chr(cp)
        full = unicodedata.normalize("NFKC", h)
        if len(full) == 1 and full not in table:
            table[full] = h
        for mark in ("\uff9e", "\uff9f"):
            composed = unicodedata.normalize("NFKC", h + mark)
            if len(composed) == 1:
                table[composed] = h + mark
    return table


_HALF = str.maketrans(_half_width_table())
_KATA_TO_HIRA = {cp: cp - 0x60 for cp in range(0x30A1, 0x30F4)}


def half_width_kana(text: str) -> str:
    return text.translate(_HALF)


def hiragana(text: str) -> str:
    return text.translate(_KATA_TO_HIRA)


def _date_parts(ordinals: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    d = (ordinals - dt.date(1970, 1, 1).toordinal()).astype("datetime64[D]")
    y = d.astype("datetime64[Y]")
    mo = d.astype("datetime64[M]")
    return (y.astype(np.int64) + 1970, (mo - y.astype("datetime64[M]")).astype(np.int64) + 1,
            (d - mo.astype("datetime64[D]")).astype(np.int64) + 1)


def format_dates(ordinals: np.ndarray, styles: np.ndarray) -> list[str]:
    """Each ordinal in its style (index into :data:`DATE_STYLES`); 0 gives ""."""
    y, m, d = _date_parts(np.where(ordinals > 0, ordinals, 1))
    era = np.clip(np.searchsorted(_ERA_START, ordinals, side="right") - 1, 0, len(_ERAS) - 1)
    ey = y - np.array([e[3].year for e in _ERAS])[era] + 1
    out: list[str] = []
    for o, s, yy, mm, dd, e, eyy in zip(ordinals.tolist(), styles.tolist(), y.tolist(), m.tolist(), d.tolist(),
                                        era.tolist(), ey.tolist()):
        if o <= 0:
            out.append("")
        elif s == 0:
            out.append(f"{yy}/{mm:02d}/{dd:02d}")
        elif s == 1:
            out.append(f"{_ERAS[e][0]}{'元' if eyy == 1 else eyy}年{mm}月{dd}日")
        elif s == 2:
            out.append(f"{_ERAS[e][1]}{eyy}.{mm}.{dd}")
        elif s == 3:
            out.append(f"{_ERAS[e][2]}{eyy:02d}{mm:02d}{dd:02d}")
        elif s == 4:
            out.append(f"{yy}-{mm:02d}-{dd:02d}")
        else:
            out.append(f"{yy}{mm:02d}{dd:02d}")
    return out


def household_addresses(ward: Ward, rng: np.random.Generator) -> pd.DataFrame:
    """住所 and 方書 per household as the registry writes them, with the spelling kind used.

    Columns: address, building, kind, prefix, glued.
    """
    g = ward.geography
    hh = ward.households
    n = len(hh)
    pts = g.points
    pi = hh["point"].to_numpy()
    ti = hh["town"].to_numpy()
    oaza = g.towns["oaza"].to_numpy()[ti]
    chome = g.towns["chome"].to_numpy()[ti]
    residential = g.towns["residential"].to_numpy()[ti].astype(bool)
    block = pts["block"].to_numpy()[pi]
    res = pts["residence"].to_numpy()[pi]
    koaza = pts["koaza"].to_numpy()[pi]

    # One dominant spelling per file, others in smaller shares (as several systems fed the file).
    dom_r = int(rng.choice([0, 5]))
    p_r = np.full(len(RESIDENTIAL_KINDS), 0.45 / (len(RESIDENTIAL_KINDS) - 1))
    p_r[dom_r] = 0.55
    kind_r = rng.choice(len(RESIDENTIAL_KINDS), n, p=p_r)
    kind_p = rng.choice(len(PARCEL_KINDS), n, p=[0.5, 0.2, 0.15, 0.15])
    hyphen = rng.choice(len(HYPHENS), n, p=[0.5, 0.2, 0.1, 0.1, 0.1])
    pre = rng.choice(3, n, p=[0.62, 0.35, 0.03])
    ke = rng.random(n)
    space = rng.random(n) < 0.02

    addresses: list[str] = []
    kinds: list[str] = []
    for i in range(n):
        town = str(oaza[i])
        if "ケ" in town and ke[i] < 0.3:
            town = town.replace("ケ", "ヶ" if ke[i] < 0.2 else "が")
        sp = "\u3000" if space[i] else ""
        b, r = str(block[i]), res[i]
        if residential[i]:
            k = int(kind_r[i])
            c = chome[i]
            has_c = c is not None and not (isinstance(c, float) and np.isnan(c))
            ci = int(c) if has_c else 0
            if k == 0:
                s = f"{town}{sp}" + (f"{kanji_number(ci)}丁目" if has_c else "") + f"{b}番{r}号"
            elif k == 1:
                s = f"{town}{sp}" + (f"{ci}丁目" if has_c else "") + f"{b}番{r}号"
            elif k == 2:
                h = HYPHENS[int(hyphen[i])]
                s = f"{town}{sp}" + (f"{ci}{h}" if has_c else "") + f"{b}{h}{r}"
            elif k == 3:
                s = f"{town}{sp}" + ((f"{ci}－" if has_c else "") + f"{b}－{r}").translate(_FW_DIGITS)
            elif k == 4:
                s = f"{town}{sp}" + (f"{kanji_number(ci)}丁目" if has_c else "") + f"{b}番地{r}".translate(_FW_DIGITS)
            else:
                s = f"{town}{sp}" + (f"{kanji_number(ci)}丁目" if has_c else "") + f"{b}番{r}号".translate(_FW_DIGITS)
            kinds.append(RESIDENTIAL_KINDS[k])
        else:
            k = int(kind_p[i])
            eda = r if isinstance(r, str) else None
            if k == 0:
                s = f"大字{town}字{koaza[i]}{b}番地" + (eda or "")
            elif k == 1:
                s = f"{town}{sp}{b}" + (f"-{eda}" if eda else "")
            elif k == 2:
                s = f"大字{town}{b}番地" + (f"の{eda}" if eda else "")
            else:
                s = f"{town}字{koaza[i]}" + (f"{b}番地" + (eda or "")).translate(_FW_DIGITS)
            kinds.append(PARCEL_KINDS[k])
        if pre[i] == 1:
            s = names.WARD_FULL + s
        elif pre[i] == 2:
            s = names.PREFECTURE + names.WARD_FULL + s
        addresses.append(s)

    building = hh["building"].to_numpy().astype(object)
    # ~2% of rows: 方書 glued onto 住所 (the export had no 方書 column when it was entered).
    apt = building != ""
    apt_persons = int(hh["size"].to_numpy()[apt].sum())
    p_glue = min(1.0, 0.02 * len(ward.persons) / max(apt_persons, 1))
    glued = apt & (rng.random(n) < p_glue)
    sep = np.array(["", " ", "\u3000"], dtype=object)[rng.integers(3, size=n)]
    addr = np.array(addresses, dtype=object)
    addr = np.where(glued, addr + sep + building, addr)
    building = np.where(glued, "", building)
    return pd.DataFrame({"address": addr, "building": building, "kind": kinds, "prefix": pre, "glued": glued})


def registry_frame(ward: Ward) -> pd.DataFrame:
    """The extract as a table of strings (canonical columns), plus 住所形式 for tests and reports."""
    rng = np.random.default_rng(ward.seed_sequence("extract"))
    p = ward.persons
    n = len(p)
    addr = household_addresses(ward, rng)
    hi = p["household"].to_numpy()

    # 生年月日: one main style per file, a few rows in other forms.
    main = int(rng.choice([0, 1]))
    others = [s for s in range(len(DATE_STYLES)) if s != main]
    style = np.where(rng.random(n) < 0.03, np.array(others)[rng.integers(len(others), size=n)], main)
    birth = format_dates(p["birth"].to_numpy(), style)
    change = format_dates(p["change_date"].to_numpy(), np.full(n, main))

    # 氏名カナ: mostly full-width; ~5% half-width; ~1% hiragana (Japanese names only: ゔ is not in CP932).
    kana = p["kana"].to_numpy()
    form = rng.random(n)
    japanese = (p["resident_kind"] == "日本人").to_numpy()
    kana_out = [half_width_kana(k) if f < 0.05 else hiragana(k) if (f < 0.06 and jp) else k
                for k, f, jp in zip(kana, form, japanese)]

    sex_codes = ("男", "女") if rng.random() < 0.75 else ("1", "2")
    sex = np.where(p["sex"].to_numpy() == 1, sex_codes[0], sex_codes[1])

    return pd.DataFrame({
        "宛名番号": p["person_no"],
        "世帯番号": ward.households["household_no"].to_numpy()[hi],
        "氏名": p["name"],
        "氏名カナ": kana_out,
        "生年月日": birth,
        "性別": sex,
        "続柄": p["relationship"],
        "住所": addr["address"].to_numpy()[hi],
        "方書": addr["building"].to_numpy()[hi],
        "住民区分": p["resident_kind"],
        "異動事由": p["change_reason"],
        "異動日": change,
        "住所形式": addr["kind"].to_numpy()[hi],
    })


def write_registry_csv(ward: Ward, path: Path) -> Path:
    """Write the extract: CP932, CRLF, header row, rows sorted by 世帯番号 with the 世帯主 first.

    Raises ``UnicodeEncodeError`` if a character cannot be written in CP932 — the generator only
    uses CP932 characters, so that would be a bug, never silently replaced.
    """
    frame = registry_frame(ward)
    order = np.lexsort((np.arange(len(frame)), frame["世帯番号"].to_numpy()))
    cols = [frame[c].to_numpy()[order] for c in REGISTRY_HEADER]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="cp932", errors="strict", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(REGISTRY_HEADER)
        w.writerows(zip(*cols))
    tmp.replace(path)
    return path
