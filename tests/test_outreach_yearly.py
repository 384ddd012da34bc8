"""The yearly outreach report (wardapp.outreach.yearly): every figure against a year counted by hand
(tests/yearly_ward.py lists the fixture), the 年度 boundary, counting rules, earlier years, the
past-figures CSV, exports (XLSX read back, PDF text), the CLI and privacy."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from security_helpers import fast_argon2  # noqa: F401 — fixture
from yearly_ward import PERSONAL, build_year

from wardapp.errors import InputRejected, PermissionDenied, UsageError
from wardapp.outreach import yearly as y
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store import Store

VIEWER = Actor(user="etsuran", role=Role.VIEWER)
OUTREACH = Actor(user="chiiki", role=Role.OUTREACH)
FY = 2025


@pytest.fixture
def year(store: Store) -> Store:
    build_year(store)
    return store


def report(store: Store, **rules: object) -> y.YearReport:
    return y.outreach_report(store, FY, actor=VIEWER, rules=y.ReportRules(**rules))  # type: ignore[arg-type]


def test_an_online_visit_counts_as_online(year: Store) -> None:
    """An ICT visit held online (place 「オンライン」, no venue — as the ict core writes it) is an
    オンライン event in the year, the month and the headline, and has no venue of its own."""
    from sqlalchemy import select

    from wardapp.store.models import CommunityGroup, IctVisit

    with year.transaction() as s:
        group_id = s.scalars(select(CommunityGroup.id).order_by(CommunityGroup.id)).first()
        s.add(IctVisit(group_id=group_id, date=dt.date(2025, 8, 5), start=dt.time(10), end=dt.time(11),
                       facility_id=None, venue="オンライン", status="実施済", attendees=6,
                       updated_at=dt.datetime(2025, 8, 5, 12)))
    r = report(year)
    assert (r.value("visits"), r.value("visits_online"), r.value("events")) == (3, 1, 7)
    months = {m.month: m for m in r.months}
    assert (months["8月"].in_person, months["8月"].online, months["8月"].visits) == (0, 1, 1)
    assert sum(m.online for m in r.months) == 3  # two online/hybrid sessions and the visit
    assert r.headline == "7回 約32名（対面4回・オンライン3回）"
    venues = {v.name: (v.sessions, v.visits, v.visit_attendees) for v in r.venues}
    assert venues[y.ONLINE_VENUE] == (1, 1, 6)


def test_summary_figures_counted_by_hand(year: Store) -> None:
    r = report(year)
    assert (r.label, r.date_from, r.date_to) == ("R7年度", dt.date(2025, 4, 1), dt.date(2026, 3, 31))
    values = {f.key: f.value for f in r.figures}
    assert values == {
        # 講座 K1 and K2 held; plus the 2 visits held (default rule).
        "initiatives": 4,
        # s1 s2 s6 s3 + v2 v3 (s5 中止, s0 and s4 outside the year, v4 取消, v5 確定).
        "events": 6, "sessions": 4, "sessions_in_person": 2, "sessions_online": 2,
        # s1: p1 p2; s2: p1 p3; s3: p2; s6: p4 (walk-in).
        "attendances": 6, "participants": 4, "new_participants": 3, "walk_ins": 1,
        "visits": 2, "visits_online": 0, "visit_attendees": 20, "consultations": 2, "follow_ups": 1,
        # G1 (visit, grant) and G2 (visit); G3 was refused.
        "groups_supported": 2,
        # Answers 5, 4, 3, 2 (one blank): 2 of 4 at level 4 or more; interest 3 yes, 1 no.
        "survey_responses": 5, "understood_rate": 0.5, "interest_rate": 0.75,
        # gr1 + gr5 applied (gr3 withdrawn), 活用講座 gr2; only gr1 granted.
        "grants_applied": 3, "grants_applied_amount": 210_000, "grants_granted": 1, "grants_amount": 80_000,
    }
    assert r.headline == "6回 約26名（対面4回・オンライン2回）"
    assert r.figure("understood_rate").text == "50.0%"
    assert r.figure("grants_amount").text == "80,000円"
    assert all(f.definition for f in r.figures)
    assert "窓口・電話での個別の相談は記録していない" in r.figure("consultations").definition


def test_breakdowns_counted_by_hand(year: Store) -> None:
    r = report(year)
    assert r.sessions_by_delivery == {"対面": 2, "オンライン": 1, "ハイブリッド": 1}
    assert r.attendances_by_delivery == {"対面": 4, "オンライン": 1, "ハイブリッド": 1}
    # p1 74 on 2025-04-01; p3 65 on 2025-04-08; p2 told 80代; p4 gave nothing.
    assert r.age_bands == {"50代以下": 0, "60代": 1, "70代": 1, "80代": 1, "90歳以上": 0, "不明": 1}
    assert r.devices == {"持っていない": 1, "ガラケー": 1, "Android": 1, "iPhone": 1, "タブレット": 0}
    assert r.understanding == {1: 0, 2: 1, 3: 1, 4: 1, 5: 1}
    months = {m.month: m for m in r.months}
    assert [m.month for m in r.months] == ["4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
                                           "1月", "2月", "3月"]
    assert months["4月"].sessions == {"対面": 2, "オンライン": 0, "ハイブリッド": 0}
    assert (months["4月"].attendances, months["4月"].visits, months["4月"].visit_attendees) == (4, 1, 12)
    assert (months["4月"].in_person, months["4月"].online) == (3, 0)
    assert (months["7月"].in_person, months["7月"].online, months["7月"].attendances) == (0, 1, 1)
    assert (months["3月"].in_person, months["3月"].online, months["3月"].visit_attendees) == (1, 1, 8)
    assert sum(m.in_person + m.online for m in r.months) == 6
    assert {g.purpose: (g.applied_count, g.applied_amount, g.granted_count, g.granted_amount) for g in r.grants} == {
        "ICT機器整備": (2, 160_000, 1, 80_000), "活用講座": (1, 50_000, 0, 0), "合計": (3, 210_000, 1, 80_000)}
    venues = {v.name: (v.sessions, v.participants, v.attendances, v.visits, v.visit_attendees) for v in r.venues}
    assert venues == {"みどり地区センター": (2, 3, 4, 1, 12), "さくら地域ケアプラザ": (1, 1, 1, 0, 0),
                      y.ONLINE_VENUE: (1, 1, 1, 0, 0), "さくら自治会館": (0, 0, 0, 1, 8)}
    assert r.venues[0].name == "みどり地区センター"
    towns = {t.name: (t.sessions, t.participants, t.attendances, t.visits, t.visit_attendees) for t in r.towns}
    # G2 covers both towns: v3 counts in each.
    assert towns == {"みどり一丁目": (2, 2, 3, 2, 20), "さくら二丁目": (1, 1, 2, 1, 8), "不明": (0, 1, 1, 0, 0)}
    assert r.towns[-1].name == "不明"


def test_fiscal_year_boundary(year: Store) -> None:
    """31 March belongs to the 年度 before, 1 April to the new one (sessions, visits and grants)."""
    before = y.outreach_report(year, 2024, actor=SYSTEM)
    assert (before.label, before.value("sessions"), before.value("visits"), before.value("attendances")) == (
        "R6年度", 1, 1, 1)
    assert before.value("grants_granted") == 1 and before.value("grants_amount") == 40_000
    assert before.months[-1].month == "3月" and before.months[-1].in_person == 2  # s0 and v1 on 31 March
    after = y.outreach_report(year, 2026, actor=SYSTEM)
    assert (after.label, after.value("sessions"), after.value("visits"), after.months[0].sessions["対面"]) == (
        "R8年度", 1, 0, 1)
    # p2 attended in R7年度, so is not new in R8年度; p1 attended s0 in R6年度, so not new in R7年度.
    assert after.value("new_participants") == 0
    this = report(year)
    assert this.months[0].visits == 1 and this.months[-1].visits == 1


@pytest.mark.parametrize(("rules", "expected"), [
    ({}, 4),
    ({"count_visits": False}, 2),
    ({"count_grants": True}, 5),
    ({"initiative_unit": "シリーズ"}, 5),  # S1, s6, s3 + 2 visits
    ({"initiative_unit": "回", "count_visits": False}, 4),
    ({"initiative_unit": "シリーズ", "count_grants": True}, 6),
])
def test_counting_rules(year: Store, rules: dict[str, object], expected: int) -> None:
    r = report(year, **rules)
    assert r.value("initiatives") == expected
    assert r.figure("initiatives").definition == r.rules.sentence == r.notes["取組数の数え方"]


def test_rule_sentences() -> None:
    assert y.ReportRules().sentence == (
        "「情報格差是正に向けた取組数」は、1回以上実施したスマホ教室の講座の数（同じ講座を何回開いても1件）に、"
        "実施したICTアドバイザー派遣の回数（1回を1件）を加えたものです。")
    s = y.ReportRules(initiative_unit="回", count_visits=False, count_grants=True).sentence
    assert "実施したスマホ教室の回の数（1回を1件）に、交付決定した助成の件数を加えたもの" in s
    assert "含めない" in y.ReportRules(count_visits=False).sentence
    with pytest.raises(UsageError):
        y.ReportRules(initiative_unit="年")  # type: ignore[arg-type]
    with pytest.raises(UsageError):
        y.ReportRules(min_level=6)


def test_walk_ins_and_understanding_level(year: Store) -> None:
    r = report(year, count_walk_ins=False, min_level=3)
    assert (r.value("attendances"), r.value("participants"), r.value("walk_ins")) == (5, 3, 0)
    assert "不明" not in r.age_bands  # only p4 (a walk-in) gave no age
    assert r.value("understood_rate") == 0.75
    assert "3 以上" in r.figure("understood_rate").definition


def test_earlier_years_side_by_side(year: Store) -> None:
    for fy, v in ((2018, 9), (2019, 11), (2020, 11), (2021, 15)):
        y.set_past_figure(year, fy, "initiatives", v, actor=OUTREACH)
    y.set_past_figure(year, 2021, "attendances", 1200, cumulative=True, actor=OUTREACH, note="H29からの累計")
    y.set_past_figure(year, 2024, "consultations", 7, actor=OUTREACH)  # staff correct a year with data
    c = report(year).comparison
    assert c.labels == ["H30年度", "R1年度", "R2年度", "R3年度", "R4年度", "R5年度", "R6年度", "R7年度"]
    rows = {ind.key: cells for ind, cells in c.rows}
    unit = y.INDICATOR_BY_KEY
    assert [cell.text(unit["initiatives"].unit) for cell in rows["initiatives"]] == [
        "9件", "11件", "11件", "15件", "—", "—", "2件", "4件"]  # R6: s0's course + v1
    assert [cell.text("名") for cell in rows["attendances"]] == ["—", "—", "—", "1,200名(累計)", "—", "—", "1名", "6名"]
    assert [cell.source for cell in rows["consultations"]][-2:] == ["entered", "data"]
    assert rows["consultations"][-2].value == 7
    assert rows["understood_rate"][-1].text("%") == "50.0%"
    assert rows["understood_rate"][-2].text("%") == "0.0%"  # s0's one answer: level 1
    # Clearing brings back "—"; a second clear reports nothing was there.
    assert y.clear_past_figure(year, 2018, "initiatives", actor=OUTREACH)
    assert not y.clear_past_figure(year, 2018, "initiatives", actor=OUTREACH)
    c2 = report(year).comparison
    assert c2.labels[0] == "R1年度"
    assert [f.fiscal_year for f in y.list_past_figures(year, actor=VIEWER)] == [2019, 2020, 2021, 2021, 2024]


def test_comparison_without_earlier_years(store: Store) -> None:
    r = y.outreach_report(store, FY, actor=SYSTEM)
    assert r.comparison.labels == ["R7年度"]
    assert r.value("sessions") == 0 and r.value("understood_rate") is None
    assert r.figure("understood_rate").text == "—"
    assert r.headline == "0回 約0名（対面0回・オンライン0回）"


def test_past_figures_need_outreach_manage(year: Store) -> None:
    with pytest.raises(PermissionDenied):
        y.set_past_figure(year, 2018, "initiatives", 9, actor=VIEWER)
    with pytest.raises(PermissionDenied):
        y.clear_past_figure(year, 2018, "initiatives", actor=VIEWER)
    with pytest.raises(UsageError):
        y.set_past_figure(year, 2018, "no_such", 9, actor=OUTREACH)
    with pytest.raises(UsageError):
        y.set_past_figure(year, 2018, "interest_rate", 95, actor=OUTREACH)  # a rate is 0–1
    with pytest.raises(UsageError):
        y.set_past_figure(year, 2018, "sessions", -1, actor=OUTREACH)
    assert y.list_past_figures(year, actor=VIEWER) == []


def test_report_needs_figures_view(year: Store) -> None:
    nobody = None
    with pytest.raises(PermissionDenied):
        y.outreach_report(year, FY, actor=nobody)  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="年度"):
        y.outreach_report(year, 25, actor=VIEWER)
    with pytest.raises(UsageError, match="まだ始まっていません"):
        y.outreach_report(year, 2027, actor=VIEWER, on=dt.date(2026, 5, 1))


def test_report_years(year: Store) -> None:
    assert y.report_years(year, actor=VIEWER, today=dt.date(2026, 5, 1)) == [2026, 2025, 2024]
    y.set_past_figure(year, 2019, "sessions", 30, actor=OUTREACH)
    assert y.report_years(year, actor=VIEWER, today=dt.date(2026, 5, 1)) == [2026, 2025, 2024, 2019]


@pytest.mark.parametrize(("text", "fy"), [("2018", 2018), ("H30", 2018), ("H30年度", 2018), ("平成30年度", 2018),
                                          ("R1", 2019), ("令和元年度", 2019), ("平成31年度", 2019), ("ｒ７", 2025)])
def test_parse_fiscal_year(text: str, fy: int) -> None:
    assert y.parse_fiscal_year(text) == fy


@pytest.mark.parametrize("text", ["H32", "R0", "30", "平成", ""])
def test_parse_fiscal_year_refuses(text: str) -> None:
    with pytest.raises(UsageError):
        y.parse_fiscal_year(text)


def test_import_past_figures(year: Store, tmp_path: Path) -> None:
    f = tmp_path / "past.csv"
    f.write_text("年度,指標,値,累計,備考\n"
                 "H30,情報格差是正に向けた取組数,9,,\n"
                 "R1年度,initiatives,11件,,\n"
                 "R3,interest_rate,92.5%,,アンケート\n"
                 "R3,attendances,\"1,200\",1,H29からの累計\n", encoding="cp932")
    assert y.import_past_figures(year, f, actor=OUTREACH) == 4
    got = {(p.fiscal_year, p.indicator): (p.value, p.cumulative, p.note) for p in y.list_past_figures(year, actor=VIEWER)}
    assert got == {(2018, "initiatives"): (9.0, False, None), (2019, "initiatives"): (11.0, False, None),
                   (2021, "interest_rate"): (0.925, False, "アンケート"), (2021, "attendances"): (1200.0, True, "H29からの累計")}
    rows = {ind.key: cells for ind, cells in report(year).comparison.rows}
    assert rows["interest_rate"][3].text("%") == "92.5%"


def test_import_refuses_the_whole_file(year: Store, tmp_path: Path) -> None:
    f = tmp_path / "bad.csv"
    f.write_text("年度,指標,値,累計\nH30,initiatives,9,\nH99,initiatives,x,\nR2,受講者,5,maybe\n", encoding="utf-8")
    with pytest.raises(InputRejected) as e:
        y.import_past_figures(year, f, actor=OUTREACH)
    where = [(p.line, p.column) for p in e.value.problems]
    assert where == [(3, "年度"), (3, "値"), (4, "指標"), (4, "累計")]
    assert "bad.csv 3行目 列「年度」" in str(e.value)
    assert y.list_past_figures(year, actor=VIEWER) == []  # nothing half-imported
    g = tmp_path / "cols.csv"
    g.write_text("年度,値\nH30,9\n", encoding="utf-8")
    with pytest.raises(InputRejected, match="指標"):
        y.import_past_figures(year, g, actor=OUTREACH)
    with pytest.raises(PermissionDenied):
        y.import_past_figures(year, f, actor=VIEWER)


def test_report_holds_no_personal_data(year: Store) -> None:
    text = json.dumps(report(year).to_json(), ensure_ascii=False)
    for word in PERSONAL + ("みどり一丁目自治会", "さくら老人クラブ", "シケン"):
        assert word not in text
    assert "みどり地区センター" in text and "R7年度" in text


# --- exports ------------------------------------------------------------------------------------

def test_xlsx_read_back(year: Store, tmp_path: Path) -> None:
    import openpyxl

    from wardapp.outreach.yearly_export import export_report

    y.set_past_figure(year, 2021, "initiatives", 15, actor=OUTREACH)
    y.set_past_figure(year, 2021, "attendances", 1200, cumulative=True, actor=OUTREACH)
    out = export_report(report(year), tmp_path / "r7.xlsx", exported_by="tester")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["概要", "月別", "会場別", "町別", "経年比較"]
    ws = wb["概要"]
    assert ws["A1"].value == "スマホ教室・ICTアドバイザー派遣の実績（R7年度）"
    summary = {ws.cell(row=r, column=1).value: ws.cell(row=r, column=2).value for r in range(6, 30)}
    assert summary["情報格差是正に向けた取組数"] == 4 and summary["延べ受講者数"] == 6
    assert summary["理解度（基準以上と答えた割合）"] == 0.5
    assert summary["助成の交付決定額"] == 80_000
    assert isinstance(summary["実受講者数"], int)
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert y.ReportRules().sentence in texts
    months = wb["月別"]
    assert [c.value for c in months[1]][:5] == ["月", "教室 対面", "教室 オンライン", "教室 ハイブリッド", "派遣"]
    assert [c.value for c in months[2]] == ["4月", 2, 0, 0, 1, 3, 0, 4, 12]
    assert [c.value for c in months[14]] == ["計", 2, 1, 1, 2, 4, 2, 6, 20]
    venues = {r[0]: r[1:] for r in wb["会場別"].iter_rows(min_row=2, max_row=5, values_only=True)}
    assert venues["みどり地区センター"] == (2, 3, 4, 1, 12)
    towns = {r[0]: r[1:] for r in wb["町別"].iter_rows(min_row=2, max_row=4, values_only=True)}
    assert towns["さくら二丁目"] == (1, 1, 2, 1, 8)
    comp = wb["経年比較"]
    head = [c.value for c in comp[1]]
    assert head == ["指標", "単位", "R3年度", "R4年度", "R5年度", "R6年度", "R7年度"]
    rows = {r[0]: r[2:] for r in comp.iter_rows(min_row=2, values_only=True) if r[0]}
    assert rows["情報格差是正に向けた取組数"] == (15, "—", "—", 2, 4)
    assert rows["スマホ教室の延べ受講者数"] == ("1,200名(累計)", "—", "—", 1, 6)


def test_xlsx_cells_are_never_formulas(store: Store, tmp_path: Path) -> None:
    import openpyxl

    from wardapp.outreach.yearly_export import export_report
    from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession, Course

    now = dt.datetime(2025, 5, 1)
    with store.transaction() as s:
        c = Course(title="x", level="入門", partner_kind="NPO", funding="区予算", created_at=now)
        s.add(c)
        s.flush()
        x = ClassSession(course_id=c.id, date=dt.date(2025, 5, 1), start=dt.time(10), end=dt.time(11),
                         venue="=HYPERLINK(\"http://example.invalid\")", capacity=5, delivery="対面", status="実施済",
                         updated_at=now)
        p = ClassParticipant(name="n", kana="エヌ", kana_key="エヌ", device="iPhone", created_at=now)
        s.add_all([x, p])
        s.flush()
        s.add(ClassEnrolment(session_id=x.id, participant_id=p.id, channel="電話", status="申込", applied_at=now,
                             attendance="出席"))
    out = export_report(y.outreach_report(store, FY, actor=SYSTEM), tmp_path / "f.xlsx", exported_by="t")
    cell = openpyxl.load_workbook(out)["会場別"]["A2"]
    assert cell.value == "=HYPERLINK(\"http://example.invalid\")" and cell.data_type == "s"


def test_pdf_text(year: Store, tmp_path: Path) -> None:
    from pdf_text import pages, requires_poppler

    from wardapp.outreach.yearly_export import export_report

    if requires_poppler.args[0]:
        pytest.skip("poppler-utils missing")
    y.set_past_figure(year, 2018, "initiatives", 9, actor=OUTREACH)
    out = export_report(report(year), tmp_path / "r7.pdf", exported_by="tester")
    text = "\n".join(pages(out))
    flat = text.replace(" ", "")
    assert "スマホ教室・ICTアドバイザー派遣の実績（R7年度）" in flat
    assert "R7年度6回約26名（対面4回・オンライン2回）" in flat
    for s in ("H30年度", "R6年度", "情報格差是正に向けた取組数", "80,000円", "50.0%", "75.0%", "月別", "会場別",
              "町別", "みどり地区センター", "年代別の実受講者数", "端末別の実受講者数"):
        assert s in flat, s
    assert "取扱注意" not in flat  # figures only
    for word in PERSONAL:
        assert word.replace("\u3000", "") not in flat.replace("\u3000", "")
    import subprocess

    fonts = subprocess.run(["pdffonts", str(out)], capture_output=True, text=True, check=True).stdout
    assert "Helvetica" not in fonts and " yes yes " in fonts  # every font embedded


def test_export_refuses_other_extensions(year: Store, tmp_path: Path) -> None:
    from wardapp.outreach.yearly_export import export_report

    with pytest.raises(UsageError, match=".xlsx か .pdf"):
        export_report(report(year), tmp_path / "r.csv", exported_by="t")
    assert not (tmp_path / "r.csv").exists()


# --- CLI ----------------------------------------------------------------------------------------

@pytest.fixture
def year_db(db_path: Path) -> Path:
    from wardapp.store import open_store

    s = open_store(db_path)
    try:
        build_year(s)
    finally:
        s.close()
    return db_path


def test_cli_json(year_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wardapp.cli import main

    assert main(["report", "outreach", "--fiscal-year", "R7", "--db", str(year_db), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["label"] == "R7年度" and data["fiscal_year"] == 2025
    figures = {f["key"]: f["value"] for f in data["figures"]}
    assert figures["initiatives"] == 4 and figures["participants"] == 4 and figures["interest_rate"] == 0.75
    assert main(["report", "outreach", "--fiscal-year", "2025", "--db", str(year_db), "--json", "--unit", "回",
                 "--no-visits", "--grants"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["figures"][0]["value"] == 5 and data["rules"]["initiative_unit"] == "回"


def test_cli_files(year_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wardapp.cli import main

    for name in ("r.xlsx", "r.pdf"):
        assert main(["report", "outreach", "--fiscal-year", "2025", "--db", str(year_db),
                     "--out", str(tmp_path / name)]) == 0
        assert (tmp_path / name).stat().st_size > 1000
        out = capsys.readouterr().out
        assert "R7年度　6回 約26名" in out and str(tmp_path / name) in out


def test_cli_refusals(year_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from wardapp.cli import main

    assert main(["report", "outreach", "--fiscal-year", "25", "--db", str(year_db), "--json"]) == 2
    assert "--fiscal-year" in capsys.readouterr().err
    assert main(["report", "outreach", "--fiscal-year", "H40", "--db", str(year_db), "--json"]) == 2
    assert main(["report", "outreach", "--fiscal-year", "2025", "--db", str(year_db),
                 "--out", str(tmp_path / "r.csv")]) == 2
    assert ".xlsx か .pdf" in capsys.readouterr().err
    assert not (tmp_path / "r.csv").exists()
    assert main(["report", "outreach", "--fiscal-year", "2025", "--db", str(year_db)]) == 2


@pytest.mark.usefixtures("fast_argon2")
def test_cli_signs_in_once_the_store_has_users(year_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    from wardapp.cli import main
    from wardapp.security import users
    from wardapp.store import open_store

    s = open_store(year_db)
    try:
        admin = users.create_admin(s, "kanri", "kanri-pass-2026")
        users.add_user(s, admin, "etsuran", Role.VIEWER, "etsuran-pass-2026")
    finally:
        s.close()
    argv = ["report", "outreach", "--fiscal-year", "2025", "--db", str(year_db), "--json"]
    monkeypatch.setenv("WARDAPP_USER", "etsuran")
    monkeypatch.setenv("WARDAPP_PASSWORD", "wrong-pass")
    assert main(argv) == 5
    capsys.readouterr()
    monkeypatch.setenv("WARDAPP_PASSWORD", "etsuran-pass-2026")
    assert main([*argv, "--out", str(tmp_path / "r.pdf")]) == 0  # 閲覧 may read figures
    assert json.loads(capsys.readouterr().out)["figures"][0]["value"] == 4


@pytest.mark.parametrize(("fn", "permission"), [
    (y.outreach_report, "figures.view"), (y.report_years, "figures.view"), (y.list_past_figures, "figures.view"),
    (y.set_past_figure, "outreach.manage"), (y.clear_past_figure, "outreach.manage"),
    (y.import_past_figures, "outreach.manage"),
])
def test_services_declare_their_permission(fn: object, permission: str) -> None:
    import inspect

    assert getattr(fn, "__permission__") == permission
    p = inspect.signature(fn).parameters["actor"]  # type: ignore[arg-type]
    assert p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
