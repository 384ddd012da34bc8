"""Official address data → the 住所辞書 (issue 3): ISJ and ABR readers, import, re-import, errors."""

from __future__ import annotations

import datetime as dt
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from address_samples import (
    ABR_BLK,
    ABR_BLK_POS,
    ABR_PARCEL,
    ABR_PARCEL_POS,
    ABR_RSDT,
    ABR_RSDT_POS,
    ABR_TOWN,
    ABR_TOWN_JA,
    ABR_TOWN_POS,
    BASE_LAT,
    BASE_LON,
    CITY,
    LG_CODE,
    abr_pos,
    abr_town,
    isj_block,
    isj_town,
    write_abr,
    write_isj_block,
    write_isj_town,
)
from sqlalchemy import select

from wardapp.address.dictionary import import_addresses
from wardapp.address.official import (
    CityFilter,
    lg_code_with_check_digit,
    normalize_number,
    read_official,
    split_chome,
    town_key,
)
from wardapp.address.official.abr import read_abr
from wardapp.address.official.isj import read_isj, release_of
from wardapp.errors import Cancelled, InputRejected
from wardapp.progress import Progress
from wardapp.security import SYSTEM
from wardapp.store import AddressPoint, Household, Store, Town

REALDATA = Path("/work/shared/realdata/abr-v1-machiaza-2022-saitama-kanagawa")
SAITAMA_TOWNS = REALDATA / "town_pref11_saitama.csv"
KANAGAWA_TOWNS = REALDATA / "town_pref14_kanagawa.csv"
TODAY = dt.date(2025, 6, 1)
EXCLUDE_RUNS = ("import_runs", "audit_log")  # both grow by one row per import by design


def _offset(lat: float, lon: float, north_m: float = 0.0, east_m: float = 0.0) -> tuple[float, float]:
    """A point that many metres north/east (on the GRS80 ellipsoid)."""
    from pyproj import Geod

    g = Geod(ellps="GRS80")
    lo, la, _ = g.fwd(lon, lat, 0, north_m) if north_m else (lon, lat, 0)
    lo, la, _ = g.fwd(lo, la, 90, east_m) if east_m else (lo, la, 0)
    return la, lo


def _distance(a: tuple[float, float], b: tuple[float, float]) -> float:
    from pyproj import Geod

    return abs(Geod(ellps="GRS80").inv(a[1], a[0], b[1], b[0])[2])


def _points(store: Store) -> list[Any]:
    with store.session() as s:
        return list(s.execute(select(AddressPoint.dataset, Town.name, AddressPoint.level, AddressPoint.block,
                                     AddressPoint.residence, AddressPoint.parcel, AddressPoint.lat, AddressPoint.lon,
                                     AddressPoint.valid_from, AddressPoint.valid_to, AddressPoint.release)
                              .join(Town, Town.id == AddressPoint.town_id)
                              .order_by(AddressPoint.dataset, Town.name, AddressPoint.block,
                                        AddressPoint.residence, AddressPoint.parcel)).all())


def _towns(store: Store) -> list[Town]:
    with store.session() as s:
        return list(s.scalars(select(Town).order_by(Town.id)))


# ------------------------------------------------------------------------------ sample files

P = (BASE_LAT, BASE_LON)


def _isj_rows() -> list[dict[str, Any]]:
    return [
        isj_block("桜台二丁目", "1", *_offset(*P, 0, 0)),
        isj_block("桜台二丁目", "２", *_offset(*P, 0, 80)),
        isj_block("桜台二丁目", "十二", *_offset(*P, 0, 160)),
        isj_block("桜台三丁目", "1", *_offset(*P, 200, 0)),
        isj_block("大字上川", "123", *_offset(*P, 900, 0), koaza="字北原", rsdt=0),
        isj_block("大字上川", "124-2", *_offset(*P, 950, 0), koaza="字北原", rsdt=0),
        isj_block("みどり", "5", *_offset(*P, -400, 0)),
    ]


def _isj(tmp: Path, rows: list[dict[str, Any]] | None = None, name: str = "11000-24.0a.zip",
         member: str | None = "11_2025.csv") -> Path:
    return write_isj_block(tmp / name, rows if rows is not None else _isj_rows(), member=member)


def _abr_files(tmp: Path, *, japanese: bool = False, srid: str = "EPSG:6668", shift_m: float = 0.0,
               drop_rsdt: bool = False, sub: str = "abr") -> list[Path]:
    """A small ABR set for 架空市: 桜台二丁目 (住居表示) and 大字上川 (地番), every table with positions."""
    d = tmp / sub
    towns = [abr_town("0001002", "桜台", "二丁目", "2"), abr_town("0002000", "大字上川", rsdt=0),
             abr_town("0003000", "旧町", efct="1990-04-01", ablt="2020-03-31")]
    sakura = {"lg_code": LG_CODE, "machiaza_id": "0001002"}
    kamikawa = {"lg_code": LG_CODE, "machiaza_id": "0002000"}
    old = {"lg_code": LG_CODE, "machiaza_id": "0003000"}
    names = {"city": CITY, "oaza_cho": "桜台", "chome": "二丁目", "efct_date": "2020-01-01", "rsdt_addr_flg": 1}
    blks = [{**sakura, **names, "blk_id": "001", "blk_num": "1"},
            {**sakura, **names, "blk_id": "012", "blk_num": "12"}]
    rsdts = [{**sakura, **names, "blk_id": "001", "rsdt_id": "003", "rsdt2_id": "", "blk_num": "1", "rsdt_num": "3"},
             {**sakura, **names, "blk_id": "001", "rsdt_id": "003", "rsdt2_id": "00002", "blk_num": "1",
              "rsdt_num": "3", "rsdt_num2": "2"},
             {**sakura, **names, "blk_id": "012", "rsdt_id": "007", "rsdt2_id": "", "blk_num": "12", "rsdt_num": "7"}]
    if drop_rsdt:
        rsdts = rsdts[:2]
    pnames = {"city": CITY, "oaza_cho": "大字上川", "efct_date": "2020-01-01", "rsdt_addr_flg": 0}
    parcels = [{**kamikawa, **pnames, "prc_id": "000123000000000", "prc_num1": "123"},
               {**kamikawa, **pnames, "prc_id": "000124000020000", "prc_num1": "124", "prc_num2": "2"},
               {**old, "city": CITY, "oaza_cho": "旧町", "prc_id": "000001000000000", "prc_num1": "1",
                "efct_date": "1990-04-01", "ablt_date": "2020-03-31"}]

    def at(n: float, e: float) -> tuple[float, float]:
        return _offset(*P, n + shift_m, e)

    town_pos = [abr_pos(sakura, *at(10, 10), srid), abr_pos(kamikawa, *at(900, 10), srid)]
    blk_pos = [abr_pos({**sakura, "blk_id": "001"}, *at(0, 0), srid),
               abr_pos({**sakura, "blk_id": "012"}, *at(0, 160), srid)]
    rsdt_pos = [abr_pos({**sakura, "blk_id": "001", "rsdt_id": "003", "rsdt2_id": ""}, *at(5, 5), srid),
                abr_pos({**sakura, "blk_id": "001", "rsdt_id": "003", "rsdt2_id": "00002"}, *at(5, 9), srid),
                abr_pos({**sakura, "blk_id": "012", "rsdt_id": "007", "rsdt2_id": ""}, *at(3, 163), srid)]
    prc_pos = [abr_pos({**kamikawa, "prc_id": "000123000000000"}, *at(900, 0), srid),
               abr_pos({**kamikawa, "prc_id": "000124000020000"}, *at(950, 0), srid),
               abr_pos({**old, "prc_id": "000001000000000"}, *at(-900, 0), srid)]
    j = japanese
    return [
        write_abr(d / "mt_town_city119997.csv", ABR_TOWN_JA if j else ABR_TOWN, towns, japanese=j),
        write_abr(d / "mt_town_pos_city119997.csv", ABR_TOWN_POS, town_pos, japanese=j),
        write_abr(d / "mt_rsdtdsp_blk_city119997.csv", ABR_BLK, blks, japanese=j),
        write_abr(d / "mt_rsdtdsp_blk_pos_city119997.csv", ABR_BLK_POS, blk_pos, japanese=j),
        write_abr(d / "mt_rsdtdsp_rsdt_city119997.csv", ABR_RSDT, rsdts, japanese=j),
        write_abr(d / "mt_rsdtdsp_rsdt_pos_city119997.csv", ABR_RSDT_POS, rsdt_pos, japanese=j),
        write_abr(d / "mt_parcel_city119997.csv", ABR_PARCEL, parcels, japanese=j),
        write_abr(d / "mt_parcel_pos_city119997.csv", ABR_PARCEL_POS, prc_pos, japanese=j),
    ]


# ------------------------------------------------------------------------------ pure helpers


@pytest.mark.parametrize(("name", "want"), [
    ("桜台二丁目", ("桜台", 2)), ("桜台2丁目", ("桜台", 2)), ("桜台２丁目", ("桜台", 2)),
    ("百人町十一丁目", ("百人町", 11)), ("六本木六丁目", ("六本木", 6)), ("桜台", ("桜台", None)),
    ("大字上川", ("大字上川", None)), ("二丁目", ("二丁目", None)),
])
def test_split_chome(name: str, want: tuple[str, int | None]) -> None:
    assert split_chome(name) == want


@pytest.mark.parametrize(("raw", "want"), [
    ("12", "12"), ("１２", "12"), ("十二", "12"), ("003", "3"), ("3ー2", "3-2"), ("3－2", "3-2"),
    ("12番地", "12"), ("5号", "5"), ("甲12", "甲12"), ("3の2", "3-2"), ("二十三", "23"),
])
def test_normalize_number(raw: str, want: str) -> None:
    assert normalize_number(raw) == want


@pytest.mark.parametrize(("code5", "lg"), [("11215", "112151"), ("13101", "131016"), ("14111", "141119"),
                                           ("11999", LG_CODE)])
def test_lg_code_check_digit(code5: str, lg: str) -> None:
    assert lg_code_with_check_digit(code5) == lg


def test_town_key_folds_spellings() -> None:
    assert town_key("狭山市", "大字下広瀬", None, None) == town_key("狭山市", "下広瀬", None, "")
    assert town_key("入間郡三芳町", "上富", None, "字北") == town_key("三芳町", "上富", None, "北")
    assert town_key("架空市", "霞ヶ丘", 1, None) == town_key("架空市", "霞ケ丘", 1, None)
    assert town_key("架空市", "桜台", 1, None) != town_key("架空市", "桜台", 2, None)


def test_city_filter_names_and_codes() -> None:
    f = CityFilter(["横浜市", "三芳町", "112151"])
    assert f.keep("横浜市港南区")
    assert f.keep("入間郡三芳町")
    assert f.keep("どこか市", "112151")
    assert not f.keep("川越市", "112011")


@pytest.mark.parametrize(("name", "release"), [("11000-24.0a.zip", "24.0a"), ("11_2025.csv", "2025"),
                                               ("11208-17.0b.zip", "17.0b"), ("blocks.csv", None)])
def test_isj_release_from_name(name: str, release: str | None) -> None:
    assert release_of(name) == release


# ------------------------------------------------------------------------------ ISJ reader


def test_isj_block_csv_shift_jis(tmp_path: Path) -> None:
    path = _isj(tmp_path, name="11_2025.csv", member=None)
    assert path.read_bytes().startswith('"都道府県名"'.encode("cp932"))
    data = read_isj(path)
    assert data.kinds == {"11_2025.csv": "isj-block"}
    towns = {t.name: t for t in data.towns}
    assert set(towns) == {"桜台二丁目", "桜台三丁目", "大字上川字北原", "みどり"}
    assert (towns["桜台二丁目"].oaza, towns["桜台二丁目"].chome, towns["桜台二丁目"].koaza) == ("桜台", 2, None)
    kamikawa = towns["大字上川字北原"]
    assert (kamikawa.oaza, kamikawa.chome, kamikawa.koaza, kamikawa.residential) == ("上川", None, "字北原", False)
    assert towns["桜台二丁目"].residential is True
    pts = {(data.towns[p.town].name, p.block, p.parcel): p for p in data.points}
    assert set(pts) == {("桜台二丁目", "1", None), ("桜台二丁目", "2", None), ("桜台二丁目", "12", None),
                        ("桜台三丁目", "1", None), ("大字上川字北原", "123", "123"),
                        ("大字上川字北原", "124", "124-2"), ("みどり", "5", None)}
    assert {p.level for p in data.points} == {"block"}
    assert {p.dataset for p in data.points} == {"isj-block"}
    assert {p.release for p in data.points} == {"2025"}
    assert pts[("桜台二丁目", "1", None)].line == 2


def test_isj_block_zip_member_and_release(tmp_path: Path) -> None:
    data = read_isj(_isj(tmp_path))
    assert data.files == ["11000-24.0a.zip/11_2025.csv"]
    assert {p.release for p in data.points} == {"24.0a"}
    assert {p.source for p in data.points} == {"11000-24.0a.zip/11_2025.csv"}


def test_isj_representative_point_and_deleted_history_rows(tmp_path: Path) -> None:
    a, b = _offset(*P, 0, 0), _offset(*P, 30, 0)
    rows = [isj_block("桜台一丁目", "4", *a, rep=0), isj_block("桜台一丁目", "4", *b, rep=1),
            isj_block("桜台一丁目", "5", *a, before=3)]
    data = read_isj(write_isj_block(tmp_path / "11_2025.csv", rows))
    assert [(p.block, round(p.lat, 6)) for p in data.points] == [("4", round(b[0], 6))]
    assert data.skipped == {"代表でない点（同じ街区符号・地番の2点目以降）": 1, "更新前履歴フラグ「3:削除」の行": 1}


def test_isj_xy_disagreeing_with_latlon_is_a_warning(tmp_path: Path) -> None:
    row = isj_block("桜台一丁目", "4", *P)
    row["x"] = str(float(row["x"]) + 500)
    data = read_isj(write_isj_block(tmp_path / "11_2025.csv", [row]))
    assert len(data.points) == 1
    assert data.warnings and "500 m" in data.warnings[0].message and data.warnings[0].line == 2


def test_isj_town_level(tmp_path: Path) -> None:
    path = write_isj_town(tmp_path / "11000-17.0b.zip", [
        isj_town("119990001002", "桜台二丁目", *P), isj_town("119990002000", "大字上川", *_offset(*P, 900, 0), kind=1),
    ], member="11_2023.csv")
    data = read_isj(path)
    assert data.kinds == {"11000-17.0b.zip/11_2023.csv": "isj-town"}
    assert [(t.code, t.oaza, t.chome, t.lg_code) for t in data.towns] == [
        ("isj:119990001002", "桜台", 2, LG_CODE), ("isj:119990002000", "上川", None, LG_CODE)]
    assert {(p.level, p.dataset, p.release) for p in data.points} == {("town", "isj-town", "17.0b")}


def test_isj_town_level_bad_coordinates_name_line_and_column(tmp_path: Path) -> None:
    rows = [isj_town("119990001002", "桜台二丁目", *P), isj_town("119990002000", "大字上川", *P),
            isj_town("119990003000", "大字下川", *P)]
    rows[1]["lat"] = "北緯35度"
    rows[2]["lat"], rows[2]["lon"] = rows[2]["lon"], rows[2]["lat"]  # swapped
    with pytest.raises(InputRejected) as e:
        read_isj(write_isj_town(tmp_path / "11_2023.csv", rows))
    assert {(p.line, p.column) for p in e.value.problems} == {(3, "緯度"), (4, "緯度")}
    assert "日本の範囲" in str(e.value) and "緯度が数値ではありません" in str(e.value)


# ------------------------------------------------------------------------------ ABR reader


def test_abr_english_headers_join_bodies_and_positions(tmp_path: Path) -> None:
    data = read_abr(_abr_files(tmp_path))
    assert data.kinds["mt_rsdtdsp_rsdt_pos_city119997.csv"] == "abr-rsdt-pos"
    towns = {t.code: t for t in data.towns}
    sakura = towns[LG_CODE + "0001002"]
    assert (sakura.name, sakura.oaza, sakura.chome, sakura.residential) == ("桜台二丁目", "桜台", 2, True)
    assert towns[LG_CODE + "0002000"].oaza == "上川"
    assert towns[LG_CODE + "0003000"].valid_to == dt.date(2020, 3, 31)
    got = sorted((p.dataset, data.towns[p.town].name, p.level, p.block, p.residence, p.parcel) for p in data.points)
    assert got == sorted([
        ("abr-town", "桜台二丁目", "town", None, None, None), ("abr-town", "大字上川", "town", None, None, None),
        ("abr-block", "桜台二丁目", "block", "1", None, None), ("abr-block", "桜台二丁目", "block", "12", None, None),
        ("abr-residence", "桜台二丁目", "residence", "1", "3", None),
        ("abr-residence", "桜台二丁目", "residence", "1", "3-2", None),
        ("abr-residence", "桜台二丁目", "residence", "12", "7", None),
        ("abr-parcel", "大字上川", "block", "123", None, "123"),
        ("abr-parcel", "大字上川", "parcel", "124", None, "124-2"),
        ("abr-parcel", "旧町", "block", "1", None, "1"),
    ])
    # No date in the names: the release is the file's latest 効力発生日/廃止日.
    assert {p.release for p in data.points if p.dataset == "abr-residence"} == {"2020-01-01"}


def test_abr_japanese_headers_read_the_same(tmp_path: Path) -> None:
    def strip(data: Any) -> Any:
        return ([t._replace(file="", line=0) for t in data.towns],
                [p._replace(source="", line=0) for p in data.points])

    en = read_abr(_abr_files(tmp_path, sub="en"))
    ja = read_abr(_abr_files(tmp_path, japanese=True, sub="ja"))
    assert (tmp_path / "ja" / "mt_town_city119997.csv").read_text().startswith("全国地方公共団体コード,町字id,")
    assert strip(ja) == strip(en)


def test_abr_from_zips_and_auto_format(tmp_path: Path) -> None:
    zips = []
    for f in _abr_files(tmp_path):
        z = tmp_path / f"{f.name}.zip"
        with zipfile.ZipFile(z, "w") as zf:
            zf.write(f, f.name)
        zips.append(z)
    data = read_official([_isj(tmp_path), *zips])
    assert {k.split("-")[0] for k in data.kinds.values()} == {"isj", "abr"}
    assert any(p.dataset == "abr-residence" for p in data.points)


@pytest.mark.parametrize("srid", ["EPSG:4612", "4612", "EPSG:6668", "6668"])
def test_abr_srid_points_round_trip_within_1m(tmp_path: Path, store: Store, srid: str) -> None:
    import_addresses(store, _abr_files(tmp_path, srid=srid), today=TODAY, actor=SYSTEM)
    source = _offset(*P, 5, 9)  # 桜台二丁目1番3号の2 as written in the pos file
    with store.session() as s:
        lat, lon = s.execute(select(AddressPoint.lat, AddressPoint.lon).where(
            AddressPoint.residence == "3-2")).one()
    assert _distance((lat, lon), source) < 1.0


def test_abr_jgd2000_goes_through_the_transformation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EPSG:4612 positions go through pyproj's EPSG:4612 → EPSG:6668 transformation; 6668 ones do not.

    Without the PatchJGD grid the transformation is the identity, so a stand-in that shifts
    every point shows which rows took that path.
    """
    import pyproj

    calls: list[tuple[str, str]] = []
    real = pyproj.Transformer.from_crs

    class Shift:
        def transform(self, x: Any, y: Any) -> tuple[Any, Any]:
            return x + 0.001, y + 0.001

    def from_crs(a: str, b: str, **kw: Any) -> Any:
        calls.append((a, b))
        return Shift() if (a, b) == ("EPSG:4612", "EPSG:6668") else real(a, b, **kw)

    monkeypatch.setattr(pyproj.Transformer, "from_crs", from_crs)
    src = _offset(*P, 5, 9)
    old = next(p for p in read_abr(_abr_files(tmp_path, srid="EPSG:4612", sub="a")).points if p.residence == "3-2")
    assert (old.lat, old.lon) == pytest.approx((src[0] + 0.001, src[1] + 0.001), abs=1e-9)
    assert calls == [("EPSG:4612", "EPSG:6668")]
    new = next(p for p in read_abr(_abr_files(tmp_path, sub="b")).points if p.residence == "3-2")
    assert (new.lat, new.lon) == pytest.approx(src, abs=1e-9) and len(calls) == 1


# ------------------------------------------------------------------------------ real 2022 sample


@pytest.mark.skipif(not SAITAMA_TOWNS.exists(), reason="real ABR sample not present")
def test_real_abr_2022_sayama_towns(store: Store) -> None:
    report = import_addresses(store, [SAITAMA_TOWNS], cities=["狭山市"], today=TODAY, actor=SYSTEM)
    assert report.kinds == {"town_pref11_saitama.csv": "abr-town"}
    assert report.cities == ["狭山市"] and report.towns_added == 113 and report.points_added == 0
    towns = {t.name: t for t in _towns(store)}
    assert len(towns) == 113
    assert {t.city for t in towns.values()} == {"狭山市"} and {t.lg_code for t in towns.values()} == {"112151"}
    t = towns["広瀬台一丁目"]
    assert (t.code, t.oaza, t.chome, t.residential_addressing, t.valid_from) == (
        "1121510001001", "広瀬台", 1, True, dt.date(1947, 4, 17))
    assert (towns["大字下広瀬"].oaza, towns["大字下広瀬"].chome, towns["大字下広瀬"].residential_addressing) == (
        "下広瀬", None, False)
    assert [towns[f"入間川{n}"].chome for n in ("一丁目", "二丁目", "三丁目", "四丁目")] == [1, 2, 3, 4]
    assert towns["入間川"].chome is None
    # 小字 without 大字 (町字区分コード 3): the 小字 is the name.
    assert (towns["旭台"].oaza, towns["旭台"].koaza, towns["旭台"].kana) == ("旭台", "旭台", "アサヒダイ")
    assert sum(1 for t in towns.values() if t.koaza) == 55
    again = import_addresses(store, [SAITAMA_TOWNS], cities=["狭山市"], today=TODAY, actor=SYSTEM)
    assert again.unchanged and again.towns_unchanged == 113


@pytest.mark.skipif(not KANAGAWA_TOWNS.exists(), reason="real ABR sample not present")
def test_real_abr_2022_ward_by_code() -> None:
    data = read_abr([KANAGAWA_TOWNS], cities=["141119"])
    assert data.cities == ["横浜市港南区"] and len(data.towns) == 86
    assert ("下永谷", 1) in {(t.oaza, t.chome) for t in data.towns}


# ------------------------------------------------------------------------------ import


def test_import_isj_creates_towns_and_points(tmp_path: Path, store: Store) -> None:
    report = import_addresses(store, [_isj(tmp_path)], today=TODAY, actor=SYSTEM)
    assert (report.towns_added, report.points_added) == (4, 7)
    assert report.datasets["isj-block"].releases == ["24.0a"]
    towns = {t.name: t for t in _towns(store)}
    assert towns["桜台二丁目"].city == CITY and towns["桜台二丁目"].code.startswith("isjn:")
    # No town-level point: the town's lat/lon is the mean of its points.
    assert towns["桜台二丁目"].lat == pytest.approx(P[0], abs=1e-5)
    run = report.to_json()
    assert run["points_added"] == 7 and run["datasets"]["isj-block"]["added"] == 7
    assert "7" in report.summary_ja()


def test_isj_coordinates_are_stored_exactly(tmp_path: Path, store: Store) -> None:
    rows = _isj_rows()
    import_addresses(store, [_isj(tmp_path, rows)], today=TODAY, actor=SYSTEM)
    stored = {(p.name, p.block): (p.lat, p.lon) for p in _points(store)}
    assert stored[("桜台二丁目", "1")] == (float(rows[0]["lat"]), float(rows[0]["lon"]))


def test_same_source_twice_changes_nothing(tmp_path: Path, store: Store, dump: Callable[..., list[str]]) -> None:
    files = [_isj(tmp_path), *_abr_files(tmp_path)]
    first = import_addresses(store, files, today=TODAY, actor=SYSTEM)
    assert not first.unchanged
    before = dump(exclude=EXCLUDE_RUNS)
    again = import_addresses(store, files, today=TODAY, actor=SYSTEM)
    assert again.unchanged
    assert again.points_unchanged == first.points_added and again.towns_unchanged > 0
    assert dump(exclude=EXCLUDE_RUNS) == before
    with sqlite3.connect(store.engine.url.database or "") as con:
        assert con.execute("select count(*) from import_runs where kind = 'addresses'").fetchone()[0] == 2


def test_newer_release_reports_moves_and_replaces_vanished_points(tmp_path: Path, store: Store) -> None:
    import_addresses(store, _abr_files(tmp_path, sub="old"), today=TODAY, actor=SYSTEM)
    with store.transaction() as s:
        pid = s.execute(select(AddressPoint.id).where(AddressPoint.residence == "7")).scalar_one()
        s.add(Household(household_no="H1", address="架空市桜台二丁目12番7号", point_id=pid, match_status="matched"))
    report = import_addresses(store, _abr_files(tmp_path, sub="new", shift_m=25.0, drop_rsdt=True), today=TODAY, actor=SYSTEM)
    # Every point moved 25 m north except the residence that vanished from the newer release.
    assert report.datasets["abr-residence"].removed == 1
    assert report.datasets["abr-residence"].moved == 2
    assert report.points_moved == 9 and report.points_removed == 1 and report.points_added == 0
    assert report.moves and all(m.distance_m == pytest.approx(25.0, abs=0.01) for m in report.moves)
    assert report.max_move_m == pytest.approx(25.0, abs=0.01)
    assert report.households_affected == 1
    assert "移動" in report.summary_ja()
    residences = [p.residence for p in _points(store) if p.dataset == "abr-residence"]
    assert sorted(residences) == ["3", "3-2"]
    moved = next(p for p in _points(store) if p.residence == "3-2")
    assert _distance((moved.lat, moved.lon), _offset(*P, 30, 9)) < 0.01


def test_newer_isj_release_replaces_per_town(tmp_path: Path, store: Store) -> None:
    import_addresses(store, [_isj(tmp_path)], today=TODAY, actor=SYSTEM)
    rows = _isj_rows()
    rows[0] = isj_block("桜台二丁目", "1", *_offset(*P, 40, 0))          # moved 40 m
    rows = [r for r in rows if r["number"] != "十二"]                      # vanished
    rows.append(isj_block("桜台二丁目", "13", *_offset(*P, 0, 240)))     # new
    rows = [r for r in rows if r["oaza"] != "みどり"]                      # town absent: kept
    report = import_addresses(store, [_isj(tmp_path, rows, name="11000-25.0a.zip", member="11_2026.csv")],
                              today=TODAY, actor=SYSTEM)
    assert (report.points_added, report.points_removed, report.points_moved) == (1, 1, 1)
    assert report.moves[0].label == "桜台二丁目1番"
    assert report.moves[0].distance_m == pytest.approx(40.0, abs=0.2)  # ISJ writes 6 decimals
    assert report.datasets["isj-block"].previous_releases == ["24.0a"]
    assert any("みどり" in w.message for w in report.warnings)
    blocks = {(p.name, p.block, p.release) for p in _points(store)}
    assert ("みどり", "5", "24.0a") in blocks and ("桜台二丁目", "13", "25.0a") in blocks
    assert not any(b[:2] == ("桜台二丁目", "12") for b in blocks)


def test_isj_and_abr_for_the_same_town_make_one_town(tmp_path: Path, store: Store) -> None:
    isj = _isj(tmp_path)
    abr = _abr_files(tmp_path)
    import_addresses(store, [isj], today=TODAY, actor=SYSTEM)
    n_isj = len(_towns(store))
    report = import_addresses(store, abr, today=TODAY, actor=SYSTEM)
    towns = _towns(store)
    by_name = {t.name: t for t in towns}
    # 桜台二丁目 arrived from both: one row, now with ABR's code and its town point as lat/lon.
    assert [t.name for t in towns].count("桜台二丁目") == 1
    sakura = by_name["桜台二丁目"]
    assert sakura.code == LG_CODE + "0001002" and sakura.lg_code == LG_CODE
    assert (sakura.lat, sakura.lon) == pytest.approx(_offset(*P, 10, 10), abs=1e-8)
    # ISJ's 大字上川 carried 小字 字北原; ABR's 大字上川 has none: a different town.
    assert report.towns_added == 2 and len(towns) == n_isj + 2
    with store.session() as s:
        datasets = set(s.scalars(select(AddressPoint.dataset).where(AddressPoint.town_id == sakura.id)))
    assert datasets == {"isj-block", "abr-town", "abr-block", "abr-residence"}


def test_isj_and_abr_in_one_import_and_in_either_order(tmp_path: Path) -> None:
    from wardapp.store import open_store

    def names(db: Path, batches: list[list[Path]]) -> list[tuple[str, str]]:
        store = open_store(db)
        try:
            for b in batches:
                import_addresses(store, b, today=TODAY, actor=SYSTEM)
            return sorted((t.name, t.code) for t in _towns(store))
        finally:
            store.close()

    isj, abr = [_isj(tmp_path)], _abr_files(tmp_path)
    together = names(tmp_path / "a.sqlite3", [isj + abr])
    assert together == names(tmp_path / "b.sqlite3", [abr, isj]) == names(tmp_path / "c.sqlite3", [isj, abr])
    assert [n for n, _ in together].count("桜台二丁目") == 1


def test_isj_town_level_sets_town_point_and_merges_with_blocks(tmp_path: Path, store: Store) -> None:
    town_file = write_isj_town(tmp_path / "11_2023.csv", [isj_town("119990001002", "桜台二丁目", *_offset(*P, 1, 1))])
    import_addresses(store, [_isj(tmp_path), town_file], today=TODAY, actor=SYSTEM)
    sakura = [t for t in _towns(store) if t.name == "桜台二丁目"]
    assert len(sakura) == 1
    assert sakura[0].code == "isj:119990001002" and sakura[0].lg_code == LG_CODE
    assert (sakura[0].lat, sakura[0].lon) == (float(f"{_offset(*P, 1, 1)[0]:.6f}"), float(f"{_offset(*P, 1, 1)[1]:.6f}"))


def test_isj_town_level_alone(tmp_path: Path, store: Store) -> None:
    path = write_isj_town(tmp_path / "11_2023.csv", [isj_town("119990001002", "桜台二丁目", *P),
                                                      isj_town("119990003000", "みどり", *_offset(*P, -400, 0), kind=1)])
    report = import_addresses(store, [path], today=TODAY, actor=SYSTEM)
    assert (report.towns_added, report.points_added) == (2, 2)
    assert {(t.name, t.code, t.lat) for t in _towns(store)} == {
        ("桜台二丁目", "isj:119990001002", float(f"{P[0]:.6f}")),
        ("みどり", "isj:119990003000", float(f"{_offset(*P, -400, 0)[0]:.6f}"))}
    # The 街区 file next: its towns are the same towns.
    again = import_addresses(store, [_isj(tmp_path)], today=TODAY, actor=SYSTEM)
    assert again.towns_added == 2  # 桜台三丁目 and 大字上川字北原 are new; 桜台二丁目 and みどり are not


def test_abolished_rows_are_kept_with_valid_to(tmp_path: Path, store: Store) -> None:
    report = import_addresses(store, _abr_files(tmp_path), today=TODAY, actor=SYSTEM)
    assert report.abolished_points == 1 and report.abolished_towns == 1
    old = next(t for t in _towns(store) if t.name == "旧町")
    assert old.valid_to == dt.date(2020, 3, 31)
    pts = [p for p in _points(store) if p.name == "旧町"]
    assert [(p.parcel, p.valid_from, p.valid_to) for p in pts] == [("1", dt.date(1990, 4, 1), dt.date(2020, 3, 31))]
    assert "廃止済み" in report.summary_ja()
    # Before its 廃止日 the same row is not yet abolished.
    assert import_addresses(store, _abr_files(tmp_path), today=dt.date(2019, 1, 1), actor=SYSTEM).abolished_points == 0


def test_cities_filter_and_several_cities(tmp_path: Path, store: Store) -> None:
    rows = [*_isj_rows(), isj_block("本町一丁目", "1", *_offset(*P, 3000, 0), city="隣町市")]
    path = _isj(tmp_path, rows)
    only = import_addresses(store, [path], cities=[CITY], today=TODAY, actor=SYSTEM)
    assert only.cities == [CITY] and only.skipped == {"指定外の市区町村の行": 1}
    assert {t.city for t in _towns(store)} == {CITY}
    both = import_addresses(store, [path], today=TODAY, actor=SYSTEM)
    assert both.cities == [CITY, "隣町市"] and both.towns_added == 1
    assert "2 の市区町村" in both.warnings[0].message
    with pytest.raises(InputRejected) as e:
        import_addresses(store, [path], cities=["狭山市"], today=TODAY, actor=SYSTEM)
    assert "指定された市区町村の行がありません" in str(e.value)


def test_cancel_while_writing_leaves_the_store_unchanged(tmp_path: Path, store: Store,
                                                         dump: Callable[..., list[str]]) -> None:
    import_addresses(store, [_isj(tmp_path)], today=TODAY, actor=SYSTEM)
    before = dump()
    labels: list[str] = []

    def cb(done: int, total: int, label: str) -> None:
        labels.append(label)
        if label.startswith("地点を追加しています"):  # towns already written
            progress.cancel()

    progress = Progress(cb)
    with pytest.raises(Cancelled):
        import_addresses(store, _abr_files(tmp_path), progress=progress, today=TODAY, actor=SYSTEM)
    assert any(lb.startswith("地点を追加しています") for lb in labels)
    assert dump() == before


# ------------------------------------------------------------------------------ bad input


@pytest.fixture
def loaded(tmp_path: Path, store: Store, dump: Callable[..., list[str]]) -> Callable[[], list[str]]:
    """A store with a good import in it; returns a function giving its dump."""
    import_addresses(store, [_isj(tmp_path, name="good.zip")], today=TODAY, actor=SYSTEM)
    return lambda: dump()


def _rejected(store: Store, paths: list[Path], **kw: Any) -> InputRejected:
    with pytest.raises(InputRejected) as e:
        import_addresses(store, paths, today=TODAY, **kw, actor=SYSTEM)
    return e.value


def test_bad_coordinate_and_flag_name_file_line_column(tmp_path: Path, store: Store,
                                                        loaded: Callable[[], list[str]]) -> None:
    before = loaded()
    rows = _isj_rows()
    rows[1]["lat"] = "北緯35度"
    rows[2]["lat"], rows[2]["lon"] = rows[2]["lon"], rows[2]["lat"]  # swapped
    rows[3]["rsdt"] = "2"
    rows[4]["rep"] = "x"
    rows[5]["zone"] = "20"
    err = _rejected(store, [_isj(tmp_path, rows, name="bad.zip")])
    assert err.file == "bad.zip/11_2025.csv"
    got = {(p.line, p.column) for p in err.problems}
    assert got == {(3, "緯度"), (4, "緯度"), (5, "住居表示フラグ"), (6, "代表フラグ"), (7, "座標系番号")}
    text = str(err)
    assert "bad.zip/11_2025.csv 3行目 列「緯度」" in text and "日本の範囲" in text
    assert "データベースは変更されていません" in text
    assert loaded() == before


def test_wrong_encoding_is_refused_with_line(tmp_path: Path, store: Store, loaded: Callable[[], list[str]]) -> None:
    before = loaded()
    good = write_isj_block(tmp_path / "x.csv", _isj_rows()).read_bytes()
    bad = tmp_path / "11_2025.csv"
    bad.write_bytes(good.replace("みどり".encode("cp932"), b"\x85\xff\x85\xff"))
    err = _rejected(store, [bad])
    assert err.problems[0].line == 8 and "文字コード" in err.problems[0].message
    # EUC-JP decodes as half-width katakana in CP932: the header check catches it and says why.
    euc = tmp_path / "euc.csv"
    euc.write_bytes(good.decode("cp932").encode("euc_jp"))
    err = _rejected(store, [euc])
    assert "文字コード" in str(err) and err.problems[0].line == 1
    assert loaded() == before


@pytest.mark.parametrize(("fmt", "which", "message"), [
    ("isj", "abr", "位置参照情報（街区レベル）・位置参照情報（大字・町丁目レベル）の見出しではありません"),
    ("abr", "isj", "アドレス・ベース・レジストリ（町字・住居表示・地番マスター）の見出しではありません"),
    ("auto", "other", "見えない見出しです"),
])
def test_not_the_claimed_format(tmp_path: Path, store: Store, loaded: Callable[[], list[str]], fmt: str,
                                which: str, message: str) -> None:
    before = loaded()
    if which == "abr":
        path = _abr_files(tmp_path)[0]
    elif which == "isj":
        path = _isj(tmp_path, name="11_2025.csv", member=None)
    else:
        path = tmp_path / "registry.csv"
        path.write_text("宛名番号,氏名,住所\n1,試験,架空市桜台二丁目1番3号\n", encoding="cp932")
    err = _rejected(store, [path], format=fmt)
    assert message in str(err) and err.problems[0].line == 1
    assert loaded() == before


def test_isj_header_missing_columns(tmp_path: Path, store: Store) -> None:
    header = tuple(h for h in ("都道府県名", "市区町村名", "大字・丁目名", "小字・通称名", "街区符号・地番", "緯度"))
    path = write_isj_block(tmp_path / "11_2025.csv", [], header=header)
    err = _rejected(store, [path])
    assert "位置参照情報（街区レベル）の見出しではありません" in str(err)
    assert {p.column for p in err.problems[1:]} == {"経度", "住居表示フラグ"}


def test_zip_without_the_expected_member(tmp_path: Path, store: Store, loaded: Callable[[], list[str]]) -> None:
    before = loaded()
    z = tmp_path / "11000-24.0a.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("readme.txt", "位置参照情報")
        zf.writestr("11_2025.pdf", b"%PDF")
    err = _rejected(store, [z], format="isj")
    assert err.file == "11000-24.0a.zip"
    assert "位置参照情報の CSV ファイルがありません" in str(err) and "readme.txt、11_2025.pdf" in str(err)
    assert loaded() == before


def test_abr_bad_rows_name_their_file_and_column(tmp_path: Path, store: Store,
                                                  loaded: Callable[[], list[str]]) -> None:
    before = loaded()
    files = _abr_files(tmp_path)
    pos = files[5]  # rsdt pos
    text = pos.read_text().splitlines()
    text[1] = text[1].replace("EPSG:6668", "EPSG:4326")
    text[2] = text[2].replace("35.", "135.", 1)
    pos.write_text("\n".join(text) + "\n")
    town = files[0]
    t = town.read_text().splitlines()
    t[1] = t[1].replace("2020-01-01", "2020-13-01").replace(LG_CODE, "119990", 1)
    town.write_text("\n".join(t) + "\n")
    err = _rejected(store, files)
    where = {(p.message.split("]")[0].lstrip("["), p.line, p.column) for p in err.problems}
    assert where == {
        ("mt_town_city119997.csv", 2, "lg_code"), ("mt_town_city119997.csv", 2, "efct_date"),
        ("mt_rsdtdsp_rsdt_pos_city119997.csv", 2, "rep_srid"), ("mt_rsdtdsp_rsdt_pos_city119997.csv", 3, "rep_lat"),
    }
    assert "JGD2011（EPSG:6668）" in str(err)
    assert loaded() == before


def test_abr_position_files_alone_are_a_warning(tmp_path: Path) -> None:
    files = _abr_files(tmp_path)
    data = read_abr([files[0], files[3]])  # town + blk_pos without the blk body
    assert any("位置参照ファイルだけでは使えません" in w.message for w in data.warnings)
    assert {p.dataset for p in data.points} == set()  # no town pos given either
