"""The shared A4 document: header/footer, page x / y, sections, tables, 外字 (wardapp.reports)."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_text import fonts, page_count, pages, requires_poppler
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from wardapp.palette import CARE_CATEGORIES, letters, row_fill
from wardapp.reports import DocumentInfo, GaijiCollector, ReportDocument, japanese_font
from wardapp.reports.document import HANDLE_WITH_CARE

AT = dt.datetime(2025, 6, 1, 14, 3)
PRINTED = "印刷: 山田（地域振興課） 2025-06-01 14:03"


def _info(**kw: object) -> DocumentInfo:
    base: dict[str, object] = dict(title="テスト名簿", printed_by="山田（地域振興課）", printed_at=AT,
                                   scope="東町一丁目ほか", reference_date=dt.date(2025, 4, 1),
                                   profile_version="標準プロファイル v3")
    base.update(kw)
    return DocumentInfo(**base)  # type: ignore[arg-type]


def _grouped_rows(n_groups: int, size: int) -> tuple[list[list[object]], list[int]]:
    rows: list[list[object]] = []
    for g in range(n_groups):
        for k in range(size):
            rows.append([f"G{g:02d}-{k}", f"世帯{g:02d}の{k + 1}人目", "東町1-2-3"])
    return rows, [size] * n_groups


def _table_doc(tmp_path: Path, *, groups: bool, n_groups: int = 40, size: int = 4, name: str = "t.pdf") -> Path:
    doc = ReportDocument(_info())
    rows, sizes = _grouped_rows(n_groups, size)
    fw = doc.frame_width
    story: list[Flowable] = [doc.para("見出しの段落", doc.styles.h1)]
    story.append(doc.table(["番号", "氏名欄", "住所欄"], rows, [30 * mm, 60 * mm, fw - 90 * mm],
                           groups=sizes if groups else None, where="表"))
    return doc.build(story, tmp_path / name)


def _groups_per_page(pdf: Path) -> list[set[str]]:
    return [set(re.findall(r"G(\d\d)-\d", text)) for text in pages(pdf)]


pytestmark = requires_poppler


def test_header_and_footer_on_every_page(tmp_path: Path) -> None:
    pdf = _table_doc(tmp_path, groups=True)
    texts = pages(pdf)
    n = len(texts)
    assert n >= 3
    for i, text in enumerate(texts, start=1):
        assert "テスト名簿" in text
        assert HANDLE_WITH_CARE in text
        assert PRINTED in text
        assert f"{i} / {n} ページ" in text
        assert "東町一丁目ほか" in text
        assert "基準日 令和7年4月1日（2025-04-01）" in text
        assert "援護度プロファイル 標準プロファイル v3" in text


def test_long_table_repeats_its_header(tmp_path: Path) -> None:
    texts = pages(_table_doc(tmp_path, groups=True))
    assert len(texts) >= 3
    for text in texts:
        assert re.search(r"番号\s+氏名欄\s+住所欄", text), text[:400]


def test_a_group_of_rows_never_splits(tmp_path: Path) -> None:
    # 7-row households: with 40 of them some would straddle a page break.
    split = _groups_per_page(_table_doc(tmp_path, groups=False, size=7, name="plain.pdf"))
    kept = _groups_per_page(_table_doc(tmp_path, groups=True, size=7, name="grouped.pdf"))
    assert any(a & b for a, b in zip(split, split[1:], strict=False)), "the test case must split without groups"
    for a, b in zip(kept, kept[1:], strict=False):
        assert not a & b, f"household(s) {sorted(a & b)} split across pages"
    assert set().union(*kept) == {f"{g:02d}" for g in range(40)}


def test_a_group_taller_than_a_page_still_prints(tmp_path: Path) -> None:
    pdf = _table_doc(tmp_path, groups=True, n_groups=2, size=90, name="huge.pdf")
    text = "".join(pages(pdf))
    assert page_count(pdf) >= 3
    assert "G00-89" in text and "G01-89" in text


def test_sections_restart_page_numbers(tmp_path: Path) -> None:
    doc = ReportDocument(_info())
    story: list[Flowable] = []
    for area, n_groups in (("東町一丁目", 30), ("西町二丁目", 5)):
        story += doc.section(area)
        rows, sizes = _grouped_rows(n_groups, 3)
        story.append(doc.table(["番号", "氏名欄", "住所欄"], rows, [30 * mm, 60 * mm, 90 * mm], groups=sizes))
    pdf = doc.build(story, tmp_path / "s.pdf")
    texts = pages(pdf)
    total = len(texts)
    assert doc.page_count == total
    first = [t for t in texts if "東町一丁目" in t.splitlines()[0]]
    second = [t for t in texts if "西町二丁目" in t.splitlines()[0]]
    assert len(first) >= 2 and len(second) == 1 and len(first) + len(second) == total
    for i, t in enumerate(first, start=1):
        assert f"{i} / {len(first)} ページ" in t and f"通し {i} / {total}" in t
    assert "1 / 1 ページ" in second[0] and f"通し {total} / {total}" in second[0]


def test_document_without_personal_data_has_no_caution(tmp_path: Path) -> None:
    doc = ReportDocument(_info(personal_data=False))
    pdf = doc.build([doc.para("公開できる内容")], tmp_path / "p.pdf")
    text = pages(pdf)[0]
    assert HANDLE_WITH_CARE not in text and PRINTED in text and "1 / 1 ページ" in text


def test_personal_data_needs_header_and_footer() -> None:
    with pytest.raises(ValueError, match="個人情報"):
        ReportDocument(_info(), header=False)
    with pytest.raises(ValueError, match="個人情報"):
        ReportDocument(_info(), footer=False)


def test_gaiji_print_as_placeholder_and_are_listed_at_the_end(tmp_path: Path) -> None:
    doc = ReportDocument(_info(scope="\ue003町"))
    rows = [["1", "山\ue000 太郎", "東町"], ["2", "鈴木 \uf8ff子", "西町"]]
    pdf = doc.build([doc.table(["番号", "氏名", "住所"], rows, [20 * mm, 60 * mm, 60 * mm], where="名簿")],
                    tmp_path / "g.pdf")
    texts = pages(pdf)
    assert not any("\ue000" in t or "\uf8ff" in t for t in texts)
    assert "山〓 太郎" in texts[0] and "鈴木 〓子" in texts[0] and "〓町" in texts[0]
    last = texts[-1]
    assert len(texts) == 2 and "外字一覧" in last
    assert re.search(r"名簿 1行目 氏名\s+U\+E000\s+外字（私用領域）\s+山〓 太郎", last)
    assert re.search(r"名簿 2行目 氏名\s+U\+F8FF", last)
    assert "U+E003" in last and "見出し（対象）" in last
    assert "2 / 2 ページ" in last and HANDLE_WITH_CARE in last


def test_no_gaiji_no_list(tmp_path: Path) -> None:
    doc = ReportDocument(_info())
    pdf = doc.build([doc.para("山田 太郎")], tmp_path / "n.pdf")
    assert page_count(pdf) == 1 and "外字一覧" not in pages(pdf)[0]


def test_markup_is_escaped(tmp_path: Path) -> None:
    doc = ReportDocument(_info())
    pdf = doc.build([doc.para("<b>A&B</b> 1 < 2\n次の行")], tmp_path / "e.pdf")
    text = pages(pdf)[0]
    assert "<b>A&B</b> 1 < 2" in text and "次の行" in text


def test_fonts_are_embedded(tmp_path: Path) -> None:
    doc = ReportDocument(_info())
    rows = [[c.mark, c.name, letters([c.name])] for c in CARE_CATEGORIES]
    fills = [row_fill([c.name]) for c in CARE_CATEGORIES]
    pdf = doc.build([doc.table(["記号", "区分", "文字"], rows, [20 * mm] * 3, row_fills=fills)], tmp_path / "f.pdf")
    rows_ = fonts(pdf)
    assert rows_, "no font listed"
    font = japanese_font()
    if font.is_cid:
        pytest.skip("no TrueType Japanese font on this machine: the CID fallback is not embedded")
    assert all(r.embedded for r in rows_), rows_
    assert all("+" in r.name for r in rows_), rows_  # subsets
    text = pages(pdf)[0]
    for c in CARE_CATEGORIES:
        assert c.mark in text and c.name in text


def test_gaiji_collector_treats_glyphs_missing_from_the_font_like_gaiji() -> None:
    col = GaijiCollector(has_char=lambda ch: ch != "髙")
    assert col.replace("髙橋 \ue001", "氏名") == "〓橋 〓"
    kinds = [(o.codepoint, o.kind, o.where) for o in col.occurrences]
    assert kinds == [("U+9AD9", "フォントにない文字", "氏名"), ("U+E001", "外字（私用領域）", "氏名")]
    assert col.replace("ふつうの文字", "x") == "ふつうの文字" and len(col.occurrences) == 2
    assert col.markup("a<b>\n\U000F0000") == "a&lt;b&gt;<br/>〓"  # supplementary private use too


def test_paragraph_helper_returns_paragraph() -> None:
    doc = ReportDocument(_info())
    assert isinstance(doc.para("x"), Paragraph)


def test_category_legend_shows_every_mark(tmp_path: Path) -> None:
    from wardapp.reports.tables import category_legend

    doc = ReportDocument(_info(personal_data=False))
    pdf = doc.build([category_legend(doc.styles.cell, doc.frame_width)], tmp_path / "l.pdf")
    text = pages(pdf)[0]
    assert re.search(r"▲高 高齢者\s+●乳 乳幼児\s+◆妊 妊婦\s+■障 障害者\s+★医 医療的ケア", text)
    assert all(r.embedded for r in fonts(pdf))
