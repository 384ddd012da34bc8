"""Roster PDFs (issue 6), read back with pdftotext: header/footer, columns, order, numbering,
households never split, consent, sections, 外字, the vector map.

Each document kind is also rendered to PNG by ``tests/make_roster_screenshots.py`` and looked
at before a change is called done (docs/screenshots/roster-*.png).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_text import fonts, page_count, pages, requires_poppler
from roster_ward import FORMULA_NAME, GAIJI_NAME, NOT_CP932_NAME, ON, build_roster_ward, town_id

from wardapp.geo.selection import (
    CircleArea,
    SelectedHousehold,
    SelectedMember,
    Selection,
    TownsArea,
    select_area,
)
from wardapp.reports.document import HANDLE_WITH_CARE
from wardapp.rosters.content import build_content
from wardapp.rosters.mapdraw import MapLayers
from wardapp.rosters.pdf_check import OUTCOMES, render_check
from wardapp.rosters.pdf_roster import render_roster
from wardapp.rosters.service import RosterResult, make_roster
from wardapp.security.access import SYSTEM
from wardapp.store import Store, open_store
from wardapp.store.models import HouseholdId, PersonId
from wardapp.wareki import to_wareki

pytestmark = requires_poppler
PRINTED_AT = dt.datetime(2026, 4, 2, 9, 30)


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_roster_ward(tmp_path_factory.mktemp("ro") / "ward.sqlite3")
    yield s
    s.close()


def make(store: Store, source: object, out: Path, **kw: object) -> RosterResult:
    return make_roster(store, source, actor=SYSTEM, out=out, on=ON, printed_at=PRINTED_AT, **kw)  # type: ignore[arg-type]


def flat(text: str) -> str:
    """Page text without the spaces pdftotext puts between columns and inside names."""
    return re.sub(r"[ \u3000]+", "", text)


def raw_text(pdf: Path, page: int) -> str:
    """``pdftotext`` in reading order (no -layout): a wrapped paragraph beside the map stays whole."""
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return re.sub(r"\s+", "", out)


def table_pages(texts: list[str]) -> list[int]:
    """0-based indexes of the roster pages that hold the list (not the map, not the 外字一覧)."""
    return [i for i, t in enumerate(texts) if "世帯番号" in t and "凡例" not in t and "外字一覧" not in t]


# --- header and footer ---------------------------------------------------------------------------------


def test_every_page_carries_caution_area_date_profile_printer_and_page_x_of_y(ward: Store, tmp_path: Path) -> None:
    r = make(ward, TownsArea((town_id(ward, "見本町一丁目"),)), tmp_path / "r.pdf", mode="disaster", reason="訓練")
    texts = pages(r.path)
    assert len(texts) == r.pages == page_count(r.path) >= 3
    for i, t in enumerate(texts, start=1):
        assert HANDLE_WITH_CARE in t
        assert "地域名簿【災害時】" in t
        assert "町字: 見本町一丁目" in t
        assert f"基準日 {to_wareki(ON)}（{ON.isoformat()}）" in t
        assert "援護度プロファイル 「標準プロファイル」第1版" in t
        assert f"印刷: システム（{SYSTEM.os_user}） 2026-04-02 09:30" in t
        assert f"{i} / {len(texts)} ページ" in t


def test_fonts_are_embedded(ward: Store, tmp_path: Path) -> None:
    r = make(ward, TownsArea((town_id(ward, "見本町一丁目"),)), tmp_path / "r.pdf", kind="check")
    rows = fonts(r.path)
    assert rows and all(f.embedded for f in rows), rows


# --- columns, order, numbering ---------------------------------------------------------------------------


def test_columns_order_and_numbers_match_the_selection(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"),))
    sel = select_area(ward, area, on=ON, actor=SYSTEM)
    r = make(ward, area, tmp_path / "r.pdf", mode="disaster", reason="訓練")
    texts = pages(r.path)
    body = table_pages(texts)
    assert body and body[0] == 1           # page 1 is the map
    for i in body:
        t = texts[i]
        for heading in ("No.", "世帯番号", "氏名", "生年月日（年齢）", "性別", "続柄", "住所", "方書", "個人", "世帯", "区分", "名簿"):
            assert heading in t, (i, heading)
    # every household's head appears in number order, with its number at the start of its line
    flat_text = "\n".join(flat(texts[i]) for i in body)
    layout_text = "\n".join(texts[i] for i in body)
    pos = []
    for h in sel.rows:
        head = flat(h.members[0].name.replace("\ue000", "〓"))
        p = flat_text.find(head)
        assert p >= 0, h.household_no
        pos.append(p)
        mark = "" if h.has_point else "※"
        assert re.search(rf"^\s*{h.number}{re.escape(mark)}\s+{h.household_no}\s", layout_text, re.M), h.household_no
    assert pos == sorted(pos)
    scores = [h.score for h in sel.households]
    assert scores == sorted(scores, reverse=True)


def test_map_page_is_vector_and_shows_the_marker_labels(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"), town_id(ward, "見本町二丁目")))
    sel = select_area(ward, area, on=ON, actor=SYSTEM)
    r = make(ward, area, tmp_path / "r.pdf", mode="disaster", reason="訓練")
    first = pages(r.path)[0]
    words = set(re.findall(r"[0-9][0-9,他]*", first))
    labels = [m.label for m in sel.markers()]
    assert any("," in label for label in labels)
    for label in labels:
        assert label in words, label
    assert "凡例" in first and "▲高" in first and "指定避難所" in first and "0.5m以上3m未満" in first
    assert "範囲内の全員" in first and "出力の理由:訓練" in raw_text(r.path, 1)
    if shutil.which("pdfimages"):
        listing = subprocess.run(["pdfimages", "-list", str(r.path)], capture_output=True, text=True,
                                 check=True).stdout.splitlines()
        assert len(listing) == 2, listing     # the two header lines, no image at all


# --- consent ---------------------------------------------------------------------------------------------


def test_normal_mode_prints_only_consent_and_says_who_was_left_out(ward: Store, tmp_path: Path) -> None:
    r = make(ward, TownsArea((town_id(ward, "見本町一丁目"),)), tmp_path / "r.pdf")
    texts = pages(r.path)
    whole = flat("\n".join(texts))
    assert "地域名簿【平常時】" in texts[0]
    assert "同意者のみ" in texts[0]
    assert "範囲内の30人（うち10世帯は世帯全員）は載っていません（不同意1人、未回答1人、名簿に未登録28人）" in raw_text(r.path, 1)
    assert flat("試A02　2郎") in whole and flat("試A02　1郎") not in whole      # 同意 yes, 不同意 no
    assert flat("試A05　1郎") not in whole                                     # consent expired
    assert flat("試A90　1郎") in whole                                         # no point, but consented
    assert (r.persons, r.households, r.left_out.persons) == (6, 5, 30)


# --- households never split -----------------------------------------------------------------------------


def _member(hno: int, k: int) -> SelectedMember:
    birth = dt.date(1940 + k, 1 + k % 12, 1)
    return SelectedMember(person_id=PersonId(hno * 100 + k), person_no=f"{hno:04d}{k:02d}",
                          name=f"架空{hno:03d}　員{k:02d}", kana=f"カクウ　イン{k}", birth_date=birth,
                          birth_wareki=to_wareki(birth), age=ON.year - birth.year - 1, sex="男" if k % 2 else "女",
                          relationship="世帯主" if k == 0 else "子", building="", resident_kind="日本人",
                          is_head=k == 0, score=k % 4, categories="高" if k % 3 == 0 else "")


def synthetic(sizes: list[int]) -> Selection:
    """A selection of households of the given sizes, numbered 1…n, scores descending."""
    hs = []
    for i, n in enumerate(sizes, start=1):
        hs.append(SelectedHousehold(
            number=i, household_id=HouseholdId(i), household_no=f"S{i:04d}", head_name=f"架空{i:03d}", head_kana="",
            address=f"架空市見本町{i}番地", building="", town_id=None, town_name="", lat=35.80 + 0.0001 * (i % 10),
            lon=139.50 + 0.0001 * (i // 10), match_level="residence", score=1000 - i, max_person_score=3,
            categories="", members=tuple(_member(i, k) for k in range(n))))
    return Selection(area=CircleArea(35.8005, 139.5005, 300.0), on=ON, households=tuple(hs), without_point=(),
                     score_run_id=None, score_caption="", notes=(), area_caption="円 半径300 m（試験）")


@pytest.mark.parametrize("render", [render_roster, render_check])
def test_a_household_never_splits_across_a_page_break(render: object, tmp_path: Path) -> None:
    sizes = [(i * 7) % 11 + 1 for i in range(70)]          # 1…11 members, mixed, ≈ 420 persons
    store = open_store(tmp_path / "empty.sqlite3")
    content = build_content(store, synthetic(sizes), mode="disaster", reason="試験")
    out = tmp_path / "s.pdf"
    render(content, MapLayers.load(store), out, printed_by="試験", printed_at=PRINTED_AT)  # type: ignore[operator]
    store.close()
    texts = [flat(t) for t in pages(out)]
    assert len(texts) > 10
    where: dict[int, set[int]] = {}
    for p, t in enumerate(texts):
        for m in re.finditer(r"架空(\d{3})員(\d{2})", t):
            where.setdefault(int(m[1]), set()).add(p)
    assert sorted(where) == list(range(1, len(sizes) + 1))
    broken = {h: ps for h, ps in where.items() if len(ps) != 1}
    assert not broken, broken
    # households continue page after page in number order
    first_page = [min(where[h]) for h in sorted(where)]
    assert first_page == sorted(first_page)
    # pages are used: a page break happens only when the next household would not fit
    for p in range(1, max(first_page)):
        on_page = [h for h in where if p in where[h]]
        assert on_page, p


def test_a_household_taller_than_a_page_is_split_and_says_so(tmp_path: Path) -> None:
    store = open_store(tmp_path / "empty.sqlite3")
    content = build_content(store, synthetic([2, 45, 1]), mode="disaster", reason="試験")
    out = tmp_path / "s.pdf"
    render_roster(content, MapLayers.load(store), out, printed_by="試験", printed_at=PRINTED_AT)
    store.close()
    texts = [flat(t) for t in pages(out)]
    with_big = [i for i, t in enumerate(texts) if "架空002員" in t]
    assert len(with_big) >= 2
    assert "（続き）" in texts[with_big[1]]
    assert all(f"架空002員{k:02d}" in "".join(texts) for k in range(45))


# --- sections ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["by-town", "by-shelter"])
def test_sections_restart_page_numbers(ward: Store, tmp_path: Path, kind: str) -> None:
    ids = tuple(town_id(ward, n) for n in ("見本町一丁目", "見本町二丁目", "試作町"))
    r = make(ward, TownsArea(ids), tmp_path / "r.pdf", kind=kind, mode="disaster", reason="訓練")
    texts = pages(r.path)
    expected = ["見本町一丁目", "見本町二丁目", "試作町"] if kind == "by-town" else ["西小学校", "東中学校"]
    assert list(r.sections) == expected
    starts = [i for i, t in enumerate(texts) if re.search(r"\s1 / \d+ ページ", t)]
    # one start per section, plus the closing 外字一覧 (a section of its own)
    assert len(starts) == len(expected) + 1
    for s, (title, i) in enumerate(zip(expected, starts, strict=False)):
        assert title in texts[i].splitlines()[0] or title in texts[i].splitlines()[1], title
        assert "凡例" in texts[i]                                  # the section starts with its map
        end = starts[s + 1]
        n = end - i
        for k, j in enumerate(range(i, end), start=1):
            assert f"{k} / {n} ページ" in texts[j]
            assert f"通し {j + 1} / {len(texts)}" in texts[j]
    if kind == "by-shelter":
        assert "電話 03-0000-0001" in texts[starts[0]]


# --- the safety-check sheet ---------------------------------------------------------------------------------


def test_check_sheet_has_boxes_team_lines_and_the_same_households(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"),))
    sel = select_area(ward, area, on=ON, actor=SYSTEM)
    r = make(ward, area, tmp_path / "c.pdf", kind="check", mode="disaster", reason="安否確認")
    texts = pages(r.path)
    assert "安否確認チェックリスト【災害時】" in texts[0] and "凡例" in texts[0]
    body = [t for t in texts[1:] if "外字一覧" not in t]
    assert body
    for t in body:
        assert "班名" in t and "確認者" in t and "確認日時" in t
        for outcome, _ in OUTCOMES:
            assert outcome in t
        assert "□" in t and "電話（聞き取り）" in t and "メモ" in t
    whole = flat("\n".join(body))
    pos = [whole.find(f"世帯番号{h.household_no}") for h in sel.rows]
    assert all(p >= 0 for p in pos) and pos == sorted(pos)


# --- 外字 ---------------------------------------------------------------------------------------------------


def test_gaiji_print_as_placeholder_and_are_listed(ward: Store, tmp_path: Path) -> None:
    r = make(ward, TownsArea((town_id(ward, "見本町一丁目"),)), tmp_path / "r.pdf", mode="disaster", reason="訓練")
    texts = pages(r.path)
    whole = "\n".join(texts)
    assert "\ue000" not in whole
    assert flat(GAIJI_NAME.replace("\ue000", "〓")) in flat(whole)
    last = texts[-1]
    assert "外字一覧" in last and "U+E000" in last and "氏名" in last
    assert any("U+E000" in g for g in r.gaiji)
    # 𠮷 is not a private-use character: printed if the font has it, else listed (never a blank box)
    assert flat(NOT_CP932_NAME) in flat(whole) or "U+20BB7" in last


def test_formula_like_text_prints_as_it_is(ward: Store, tmp_path: Path) -> None:
    r = make(ward, TownsArea((town_id(ward, "見本町二丁目"),)), tmp_path / "r.pdf")
    assert flat(FORMULA_NAME) in flat("\n".join(pages(r.path)))


def test_last_resort_cid_font_still_prints_the_table(tmp_path: Path) -> None:
    """Without a TrueType font (reportlab's CID font): the table text goes through the canvas."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    from wardapp.reports.fonts import CID_FONT, FontChoice

    pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
    cid = FontChoice(name=CID_FONT, bold_name=CID_FONT, path=None, is_cid=True, family=CID_FONT)
    store = open_store(tmp_path / "empty.sqlite3")
    content = build_content(store, synthetic([2, 3]), mode="disaster", reason="試験")
    out = tmp_path / "cid.pdf"
    render_roster(content, MapLayers.load(store), out, printed_by="試験", printed_at=PRINTED_AT, font=cid)
    store.close()
    streams = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", out.read_bytes(), re.S):
        try:
            streams.append(zlib.decompress(m[1]))
        except zlib.error:
            continue
    assert len(streams) == page_count(out) == 2
    body = streams[1]                       # page 2: the list (page 1 is the map)
    assert body.count(b"Tj") >= 5 * 5       # 5 persons × at least name, kana, birth, sex, relation
    assert b"/BaseFont /" + CID_FONT.encode() in out.read_bytes()
