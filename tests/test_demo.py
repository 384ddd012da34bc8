"""The demo ward generator (wardapp.demo): determinism, realism, geometry, the CP932 extract,
the official-format map pack, and the end-to-end build through the real importers (map pack,
registry, welfare) and address matching.  No Qt."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely

from wardapp.demo import (
    REFERENCE_DATE,
    REGISTRY_HEADER,
    Ward,
    ensure_demo,
    generate_ward,
    registry_frame,
    write_registry_csv,
)
from wardapp.demo.extract import HYPHENS, PARCEL_KINDS, RESIDENTIAL_KINDS, half_width_kana
from wardapp.demo.mappack import IMPORTS, LAYERS, manifest_text
from wardapp.demo.welfare import KINDS, WELFARE_CSV_HEADER, write_welfare_csv
from wardapp.errors import Cancelled, UsageError
from wardapp.progress import Progress
from wardapp.security import SYSTEM
from wardapp.wareki import age_on, parse_date

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def ward() -> Ward:
    return generate_ward(seed=7, persons=3000)


@pytest.fixture(scope="module")
def big_ward() -> Ward:
    """Large enough for rates to be stable (±1–2 points)."""
    return generate_ward(seed=11, persons=20_000)


@pytest.fixture(scope="module")
def extract(ward: Ward, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    path = write_registry_csv(ward, tmp_path_factory.mktemp("extract") / "registry.csv")
    text = path.read_bytes().decode("cp932")  # strict: any non-CP932 byte fails here
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return path, rows


# --------------------------------------------------------------------------- determinism


def test_same_seed_gives_identical_csv_bytes_and_other_seed_differs(tmp_path: Path) -> None:
    a = write_registry_csv(generate_ward(3, 1500), tmp_path / "a.csv").read_bytes()
    b = write_registry_csv(generate_ward(3, 1500), tmp_path / "b.csv").read_bytes()
    c = write_registry_csv(generate_ward(4, 1500), tmp_path / "c.csv").read_bytes()
    assert a == b
    assert a != c


def test_generation_does_not_depend_on_global_random_state() -> None:
    np.random.seed(0)
    first = generate_ward(5, 800)
    np.random.seed(123)
    second = generate_ward(5, 800)
    assert first.persons["name"].tolist() == second.persons["name"].tolist()
    assert first.households["point"].tolist() == second.households["point"].tolist()


def test_exact_person_count_for_odd_sizes() -> None:
    for n in (1, 17, 999):
        w = generate_ward(2, n)
        assert len(w.persons) == n
        assert w.households["size"].sum() == n


# --------------------------------------------------------------------------- the CSV file


def test_csv_is_cp932_with_canonical_header_and_crlf(ward: Ward, extract: tuple[Path, list[list[str]]]) -> None:
    path, rows = extract
    assert tuple(rows[0]) == REGISTRY_HEADER == (
        "宛名番号", "世帯番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "住所", "方書", "住民区分", "異動事由", "異動日")
    assert len(rows) == len(ward.persons) + 1
    assert all(len(r) == 12 for r in rows)
    raw = path.read_bytes()
    assert raw.count(b"\r\n") == len(rows) and b"\n" not in raw.replace(b"\r\n", b"")
    assert not any(h in "".join(rows[0]) for h in ("マイナンバー", "個人番号"))
    # ids are 10-digit text; 宛名番号 keep their leading zero; 世帯番号 start with 8
    assert all(re.fullmatch(r"0\d{9}", r[0]) for r in rows[1:])
    assert all(re.fullmatch(r"8\d{9}", r[1]) for r in rows[1:])
    assert len({r[0] for r in rows[1:]}) == len(rows) - 1


def test_households_contiguous_head_first_one_address(extract: tuple[Path, list[list[str]]]) -> None:
    _, rows = extract
    groups: dict[str, list[list[str]]] = {}
    order: list[str] = []
    for r in rows[1:]:
        if r[1] not in groups:
            order.append(r[1])
        groups.setdefault(r[1], []).append(r)
    assert order == sorted(order)  # sorted by 世帯番号, each household in one run of rows
    seen_runs = [r[1] for r in rows[1:]]
    assert sum(1 for i in range(1, len(seen_runs)) if seen_runs[i] != seen_runs[i - 1]) == len(groups) - 1
    for members in groups.values():
        rels = [m[6] for m in members]
        assert rels.count("世帯主") == 1 and rels[0] == "世帯主"
        assert len({m[7] for m in members}) == 1, members  # same 住所 string in a household
        assert len({m[8] for m in members}) == 1
    all_rels = Counter(r[6] for r in rows[1:])
    assert {"世帯主", "妻", "夫", "子", "孫", "父", "母", "子の妻", "同居人"} <= set(all_rels)


def test_birth_dates_parse_match_ages_and_come_in_several_forms(ward: Ward, extract: tuple[Path, list[list[str]]]) -> None:
    _, rows = extract
    by_no = dict(zip(ward.persons["person_no"], ward.persons["age"]))
    forms = Counter()
    patterns = {
        "西暦": r"\d{4}/\d{2}/\d{2}", "和暦": r"(大正|昭和|平成|令和)(\d{1,2}|元)年\d{1,2}月\d{1,2}日",
        "和暦略号": r"[TSHR]\d{1,2}\.\d{1,2}\.\d{1,2}", "元号コード": r"[2345]\d{6}",
        "ISO": r"\d{4}-\d{2}-\d{2}", "8桁": r"\d{8}",
    }
    for r in rows[1:]:
        born = parse_date(r[4])
        assert age_on(born, REFERENCE_DATE) == by_no[r[0]], r
        forms.update(k for k, p in patterns.items() if re.fullmatch(p, r[4]))
        if r[11]:
            assert r[10] in ("転入", "転居", "出生")
            assert born <= parse_date(r[11]) <= REFERENCE_DATE
    assert set(forms) == set(patterns), forms
    main = forms.most_common(1)[0]
    assert main[0] in ("西暦", "和暦") and main[1] > 0.9 * (len(rows) - 1)


def test_every_address_spelling_occurs(ward: Ward, extract: tuple[Path, list[list[str]]]) -> None:
    _, rows = extract
    frame = registry_frame(ward)
    assert set(frame["住所形式"]) == set(RESIDENTIAL_KINDS) | set(PARCEL_KINDS)
    addrs = [r[7] for r in rows[1:]]
    text = "\n".join(addrs)
    checks = {
        "漢数字丁目": r"[一二三四]丁目\d+番\d+号",
        "算用数字丁目": r"[^\d０-９]\d丁目\d+番\d+号",
        "全角数字ハイフン": r"[０-９]+－[０-９]+",
        "住居表示の番地": r"丁目[０-９]+番地[０-９]+",
        "全角の番・号": r"[０-９]+番[０-９]+号",
        "大字と字": r"大字[^字\n]+字[^\n]+\d+番地",
        "番地の": r"\d+番地の\d+",
        "大字なし": r"(?m)^(架空市みどり区)?[^大\n架][^\n]*\d+-\d+$",
        "市区の前置": r"(?m)^架空市みどり区",
        "県からの前置": r"(?m)^架空県架空市みどり区",
        "前置なし": r"(?m)^(?!架空)",
    }
    missing = [k for k, p in checks.items() if not re.search(p, text)]
    assert not missing, missing
    for h in HYPHENS:  # every hyphen look-alike between digits
        assert re.search(rf"\d{re.escape(h)}\d", text), h
    # 方書 glued onto 住所 in about 2% of rows, and otherwise in its own column
    glued = sum(1 for r in rows[1:] if not r[8] and re.search(r"(号室|\d{3}|\dF)$", r[7]) and not re.search(r"\d+[-－‐ーｰ]\d+$|号$|番地\d*$", r[7]))
    own = sum(1 for r in rows[1:] if r[8])
    assert 0.005 < glued / (len(rows) - 1) < 0.05
    assert own > 0.2 * (len(rows) - 1)


def test_kana_mostly_full_width_some_half_width_and_hiragana(extract: tuple[Path, list[list[str]]]) -> None:
    _, rows = extract
    kana = [r[3] for r in rows[1:]]
    half = sum(1 for k in kana if re.search("[ｦ-ﾟ]", k))
    hira = sum(1 for k in kana if re.search("[ぁ-ゖ]", k))
    full = sum(1 for k in kana if re.fullmatch("[ァ-ヶー]+\u3000[ァ-ヶー\u3000]+", k))
    n = len(kana)
    assert 0.02 < half / n < 0.09 and 0 < hira / n < 0.03 and full / n > 0.85
    assert half_width_kana("ガッコウ　ヴ") == "ｶﾞｯｺｳ ｳﾞ"


def test_foreign_residents(ward: Ward, extract: tuple[Path, list[list[str]]]) -> None:
    _, rows = extract
    foreign = [r for r in rows[1:] if r[9] == "外国人"]
    assert 0.01 < len(foreign) / (len(rows) - 1) < 0.045
    assert any(re.fullmatch(r"[A-Z]+ [A-Z ]+", r[2]) for r in foreign)  # romaji as on the residence card
    assert {r[9] for r in rows[1:]} == {"日本人", "外国人"}


def test_gaiji_present_and_survives_cp932(ward: Ward, extract: tuple[Path, list[list[str]]]) -> None:
    path, rows = extract
    gaiji = [r for r in rows[1:] if re.search("[\ue000-\ue757]", r[2])]
    assert 2 <= len(gaiji) <= 6
    raw = path.read_bytes()
    for r in gaiji:
        assert r[2].encode("cp932") in raw  # user-defined area bytes 0xF040–0xF9FC
        assert re.search(rb"[\xf0-\xf9][\x40-\xfc]", r[2].encode("cp932"))
        assert r[3]  # a 外字 name still has its reading
    assert any(ch in "".join(r[2] for r in rows[1:]) for ch in "髙﨑") or len(rows) < 5000


def test_importer_reads_the_extract_without_problems(ward: Ward, extract: tuple[Path, list[list[str]]]) -> None:
    registry = pytest.importorskip("wardapp.registry.importer")
    path, _ = extract
    parsed = registry.parse_registry(path, today=REFERENCE_DATE)
    assert parsed.table.encoding == "cp932"
    assert not parsed.problems.problems
    assert len(parsed.persons) == len(ward.persons)
    assert len(parsed.gaiji) == sum(1 for n in ward.persons["name"] if re.search("[\ue000-\uf8ff]", n))


# --------------------------------------------------------------------------- population and welfare


def test_age_structure_and_households(big_ward: Ward) -> None:
    p, h = big_ward.persons, big_ward.households
    age = p["age"].to_numpy()
    assert 0.25 <= (age >= 65).mean() <= 0.33
    assert 0.13 <= (age >= 75).mean() <= 0.19
    assert 0.09 <= (age < 15).mean() <= 0.15
    size = h["size"].to_numpy()[p["household"].to_numpy()]
    alone_old = ((age >= 65) & (size == 1)).sum() / (age >= 65).sum()
    assert 0.18 <= alone_old <= 0.32  # about a quarter of those 65+ live alone
    assert 1.9 <= len(p) / len(h) <= 2.4
    heads = np.bincount(p["household"][p["is_head"]], minlength=len(h))
    assert (heads == 1).all()
    # parents are older than their children; the 子の妻 is an adult
    hh = p.set_index("household")
    head_age = hh[hh["relationship"] == "世帯主"]["age"]
    kids = hh[hh["relationship"] == "子"]
    assert (kids["age"] < head_age.reindex(kids.index)).mean() > 0.98
    assert (p[p["relationship"] == "子の妻"]["age"] >= 18).all()


def test_welfare_kinds_and_rates(big_ward: Ward) -> None:
    p, w = big_ward.persons, big_ward.welfare
    n = len(p)
    age = p["age"].to_numpy()
    assert set(w["kind"]) == set(KINDS)
    count = w.groupby("kind")["person"].nunique()
    care_old = w[(w["kind"] == "要介護認定")]["person"]
    assert 0.14 <= (age[care_old] >= 65).sum() / (age >= 65).sum() <= 0.24
    assert (age[care_old] >= 75).mean() > 0.75
    assert 0.02 <= count["身体障害者手帳"] / n <= 0.04
    assert 0.004 <= count["療育手帳"] / n <= 0.012
    assert 0.006 <= count["精神障害者保健福祉手帳"] / n <= 0.015
    assert 0.004 <= count["難病"] / n <= 0.011
    assert 0.001 <= count["医療的ケア"] / n <= 0.004
    preg = w[w["kind"] == "妊娠"]
    women = ((p["sex"] == 2) & p["age"].between(20, 44)).sum()
    assert 0.005 <= len(preg) / women <= 0.02
    assert (p["sex"].to_numpy()[preg["person"]] == 2).all() and p["age"].to_numpy()[preg["person"]].min() >= 20
    ref = REFERENCE_DATE.toordinal()
    assert ((preg["valid_to"] > ref) & (preg["valid_to"] <= ref + 270)).all()  # 出産予定日 within 9 months
    roster = w[w["kind"] == "要支援者名簿"]["grade"].value_counts(normalize=True)
    assert set(roster.index) == {"同意", "不同意", "未回答"} and 0.5 <= roster["同意"] <= 0.7
    # most people with 要介護3以上 are on the roster
    severe = set(w[(w["kind"] == "要介護認定") & w["grade"].isin(["要介護3", "要介護4", "要介護5"])]["person"])
    listed = set(w[w["kind"] == "要支援者名簿"]["person"])
    assert len(severe & listed) / len(severe) > 0.8
    jp = w[w["kind"] == "日本語支援"]["person"]
    assert (p["resident_kind"].to_numpy()[jp] == "外国人").all()
    # every attribute is current on the reference date
    assert (w["valid_from"] <= ref).all()
    assert ((w["valid_to"] == 0) | (w["valid_to"] >= ref)).all()
    assert (w["valid_from"] >= p["birth"].to_numpy()[w["person"]]).all()


def test_welfare_csv_is_utf8_bom_with_canonical_header(ward: Ward, tmp_path: Path) -> None:
    path = write_welfare_csv(ward.welfare, ward.persons, tmp_path / "w.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert tuple(rows[0]) == WELFARE_CSV_HEADER == ("宛名番号", "種別", "区分", "開始日", "終了日")
    assert len(rows) == len(ward.welfare) + 1
    persons = set(ward.persons["person_no"])
    assert all(r[0] in persons and r[1] in KINDS and dt.date.fromisoformat(r[3]) for r in rows[1:])


# --------------------------------------------------------------------------- geography


def test_towns_tile_the_ward(ward: Ward) -> None:
    g = ward.geography
    towns, geoms = g.towns, g.town_geoms
    assert 20 <= len(towns) <= 30
    assert all(t.geom_type == "Polygon" and t.is_valid for t in geoms)
    tree = shapely.STRtree(geoms)
    a, b = tree.query(geoms, predicate="intersects")
    pairs = a < b
    overlap = shapely.area(shapely.intersection(geoms[a[pairs]], geoms[b[pairs]])).sum()
    assert overlap < 1e-9 * g.outline.area
    assert shapely.covered_by(geoms, g.outline.buffer(1e-9)).all()
    assert abs(shapely.union_all(geoms).area - g.outline.area) < 1e-6 * g.outline.area
    assert towns["code"].is_unique and towns["name"].is_unique
    assert all(re.fullmatch(r"991015\d{7}", c) for c in towns["code"])  # ABR lg_code + 町字id
    from wardapp.address.official import valid_lg_code

    assert valid_lg_code("991015")
    assert "架空" in ward.name
    assert set(towns["residential"]) == {True, False}  # 住居表示 and 地番 both present
    assert any(n.startswith("大字") for n in towns["name"])
    chome = [c for c in towns["chome"] if c is not None]
    assert chome and set(chome) <= {1, 2, 3, 4}
    assert any(c is None for c in towns[towns["residential"]]["chome"]) or len(towns) < 22


def test_points_lie_inside_their_towns(ward: Ward) -> None:
    g = ward.geography
    pts = g.points
    for level in ("residence", "block", "town"):
        sel = pts[pts["level"] == level]
        assert len(sel)
        inside = shapely.contains_xy(g.town_geoms[sel["town"].to_numpy()], sel["lon"].to_numpy(), sel["lat"].to_numpy())
        assert inside.all(), level
    res = pts[(pts["level"] == "residence") & pts["town"].map(g.towns["residential"])]
    assert not res.duplicated(["town", "block", "residence"]).any()  # one point per 号
    # every household lives at a dwelling point of its own town
    h = ward.households
    assert pts["dwelling"].to_numpy()[h["point"]].all()
    assert (pts["town"].to_numpy()[h["point"]] == h["town"].to_numpy()).all()


def test_flood_bands_and_shelter_designations(ward: Ward) -> None:
    g = ward.geography
    assert list(g.flood["rank"]) == [1, 2, 3, 4]
    fl = g.flood_geoms
    for i in range(len(fl)):
        for j in range(i + 1, len(fl)):
            assert shapely.intersection(fl[i], fl[j]).area < 1e-12
    # some households are in a flood zone, most are not in the deepest band
    r = ward.households["flood_rank"]
    assert 0.1 < (r > 0).mean() < 0.7 and (r == 4).mean() < 0.15
    fac = g.facilities
    kinds = set(fac["kind"])
    assert {"指定避難所", "指定緊急避難場所", "地区センター", "地域ケアプラザ", "コミュニティハウス", "小学校", "中学校"} <= kinds
    assert all(re.fullmatch(r"000-555-\d{4}", ph) for ph in fac["phone"].dropna())
    assert all(a.startswith("架空市みどり区") for a in fac["address"])
    # no site in a 3 m+ band is designated for 洪水
    deep = shapely.union_all(fl[g.flood["rank"].to_numpy() >= 3])
    for f in fac.itertuples():
        if isinstance(f.hazards, str) and "洪水" in f.hazards.split(","):
            assert not shapely.contains_xy(deep, f.lon, f.lat), f.name
    assert fac[["name", "kind"]].drop_duplicates().shape[0] == len(fac)


def test_committed_manifest_matches_the_generator() -> None:
    committed = tomllib.loads((REPO / "maps" / "demo-ward" / "manifest.toml").read_text(encoding="utf-8"))
    generated = tomllib.loads(manifest_text(generate_ward(1, 40_000)))
    assert committed == generated
    assert "架空" in committed["name"] and committed["crs"] == "EPSG:6668" and committed["format"] == 2
    assert [(l["file"], l["kind"]) for l in committed["layers"]] == [(f, k) for f, k, _ in LAYERS]
    assert [(e["importer"], e.get("kind") or e.get("format"), tuple(e["files"])) for e in committed["imports"]] == [
        (i, w, f) for i, w, f, _, _ in IMPORTS]
    readme = (REPO / "maps" / "README.md").read_text(encoding="utf-8")
    for kind in {k for _, k, _ in LAYERS} | {w for _, w, _, _, _ in IMPORTS}:
        assert f"`{kind}`" in readme or f'"{kind}"' in readme, kind
    for _, _, files, _, _ in IMPORTS:
        for f in files:
            assert f"`{f}`" in readme, f


# --------------------------------------------------------------------------- end to end


def test_ensure_demo_builds_imports_and_reuses(tmp_path: Path) -> None:
    pytest.importorskip("wardapp.registry.importer")
    from sqlalchemy import func, select

    from wardapp.store.db import open_store
    from wardapp.store.models import (
        AddressPoint,
        Facility,
        HazardZone,
        Household,
        ImportRun,
        Person,
        Town,
        WelfareAttribute,
    )

    db = tmp_path / "sub" / "demo.sqlite3"
    labels: list[str] = []
    result = ensure_demo(db, persons=2000, seed=5, progress=Progress(lambda d, t, label: labels.append(label)))
    ward = generate_ward(5, 2000)
    assert not result.reused
    assert result.persons == 2000 and result.households == len(ward.households)
    assert result.towns == len(ward.towns) and result.facilities == len(ward.facilities)
    assert result.matched_households == len(ward.households)
    assert result.registry_csv == db.parent / "demo-registry-5-2000.csv" and result.registry_csv.exists()
    assert "架空" in result.summary_ja() and json.loads(json.dumps(result.to_json()))["fictional"] is True
    assert labels and labels[-1] == "完了"
    assert any("地図パック取込" in label for label in labels) and any("住所照合" in label for label in labels)

    pts = ward.geography.points
    isj_blocks = int(((pts["level"] == "block") & pts["town"].map(ward.towns["residential"])).sum())
    store = open_store(db)
    try:
        with store.session() as s:
            count = lambda m: s.execute(select(func.count()).select_from(m)).scalar_one()  # noqa: E731
            assert count(Person) == 2000
            assert count(Household) == len(ward.households)
            assert count(Town) == len(ward.towns)
            # every generated point from ABR, and the 住居表示 街区 once more from 位置参照情報
            assert count(AddressPoint) == len(pts) + isj_blocks == result.address_points
            assert count(Facility) == len(ward.facilities)
            assert count(HazardZone) == len(ward.geography.flood)
            assert count(WelfareAttribute) == len(ward.welfare)
            # every household was placed in the town it really lies in
            code_of = dict(s.execute(select(Town.id, Town.code)).all())
            got = {no: code_of[t] for no, t in s.execute(select(Household.household_no, Household.town_id))}
            want = dict(zip(ward.households["household_no"], ward.towns["code"].to_numpy()[ward.households["town"]]))
            assert got == want
            runs = Counter(r.kind for r in s.execute(select(ImportRun)).scalars())
            assert runs["demo"] == 1 and runs["registry"] == 1 and runs["welfare"] == 1 and runs["match"] == 1
            assert runs["addresses"] == 2 and runs["layer:boundary"] == 1 and runs["layer:flood"] == 1
            assert runs["layer:shelter"] == 2 and runs["layer:facility"] == 1
    finally:
        store.close()

    manifest = tomllib.loads((result.map_pack / "manifest.toml").read_text(encoding="utf-8"))
    assert manifest["seed"] == 5 and manifest["persons"] == 2000 and "架空" in manifest["name"]
    for entry in manifest["imports"]:
        assert all((result.map_pack / f).is_file() for f in entry["files"]), entry
    for layer in manifest["layers"]:
        fc = json.loads((result.map_pack / layer["file"]).read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection" and fc["features"], layer
    assert result.welfare_csv is not None and result.welfare_csv.exists()

    again = ensure_demo(db, persons=2000, seed=5)
    assert again.reused and again.households == result.households and again.persons == 2000
    assert again.matched_households == result.matched_households

    other = ensure_demo(db, persons=1200, seed=5)
    assert not other.reused and other.persons == 1200


def test_ensure_demo_refuses_a_real_ward_database(tmp_path: Path) -> None:
    registry = pytest.importorskip("wardapp.registry.importer")
    from wardapp.store.db import open_store

    db = tmp_path / "ward.sqlite3"
    csv_path = write_registry_csv(generate_ward(9, 30), tmp_path / "real.csv")
    store = open_store(db)
    try:
        registry.import_registry(store, csv_path, today=REFERENCE_DATE, actor=SYSTEM)
    finally:
        store.close()
    before = db.read_bytes()
    with pytest.raises(UsageError):
        ensure_demo(db, persons=50, seed=1)
    assert db.read_bytes() == before


def test_cancelled_build_is_rebuilt_next_time(tmp_path: Path) -> None:
    pytest.importorskip("wardapp.registry.importer")
    db = tmp_path / "demo.sqlite3"
    holder: list[Progress] = []

    def cb(done: int, total: int, label: str) -> None:
        if "住基取込" in label:  # cancel from inside the import, as a GUI cancel button would
            holder[0].cancel()

    progress = Progress(cb)
    holder.append(progress)
    with pytest.raises(Cancelled):
        ensure_demo(db, persons=300, seed=2, progress=progress)
    result = ensure_demo(db, persons=300, seed=2)
    assert not result.reused and result.persons == 300


def test_default_demo_database_is_a_separate_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("wardapp.registry.importer")
    import wardapp.store.db as dbmod

    monkeypatch.setattr(dbmod, "data_dir", lambda: tmp_path / "data")
    result = ensure_demo(None, persons=200, seed=3)
    assert result.db_path == (tmp_path / "data" / "demo.sqlite3").resolve()
    assert result.db_path != dbmod.default_db_path()
    assert (tmp_path / "data" / "maps" / "demo-ward" / "manifest.toml").exists()


# --------------------------------------------------------------------------- the official-format map pack


def _all_bytes(directory: Path) -> dict[str, bytes]:
    return {p.relative_to(directory).as_posix(): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def test_map_pack_files_are_deterministic_and_what_the_official_readers_accept(ward: Ward, tmp_path: Path) -> None:
    import zipfile

    from wardapp.address.official import read_official
    from wardapp.demo import official
    from wardapp.demo.mappack import write_map_pack

    a = write_map_pack(ward, tmp_path / "a")
    b = write_map_pack(generate_ward(7, 3000), tmp_path / "b")
    assert _all_bytes(a) == _all_bytes(b)  # same seed → the same bytes, zips included

    abr = read_official([a / f for f in official.ABR_FILES], format="abr")
    assert not abr.warnings and not abr.skipped
    assert sorted(set(abr.kinds.values())) == sorted(
        f"abr-{k}" for k in ("town", "town-pos", "blk", "blk-pos", "rsdt", "rsdt-pos", "parcel", "parcel-pos"))
    assert [t.code for t in abr.towns] == ward.towns["code"].tolist()
    assert {t.city for t in abr.towns} == {"架空市みどり区"} and {t.lg_code for t in abr.towns} == {"991015"}
    assert len(abr.points) == len(ward.geography.points)
    for name in official.ABR_FILES:  # each CSV zipped under its own name, as ABR distributes them
        with zipfile.ZipFile(a / name) as zf:
            assert zf.namelist() == [Path(name).name.removesuffix(".zip")]

    isj = read_official([a / official.ISJ_FILE], format="isj")
    assert not isj.warnings and not isj.skipped  # the Ｘ・Ｙ agree with the latitude/longitude
    with zipfile.ZipFile(a / official.ISJ_FILE) as zf:
        assert zf.namelist() == ["99101_2025.csv"]
        raw = zf.read("99101_2025.csv")
    text = raw.decode("cp932")
    assert text.startswith('"都道府県名","市区町村名","大字・丁目名"') and "\r\n" in text
    residential = ward.towns[ward.towns["residential"]]
    assert {t.name for t in isj.towns} == set(residential["name"])
    assert {p.release for p in isj.points} == {"24.0a"}

    manifest = tomllib.loads((a / "manifest.toml").read_text(encoding="utf-8"))
    listed = {f for e in manifest["imports"] for f in e["files"]} | {l["file"] for l in manifest["layers"]}
    listed |= {e["mapping"] for e in manifest["imports"] if "mapping" in e}
    assert listed | {"manifest.toml"} == set(_all_bytes(a))  # the manifest lists every file of the pack


@pytest.fixture(scope="module")
def default_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Ward]:
    """The default demo (seed 1, 40,000 residents), built once through every importer."""
    pytest.importorskip("wardapp.registry.importer")
    db = tmp_path_factory.mktemp("default-demo") / "demo.sqlite3"
    result = ensure_demo(db, persons=40_000, seed=1)
    return result.db_path, generate_ward(1, 40_000)


def _frame(db: Path, *cols: Any) -> Any:
    import pandas as pd
    from sqlalchemy import select

    from wardapp.store.db import open_store

    store = open_store(db)
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(select(*cols)).all()
    finally:
        store.close()
    return pd.DataFrame(rows, columns=[c.key for c in cols])


def test_default_demo_matches_every_household_to_its_true_point(default_demo: tuple[Path, Ward]) -> None:
    from wardapp.store.models import Household

    db, ward = default_demo
    got = _frame(db, Household.household_no, Household.match_status, Household.match_level, Household.lat,
                 Household.lon, Household.point_id).set_index("household_no")
    h = ward.households.set_index("household_no")
    assert len(got) == len(h) == 18_783
    assert (got["match_status"] == "matched").all()  # 100 %: nothing ambiguous, nothing unmatched
    assert set(got["match_level"]) <= {"residence", "block"} and got["point_id"].notna().all()
    point = h.loc[got.index, "point"].to_numpy()
    pts = ward.geography.points
    wrong = (np.abs(got["lat"].to_numpy() - pts["lat"].to_numpy()[point]) > 1e-7) | (
        np.abs(got["lon"].to_numpy() - pts["lon"].to_numpy()[point]) > 1e-7)
    assert int(wrong.sum()) == 0  # every household at the generator's own point (within 1 cm)


def test_default_demo_store_holds_the_generator_geography(default_demo: tuple[Path, Ward]) -> None:
    from wardapp.store.models import AddressPoint, Facility, HazardZone, Town

    db, ward = default_demo
    g = ward.geography
    towns = _frame(db, Town.id, Town.code, Town.name, Town.oaza, Town.chome, Town.kana, Town.residential_addressing,
                   Town.city, Town.lg_code, Town.lat, Town.lon, Town.boundary_wkb).set_index("code")
    want = g.towns.set_index("code")
    assert list(towns.index) == list(want.index)
    assert towns["name"].tolist() == want["name"].tolist() and towns["oaza"].tolist() == want["oaza"].tolist()
    assert [None if c != c else c for c in towns["chome"]] == [c for c in want["chome"]]
    assert towns["kana"].tolist() == want["kana"].tolist()
    assert towns["residential_addressing"].astype(bool).tolist() == want["residential"].tolist()
    assert set(towns["city"]) == {"架空市みどり区"} and set(towns["lg_code"]) == {"991015"}
    assert np.allclose(towns["lat"], want["lat"], atol=1e-9) and np.allclose(towns["lon"], want["lon"], atol=1e-9)
    for i, wkb in enumerate(towns["boundary_wkb"]):  # the e-Stat-style file carries full precision
        assert shapely.from_wkb(wkb).equals_exact(g.town_geoms[i], 0.0), towns.index[i]

    points = _frame(db, AddressPoint.dataset, AddressPoint.level)
    residential = g.points["town"].map(g.towns["residential"])
    level = g.points["level"]
    assert points.groupby("dataset").size().to_dict() == {
        "abr-town": int((level == "town").sum()),
        "abr-block": int(((level == "block") & residential).sum()),
        "abr-residence": int(((level == "residence") & residential).sum()),
        "abr-parcel": int((~residential & (level != "town")).sum()),
        "isj-block": int(((level == "block") & residential).sum()),
    }

    fac = _frame(db, Facility.name, Facility.kind, Facility.address, Facility.lat, Facility.lon, Facility.capacity,
                 Facility.phone, Facility.hazards, Facility.town_id).set_index(["name", "kind"]).sort_index()
    want_f = g.facilities.set_index(["name", "kind"]).sort_index()
    assert list(fac.index) == list(want_f.index)
    assert fac["address"].tolist() == want_f["address"].tolist()
    assert np.allclose(fac["lat"], want_f["lat"], atol=1e-7) and np.allclose(fac["lon"], want_f["lon"], atol=1e-7)
    assert [None if c != c else int(c) for c in fac["capacity"]] == [None if c != c else int(c) for c in want_f["capacity"]]
    assert [None if p != p else p for p in fac["phone"]] == [None if p != p else p for p in want_f["phone"]]
    assert [set(h.split(",")) if isinstance(h, str) else set() for h in fac["hazards"]] == [
        set(h.split(",")) if isinstance(h, str) else set() for h in want_f["hazards"]]
    code_of = dict(zip(towns["id"], towns.index))
    assert [code_of[t] for t in fac["town_id"]] == g.towns["code"].to_numpy()[want_f["town"]].tolist()

    zones = _frame(db, HazardZone.kind, HazardZone.rank, HazardZone.depth_min, HazardZone.geometry_wkb)
    assert set(zones["kind"]) == {"flood"} and zones["rank"].tolist() == g.flood["rank"].tolist()
    for wkb, geom in zip(zones["geometry_wkb"], g.flood_geoms):
        assert shapely.from_wkb(wkb).equals_exact(geom, 0.0)


def test_reimporting_the_demo_pack_changes_nothing(default_demo: tuple[Path, Ward], tmp_path: Path) -> None:
    import shutil

    from wardapp.mappack import import_map_pack
    from wardapp.store.db import open_store
    from wardapp.store.models import AddressPoint, Facility, HazardZone, Household, Town

    db, ward = default_demo
    copy = tmp_path / "demo.sqlite3"
    shutil.copy(db, copy)
    tables = {
        Town: (Town.id, Town.code, Town.name, Town.kana, Town.lat, Town.lon, Town.boundary_wkb, Town.source),
        AddressPoint: (AddressPoint.id, AddressPoint.town_id, AddressPoint.level, AddressPoint.block,
                       AddressPoint.residence, AddressPoint.parcel, AddressPoint.lat, AddressPoint.lon,
                       AddressPoint.dataset, AddressPoint.release),
        Facility: (Facility.id, Facility.name, Facility.kind, Facility.lat, Facility.lon, Facility.hazards,
                   Facility.town_id),
        HazardZone: (HazardZone.id, HazardZone.rank, HazardZone.label, HazardZone.geometry_wkb),
        Household: (Household.id, Household.point_id, Household.lat, Household.lon, Household.town_id),
    }
    before = {m: _frame(copy, *cols) for m, cols in tables.items()}
    store = open_store(copy)
    try:
        report = import_map_pack(store, db.parent / "maps" / "demo-ward" / "manifest.toml",
                                 today=ward.reference_date, actor=SYSTEM)
    finally:
        store.close()
    assert report.unchanged and len(report.steps) == 7
    assert all(not s.report.warnings for s in report.steps)
    assert "変更はありません" in report.summary_ja()
    data = json.loads(json.dumps(report.to_json()))
    assert data["unchanged"] is True and data["towns"] == len(ward.towns)
    for m, cols in tables.items():
        assert _frame(copy, *cols).equals(before[m]), m.__name__


def _small_pack(tmp_path: Path) -> Path:
    from wardapp.demo.mappack import write_map_pack

    return write_map_pack(generate_ward(3, 400), tmp_path / "pack")


def test_a_broken_manifest_imports_nothing(tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from wardapp.errors import ConfigError
    from wardapp.mappack import import_map_pack
    from wardapp.store.db import open_store
    from wardapp.store.models import ImportRun, Town

    pack = _small_pack(tmp_path)
    good = (pack / "manifest.toml").read_text(encoding="utf-8")
    bad = {
        "missing file": good.replace('"facilities.csv"', '"no-such.csv"'),
        "unknown kind": good.replace('kind = "facility"', 'kind = "venue"'),
        "misspelt table": good.replace("[[layers]]", "[[layer]]"),
        "old format": good.replace("format = 2", "format = 1"),
        "not toml": good + "\n= broken",
    }
    store = open_store(tmp_path / "x.sqlite3")
    try:
        for what, text in bad.items():
            (pack / "manifest.toml").write_text(text, encoding="utf-8")
            with pytest.raises(ConfigError):
                import_map_pack(store, pack / "manifest.toml", actor=SYSTEM)
            with store.engine.connect() as conn:
                assert conn.execute(select(func.count()).select_from(Town)).scalar_one() == 0, what
                assert conn.execute(select(func.count()).select_from(ImportRun)).scalar_one() == 0, what
    finally:
        store.close()


def test_a_refused_file_names_its_manifest_entry(tmp_path: Path) -> None:
    from sqlalchemy import func, select

    from wardapp.errors import InputRejected
    from wardapp.mappack import import_map_pack
    from wardapp.store.db import open_store
    from wardapp.store.models import Facility, Town

    pack = _small_pack(tmp_path)
    csv_path = pack / "facilities.csv"
    text = csv_path.read_bytes().decode("cp932").splitlines()
    cells = text[1].split(",")
    cells[3] = "北緯35度"  # 緯度 that is not a number
    csv_path.write_bytes("\r\n".join([text[0], ",".join(cells), *text[2:]]).encode("cp932") + b"\r\n")
    store = open_store(tmp_path / "x.sqlite3")
    try:
        with pytest.raises(InputRejected) as e:
            import_map_pack(store, pack / "manifest.toml", actor=SYSTEM)
        assert "地域拠点" in e.value.message_ja and "facilities.csv" in e.value.message_ja
        assert any(p.line == 2 and p.column == "緯度" for p in e.value.problems)
        with store.engine.connect() as conn:  # the entries before it are in, the refused file is not
            assert conn.execute(select(func.count()).select_from(Town)).scalar_one() > 0
            kinds = set(conn.execute(select(Facility.kind)).scalars())
        assert "指定避難所" in kinds and "地区センター" not in kinds
    finally:
        store.close()


def test_cli_import_pack(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wardapp.cli import main

    pack = _small_pack(tmp_path)
    db = tmp_path / "ward.sqlite3"
    assert main(["import", "pack", str(pack / "manifest.toml"), "--db", str(db), "--json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert [s["importer"] for s in first["steps"]] == ["addresses", "addresses"] + ["layer"] * 5
    assert first["unchanged"] is False and first["towns"] > 0 and first["fictional"] is True
    assert main(["import", "pack", str(pack / "manifest.toml"), "--db", str(db)]) == 0
    assert "変更はありません" in capsys.readouterr().out
    assert main(["import", "pack", str(tmp_path / "none.toml"), "--db", str(db), "--json"]) == 3
    assert json.loads(capsys.readouterr().out)["rejected"] is True


def test_a_rebuilt_pack_drops_the_files_of_the_previous_one(tmp_path: Path) -> None:
    from wardapp.demo.mappack import write_map_pack

    pack = tmp_path / "maps" / "demo-ward"
    pack.mkdir(parents=True)
    # a format 1 pack (the old demo's GeoJSON layers), and a file the manifest does not list
    (pack / "towns.geojson").write_text("{}", encoding="utf-8")
    (pack / "notes.txt").write_text("staff notes", encoding="utf-8")
    (pack / "manifest.toml").write_text(
        'format = 1\nname = "x"\n[[layers]]\nfile = "towns.geojson"\nkind = "boundary"\ntitle = "町丁目"\n'
        '[[layers]]\nfile = "../outside.txt"\nkind = "x"\ntitle = "x"\n', encoding="utf-8")
    (tmp_path / "maps" / "outside.txt").write_text("not ours", encoding="utf-8")
    write_map_pack(generate_ward(3, 300), pack)
    assert not (pack / "towns.geojson").exists()
    assert (pack / "notes.txt").exists() and (tmp_path / "maps" / "outside.txt").exists()
    assert (pack / "facilities.csv").exists()
