"""The demo ward generator (wardapp.demo): determinism, realism, geometry, the CP932 extract,
and the end-to-end build through the real registry importer.  No Qt."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import tomllib
from collections import Counter
from pathlib import Path

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
from wardapp.demo.mappack import LAYERS, manifest_text
from wardapp.demo.welfare import KINDS, WELFARE_CSV_HEADER, write_welfare_csv
from wardapp.errors import Cancelled, UsageError
from wardapp.progress import Progress
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
    assert all(re.fullmatch(r"99101\d{7}", c) for c in towns["code"])
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
    assert "架空" in committed["name"] and committed["crs"] == "EPSG:6668"
    assert [(l["file"], l["kind"]) for l in committed["layers"]] == [(f, k) for f, k, _ in LAYERS]
    readme = (REPO / "maps" / "README.md").read_text(encoding="utf-8")
    for kind in {k for _, k, _ in LAYERS}:
        assert f"`{kind}`" in readme


# --------------------------------------------------------------------------- end to end


def test_ensure_demo_builds_imports_and_reuses(tmp_path: Path) -> None:
    pytest.importorskip("wardapp.registry.importer")
    from sqlalchemy import func, select

    from wardapp.store.db import open_store
    from wardapp.store.models import AddressPoint, Facility, Household, ImportRun, Person, Town, WelfareAttribute

    db = tmp_path / "sub" / "demo.sqlite3"
    labels: list[str] = []
    result = ensure_demo(db, persons=2000, seed=5, progress=Progress(lambda d, t, label: labels.append(label)))
    ward = generate_ward(5, 2000)
    assert not result.reused
    assert result.persons == 2000 and result.households == len(ward.households)
    assert result.towns == len(ward.towns) and result.facilities == len(ward.facilities)
    assert result.registry_csv == db.parent / "demo-registry-5-2000.csv" and result.registry_csv.exists()
    assert "架空" in result.summary_ja() and json.loads(json.dumps(result.to_json()))["fictional"] is True
    assert labels and labels[-1] == "完了"

    store = open_store(db)
    try:
        with store.session() as s:
            count = lambda m: s.execute(select(func.count()).select_from(m)).scalar_one()  # noqa: E731
            assert count(Person) == 2000
            assert count(Household) == len(ward.households)
            assert count(Town) == len(ward.towns)
            assert count(AddressPoint) == len(ward.geography.points)
            assert count(Facility) == len(ward.facilities)
            assert count(WelfareAttribute) == len(ward.welfare)
            # every household was placed in the town it really lies in
            got = {no: t for no, t in s.execute(select(Household.household_no, Household.town_id))}
            want = dict(zip(ward.households["household_no"], ward.households["town"] + 1))
            assert got == want
            town = s.execute(select(Town).where(Town.id == 1)).scalar_one()
            assert shapely.from_wkb(town.boundary_wkb).equals_exact(ward.geography.town_geoms[0], 1e-12)
            runs = [r.kind for r in s.execute(select(ImportRun)).scalars()]
            assert runs.count("demo") == 1 and "registry" in runs
    finally:
        store.close()

    manifest = tomllib.loads((result.map_pack / "manifest.toml").read_text(encoding="utf-8"))
    assert manifest["seed"] == 5 and manifest["persons"] == 2000 and "架空" in manifest["name"]
    for layer in manifest["layers"]:
        fc = json.loads((result.map_pack / layer["file"]).read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection" and fc["features"], layer
    towns_fc = json.loads((result.map_pack / "towns.geojson").read_text(encoding="utf-8"))
    assert {f["properties"]["code"] for f in towns_fc["features"]} == set(ward.towns["code"])
    assert result.welfare_csv is not None and result.welfare_csv.exists()

    again = ensure_demo(db, persons=2000, seed=5)
    assert again.reused and again.households == result.households and again.persons == 2000

    other = ensure_demo(db, persons=1200, seed=5)
    assert not other.reused and other.persons == 1200


def test_ensure_demo_refuses_a_real_ward_database(tmp_path: Path) -> None:
    registry = pytest.importorskip("wardapp.registry.importer")
    from wardapp.store.db import open_store

    db = tmp_path / "ward.sqlite3"
    csv_path = write_registry_csv(generate_ward(9, 30), tmp_path / "real.csv")
    store = open_store(db)
    try:
        registry.import_registry(store, csv_path, today=REFERENCE_DATE)
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
