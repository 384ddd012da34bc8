"""Address matching against the corpus (tests/address_corpus.py): levels, ambiguity, manual fixes.

domain.md: 「never silently place a household at a wrong point」 — the corpus must have zero wrong
matches; precision and recall are computed here and reported in docs/address-matching.md.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from address_corpus import (
    CORPUS,
    POINTS,
    TOWNS,
    Case,
    Dictionary,
    Score,
    counts_by_kind,
    open_gazetteer,
    outcome,
)
from data_factory import TODAY, person, write_csv
from sqlalchemy import func, insert, select

from wardapp.address.matcher import (
    LEVELS,
    Gazetteer,
    MatchReport,
    address_key,
    fix_address,
    match_households,
)
from wardapp.cli import main
from wardapp.errors import UsageError
from wardapp.registry.importer import import_registry
from wardapp.security import SYSTEM
from wardapp.store import AddressPoint, Household, ImportRun, Store, Town, open_store
from wardapp.store.models import AddressFix

ON = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Gazetteer, Dictionary]]:
    store = open_store(tmp_path_factory.mktemp("corpus") / "corpus.sqlite3")
    try:
        g, ids = open_gazetteer(store, ON)
        yield store, g, ids
    finally:
        store.close()


@pytest.fixture
def dictionary(store: Store) -> Dictionary:
    """The fixture dictionary in the per-test store (conftest ``store``)."""
    return open_gazetteer(store, ON)[1]


# ---------------------------------------------------------------------------------------------
# The corpus


def test_corpus_covers_what_the_issue_asks() -> None:
    assert len(CORPUS) >= 300
    addresses = [c.address for c in CORPUS]
    assert len(set(addresses)) == len(addresses), [a for a, n in Counter(addresses).items() if n > 1]
    kinds = counts_by_kind()
    for kind in ("全角半角", "漢数字", "書式", "ハイフン", "ハイフンとカタカナ", "の・ノ", "ヶ・ケ・が",
                 "旧字体・異体字", "大字・字", "都道府県・市", "方書", "空白", "枝番", "不明な号・街区",
                 "誤記", "二つの市", "二地点の街区", "データセット", "廃止"):
        assert kinds[kind] >= 5, kind
    # every hyphen of domain.md, 住居表示 and 地番 towns, each level, each outcome
    text = "".join(addresses)
    assert all(h in text for h in "－‐−ー―ｰ‑-")
    by_town = {t.key: t for t in TOWNS}
    matched = [c for c in CORPUS if c.status == "matched" and isinstance(c.point, str)]
    residential = {by_town[p.town].residential for c in matched for p in POINTS if p.key == c.point}
    assert residential == {True, False}
    assert {c.level for c in matched} == {"residence", "block", "town"}
    assert {c.status for c in CORPUS} == {"matched", "ambiguous", "unmatched"}
    assert sum(c.building is not None for c in CORPUS) >= 30


@pytest.mark.parametrize("case", CORPUS, ids=[f"{i:03d}-{c.kind}" for i, c in enumerate(CORPUS)])
def test_corpus(corpus_store: tuple[Store, Gazetteer, Dictionary], case: Case) -> None:
    _, g, ids = corpus_store
    got = outcome(g, ids, case.address)
    assert (got.status, got.level, got.point, got.building) == (
        case.status, case.level, case.point, case.building), case.address


def test_corpus_precision_and_recall(corpus_store: tuple[Store, Gazetteer, Dictionary]) -> None:
    _, g, ids = corpus_store
    score = Score()
    for case in CORPUS:
        score.add(case, outcome(g, ids, case.address))
    assert score.wrong == 0
    assert score.precision == 1.0
    assert score.recall == 1.0
    assert score.ambiguous_correct == score.should_be_ambiguous
    assert score.unmatched_correct == score.should_be_unmatched
    # The known gaps (異体字 not folded) lower recall only when counted as misses.
    assert 0 < score.gaps < 10 and score.recall_with_gaps < 1.0


def test_same_block_in_two_datasets_is_one_place_abr_wins(corpus_store: tuple[Store, Gazetteer, Dictionary]) -> None:
    _, g, ids = corpus_store
    for case in CORPUS:
        if case.kind == "データセット":
            assert outcome(g, ids, case.address).source == "abr-block"
    r = g.match("桜台1-2-3")
    assert (r.source, r.level, r.point_id) == ("abr-residence", "residence", ids.points["桜台1-2-3"])


def test_ambiguous_lists_every_candidate_with_coordinates(corpus_store: tuple[Store, Gazetteer, Dictionary]) -> None:
    _, g, ids = corpus_store
    r = g.match("桜台2-9-1")
    assert r.status == "ambiguous" and r.point_id is None and r.lat is None
    assert {c.id for c in r.candidates} == {ids.points["桜台2-9a"], ids.points["桜台2-9b"]}
    a, b = r.candidates
    assert abs(a.lat - b.lat) * 111_000 > 250  # the two points really are apart (500 m)
    # two cities: one candidate is a town's representative point (no AddressPoint id)
    r = g.match("新田210")
    cands = json.loads(r.candidates_json() or "[]")
    assert {(c["point_id"], c["town_id"]) for c in cands} == {
        (None, ids.towns["新田"]), (ids.points["仮想新田210"], ids.towns["仮想新田"])}
    assert all(c["lat"] and c["lon"] for c in cands)


def test_validity_date_decides_which_points_count(corpus_store: tuple[Store, Gazetteer, Dictionary]) -> None:
    store, g, ids = corpus_store
    assert g.match("桜台3-7-7").level == "block"
    with store.engine.connect() as conn:
        before = Gazetteer.load(conn, dt.date(2018, 1, 1))
    r = before.match("桜台3-7-7")
    assert (r.level, r.point_id) == ("residence", ids.points["桜台3-7-7"])
    assert before.match("旧町1-1").status == "matched"  # the town still existed then


# ---------------------------------------------------------------------------------------------
# match_households on a store


def _insert_households(store: Store, addresses: list[str]) -> dict[str, int]:
    rows = [{"household_no": f"H{i:06d}", "address": a, "building": None} for i, a in enumerate(addresses)]
    with store.engine.begin() as conn:
        conn.execute(insert(Household), rows)
        return {r.address: r.id for r in conn.execute(select(Household.id, Household.address))}


def _candidate_key(ids: Dictionary, c: dict[str, object]) -> str | None:
    pid, tid = c["point_id"], c["town_id"]
    assert isinstance(tid, int)
    return ids.key_of_point(pid if isinstance(pid, int) else -tid, tid, str(c["level"]))


SAMPLE = CORPUS[::6]


def test_match_households_stores_level_point_source_and_building(store: Store, dictionary: Dictionary) -> None:
    ids = dictionary
    hid = _insert_households(store, [c.address for c in SAMPLE])
    report = match_households(store, on=ON, user="試験", actor=SYSTEM)
    with store.session() as s:
        rows = {h.id: h for h in s.scalars(select(Household))}
        points = {p.id: p for p in s.scalars(select(AddressPoint))}
        towns = {t.id: t for t in s.scalars(select(Town))}
    for case in SAMPLE:
        h = rows[hid[case.address]]
        assert h.match_status == case.status, case.address
        assert h.address_building == case.building, case.address
        if case.status == "matched":
            assert h.match_level == case.level
            assert ids.key_of_point(h.point_id, h.town_id, h.match_level) == case.point, case.address
            where = points[h.point_id] if h.point_id else towns[h.town_id]
            assert (h.lat, h.lon) == (where.lat, where.lon)
            assert h.match_source
            assert h.match_candidates is None
        elif case.status == "ambiguous":
            assert h.point_id is None and h.lat is None and h.match_level is None
            cands = json.loads(h.match_candidates)
            assert tuple(sorted(str(_candidate_key(ids, c)) for c in cands)) == case.point
        else:
            assert h.point_id is None and h.lat is None and h.match_candidates is None
    expected = Counter(c.level if c.status == "matched" else c.status for c in SAMPLE)
    assert report.households == len(SAMPLE)
    assert report.levels == {k: expected[k] for k in LEVELS}
    assert report.ambiguous == expected["ambiguous"]
    assert report.manual == 0
    assert report.dictionary_points == sum(p.valid_to is None for p in POINTS)
    assert sum(sum(v.values()) for v in report.by_town.values()) == len(SAMPLE)
    with store.session() as s:
        run = s.scalars(select(ImportRun).where(ImportRun.kind == "match")).one()
    assert run.user == "試験" and json.loads(run.counts_json)["households"] == len(SAMPLE)


def test_report_json_follows_the_cli_contract() -> None:
    r = MatchReport(households=10, levels={"residence": 5, "block": 2, "town": 1, "unmatched": 1}, ambiguous=1)
    d = r.to_json()
    assert {"households", "levels", "ambiguous"} <= set(d)
    assert set(d["levels"]) == {"residence", "block", "town", "unmatched"}
    assert all(isinstance(v, int) for v in [d["households"], d["ambiguous"], *d["levels"].values()])
    json.dumps(d)
    assert "号 5" in r.summary_ja() and "候補が複数 1" in r.summary_ja()


def test_cli_match_json(store: Store, dictionary: Dictionary, db_path: Path,
                        capsys: pytest.CaptureFixture[str]) -> None:
    _insert_households(store, ["桜台1-2-3", "桜台1丁目2番99号", "桜台1-99-1", "桜台2-9-1", "西本町1-5",
                               "架空原字北谷123-4"])
    store.close()
    assert main(["match", "--db", str(db_path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["households"] == 6
    assert out["levels"] == {"residence": 2, "block": 1, "town": 1, "unmatched": 1}
    assert out["ambiguous"] == 1
    assert main(["match", "--db", str(db_path)]) == 0
    assert "6世帯" in capsys.readouterr().out


# ---------------------------------------------------------------------------------------------
# Manual fixes: chosen candidate or placed point, who and when, kept across re-imports


def _extract(tmp_path: Path, name: str, rows: list[dict[str, str]]) -> Path:
    return write_csv(tmp_path / name, rows)


def _households(store: Store) -> dict[str, Household]:
    with store.session() as s:
        return {h.household_no: h for h in s.scalars(select(Household))}


def test_manual_fixes_survive_a_re_import(store: Store, dictionary: Dictionary, tmp_path: Path) -> None:
    ids = dictionary
    first = [
        person(1, 1, address="桜台2-9-1"),                               # ambiguous: two points
        person(2, 2, address="緑町1-2-3", building="コーポ緑101"),        # not in the dictionary
        person(3, 3, address="桜台1丁目2番3号"),                         # matched
        person(4, 4, address="新田100"),                                 # ambiguous: two cities
    ]
    import_registry(store, _extract(tmp_path, "r1.csv", first), today=TODAY, actor=SYSTEM)
    report = match_households(store, on=ON, actor=SYSTEM)
    assert (report.ambiguous, report.levels["unmatched"], report.levels["residence"]) == (2, 1, 1)

    before = dt.datetime.now()
    n = fix_address(store, "桜台2-9-1", user="山田", point_id=ids.points["桜台2-9b"], note="現地確認", actor=SYSTEM)
    assert n == 1
    assert fix_address(store, "緑町１－２－３", user="佐藤", lat=35.8612, lon=139.4234, actor=SYSTEM) == 1
    hh = _households(store)
    chosen = hh["0000001"]
    with store.session() as s:
        p = s.get(AddressPoint, ids.points["桜台2-9b"])
        assert p is not None
        fixes = {f.address_key: f for f in s.scalars(select(AddressFix))}
    assert (chosen.match_status, chosen.match_level, chosen.match_source) == ("manual", "manual", "manual")
    assert (chosen.point_id, chosen.lat, chosen.lon) == (p.id, p.lat, p.lon)
    assert chosen.match_candidates is None and chosen.town_id == ids.towns["桜台2"]
    placed = hh["0000002"]
    assert (placed.match_status, placed.point_id, placed.lat, placed.lon) == ("manual", None, 35.8612, 139.4234)
    f = fixes[address_key("桜台2-9-1")]
    assert (f.created_by, f.point_id, f.note, f.address) == ("山田", p.id, "現地確認", "桜台2-9-1")
    assert before <= f.created_at <= dt.datetime.now()
    g = fixes[address_key("緑町1-2-3")]
    assert (g.created_by, g.point_id, g.lat, g.lon) == ("佐藤", None, 35.8612, 139.4234)

    # The next extract rebuilds households: household 1 has left (転出) and a new household lives at
    # the same address, spelt in full-width; household 2's 方書 changed (its match was cleared).
    second = [
        person(5, 5, address="桜台２－９－１"),
        person(2, 2, address="緑町1-2-3", building="コーポ緑102"),
        person(3, 3, address="桜台1丁目2番3号"),
        person(4, 4, address="新田100"),
    ]
    import_registry(store, _extract(tmp_path, "r2.csv", second), today=TODAY, actor=SYSTEM)
    hh = _households(store)
    assert "0000001" not in hh and hh["0000002"].match_status is None
    report = match_households(store, on=ON, actor=SYSTEM)
    assert report.manual == 2 and report.ambiguous == 1 and report.levels["residence"] == 1
    hh = _households(store)
    assert (hh["0000005"].match_status, hh["0000005"].point_id) == ("manual", p.id)
    assert (hh["0000002"].match_status, hh["0000002"].lat, hh["0000002"].lon) == ("manual", 35.8612, 139.4234)
    assert hh["0000004"].match_status == "ambiguous"
    # ... and the dictionary lookup says the same, with the 方書 still split off the address
    with store.engine.connect() as conn:
        gz = Gazetteer.load(conn, ON)
    r = gz.match("桜台2-9-1 メゾン101")
    assert (r.status, r.building) == ("ambiguous", "メゾン101")  # another text, another key
    r = gz.match("桜台 2-9-1")
    assert (r.status, r.point_id, r.source) == ("manual", p.id, "manual")


def test_a_second_fix_replaces_the_first(store: Store, dictionary: Dictionary) -> None:
    ids = dictionary
    _insert_households(store, ["新田100"])
    fix_address(store, "新田100", user="山田", point_id=ids.points["新田100"], actor=SYSTEM)
    fix_address(store, "新田１００", user="鈴木", point_id=ids.points["仮想新田100"], actor=SYSTEM)
    with store.session() as s:
        fixes = s.scalars(select(AddressFix)).all()
        h = s.scalars(select(Household)).one()
    assert [(f.created_by, f.point_id) for f in fixes] == [("鈴木", ids.points["仮想新田100"])]
    assert (h.point_id, h.town_id) == (ids.points["仮想新田100"], ids.towns["仮想新田"])


@pytest.mark.parametrize(("kwargs", "message"), [
    ({}, "どちらか一方"),
    ({"point_id": 1, "lat": 35.8, "lon": 139.4}, "どちらか一方"),
    ({"lat": 35.8}, "どちらか一方"),
    ({"lat": 51.5, "lon": -0.12}, "日本の範囲外"),
    ({"lat": 139.4, "lon": 35.8}, "日本の範囲外"),
    ({"point_id": 999_999}, "地点 999999 がありません"),
])
def test_fix_validation(store: Store, dictionary: Dictionary, kwargs: dict[str, float],
                        message: str) -> None:
    _insert_households(store, ["緑町1-2-3"])
    with pytest.raises(UsageError, match=message):
        fix_address(store, "緑町1-2-3", user="山田", **kwargs, actor=SYSTEM)  # type: ignore[arg-type]
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(AddressFix)) == 0
        assert s.scalars(select(Household)).one().match_status is None


@pytest.mark.parametrize(("a", "b", "same"), [
    ("桜台2-9-1", "桜台２－９－１", True),
    ("桜台2-9-1", " 桜台 2 - 9 - 1 ", True),
    ("霞ヶ丘1-5-8", "霞が丘1ー5ー8", True),
    ("下の宮2-1", "下ノ宮2‐1", True),
    ("桜台2-9-1", "桜台2丁目9番1号", False),     # another spelling of the numbers: another key
    ("桜台2-3-1 5号棟", "桜台2-3-15号棟", False),  # the space between numbers separates them
])
def test_address_key(a: str, b: str, same: bool) -> None:
    assert (address_key(a) == address_key(b)) is same


def test_abr_parcel_level_counts_as_the_finest_level(store: Store) -> None:
    """ABR stores a 地番 with 枝番 as level "parcel": it matches like a 号 and is counted there."""
    import datetime as dt

    from wardapp.address.matcher import match_households
    from wardapp.store.models import AddressPoint, Household, Town

    with store.transaction() as s:
        town = Town(code="t-parcel", name="大字試験原", oaza="試験原", chome=None, residential_addressing=False)
        s.add(town)
        s.flush()
        s.add_all([
            AddressPoint(town_id=town.id, level="parcel", block="12", parcel="12-3", lat=35.80, lon=139.40,
                         source="abr", dataset="abr-parcel"),
            AddressPoint(town_id=town.id, level="block", block="12", parcel="12", lat=35.801, lon=139.401,
                         source="abr", dataset="abr-parcel"),
            Household(household_no="P1", address="大字試験原12番地3"),
            Household(household_no="P2", address="試験原12"),
        ])
    report = match_households(store, on=dt.date(2026, 4, 1), actor=SYSTEM)
    assert report.levels["residence"] == 1 and report.levels["block"] == 1
    with store.session() as s:
        got = {h.household_no: (h.match_level, h.lat) for h in s.query(Household)}
    assert got == {"P1": ("residence", 35.80), "P2": ("block", 35.801)}
