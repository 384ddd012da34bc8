"""Roster layouts as files (resources/roster-layouts/*.toml, wardapp.rosters.layout_files): the shipped
ones load, a custom one prints its columns, bad files are refused with file, line and key, the CLI's
--layout, the audit entry.  That the default layouts print what the code printed before is shown by
test_rosters_pdf.py passing unchanged."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pdf_text import page_count, pages, requires_poppler
from roster_ward import ON, build_roster_ward, town_id
from sqlalchemy import select

from wardapp.cli import main
from wardapp.errors import ConfigError, UsageError
from wardapp.geo.selection import TownsArea, select_area
from wardapp.rosters.content import build_content
from wardapp.rosters.export import ALL_COLUMNS, header
from wardapp.rosters.layout_files import (
    DEFAULT_FILES,
    FIELDS,
    LAYOUTS_DIR,
    VERSION,
    default_layout,
    load_layout,
    parse_layout,
    shipped_layouts,
)
from wardapp.rosters.mapdraw import MapLayers
from wardapp.rosters.content import natural_key
from wardapp.rosters.pdf_layout import render_layout
from wardapp.rosters.service import make_roster
from wardapp.security.access import SYSTEM
from wardapp.store import Store
from wardapp.store.models import AuditEntry

PRINTED_AT = dt.datetime(2026, 4, 2, 9, 30)
PORTRAIT = LAYOUTS_DIR / "roster-portrait-phone.toml"


@pytest.fixture(scope="module")
def ward(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    s = build_roster_ward(tmp_path_factory.mktemp("lay") / "ward.sqlite3")
    yield s
    s.close()


def flat(text: str) -> str:
    return re.sub(r"[ \u3000]+", "", text)


MINIMAL = """\
format = "wardapp-roster-layout"
version = 1
name = "試験"
kind = "roster"

[[columns]]
field = "no"
width = 12

[[columns]]
field = "name"
width = 40
"""


def refused(text: str, tmp_path: Path) -> ConfigError:
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as e:
        load_layout(f)
    assert e.value.file == "bad.toml" and e.value.message_ja.startswith("bad.toml: ")
    return e.value


# --- the shipped layouts ------------------------------------------------------------------------------


def test_every_shipped_layout_loads_and_each_kind_has_its_default() -> None:
    layouts = shipped_layouts()
    files = {lay.file_name for lay in layouts}
    assert set(DEFAULT_FILES.values()) <= files and PORTRAIT.name in files
    assert len({lay.name for lay in layouts}) == len(layouts)  # the chooser tells them apart by name
    assert [lay.kind for lay in layouts[:2]] == ["roster", "check"]  # defaults first
    for kind, file in DEFAULT_FILES.items():
        lay = default_layout(kind)
        assert lay.kind == kind and lay.file_name == file and lay.version == VERSION and lay.cover


def test_a_wrong_file_among_the_shipped_ones_is_reported_and_the_others_still_listed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from wardapp.rosters import layout_files

    for f in LAYOUTS_DIR.glob("*.toml"):
        shutil.copy(f, tmp_path / f.name)
    (tmp_path / "zz-broken.toml").write_text(MINIMAL.replace("width = 40", "width = 400"), encoding="utf-8")
    monkeypatch.setattr(layout_files, "LAYOUTS_DIR", tmp_path)
    with pytest.raises(ConfigError, match="zz-broken.toml"):
        shipped_layouts()
    problems: list[ConfigError] = []
    listed = shipped_layouts(problems)
    assert len(listed) == len(list(LAYOUTS_DIR.glob("*.toml")))
    assert [e.file for e in problems] == ["zz-broken.toml"]


def test_default_roster_widths_are_the_ones_the_roster_always_had() -> None:
    lay = default_layout("roster")
    normal = {c.header: round(w / 72 * 25.4, 3) for c, w in lay.columns_for("normal")}
    disaster = {c.header: round(w / 72 * 25.4, 3) for c, w in lay.columns_for("disaster")}
    assert "名簿" not in normal and disaster["名簿"] == 12  # the 名簿 column only in a disaster
    assert (normal["住所"], disaster["住所"]) == (70, 58)  # "fill": 住所 takes what is left
    assert sum(normal.values()) == sum(disaster.values()) == 267


# --- a custom layout ------------------------------------------------------------------------------------


@requires_poppler
def test_custom_portrait_layout_prints_its_columns_phone_and_notes(ward: Store, tmp_path: Path) -> None:
    sel = select_area(ward, TownsArea((town_id(ward, "見本町一丁目"),)), on=ON, actor=SYSTEM)
    content = build_content(ward, sel, mode="disaster")
    # a ward whose data has telephone numbers: the 電話 column prints them
    first = content.households[0]
    phoned = dataclasses.replace(first, members=tuple(
        dataclasses.replace(m, phone="04-2900-1234") if i == 0 else m for i, m in enumerate(first.members)))
    content = dataclasses.replace(content, households=(phoned, *content.households[1:]),
                                  sections=(dataclasses.replace(content.sections[0],
                                                                households=(phoned, *content.sections[0].households[1:])),))
    out = tmp_path / "p.pdf"
    lay = load_layout(PORTRAIT)
    render_layout(content, MapLayers.load(ward), out, lay, printed_by="試験", printed_at=PRINTED_AT)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    w, h = map(float, re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups())  # type: ignore[union-attr]
    assert w < h  # portrait
    texts = [flat(t) for t in pages(out)]
    assert "凡例" not in texts[0]  # cover = false: no map page
    assert texts[0].startswith("地域名簿（電話連絡用）【災害時】")
    for title in ("No.", "住所・方書", "氏名", "年齢", "区分", "電話", "連絡済", "備考"):
        assert title in texts[0], title
    assert "世帯番号" not in texts[0] and "生年月日" not in texts[0] and "スコア" not in texts[0].split("援護度")[-1]
    assert "04-2900-1234" in texts[0]
    assert "□連絡済＝電話で安否を確認できた" in texts[0]  # the box's meaning under every page
    assert all("□連絡済" in t for t in texts if "備考" in t)
    # sort = "address": the order follows the address (2番 before 10番), not the score
    printed = list(dict.fromkeys(re.findall(r"架空市見本町一丁目\d+番\d+号", "".join(texts))))
    by_score = list(dict.fromkeys(h.address for h in content.households))
    assert printed == sorted(by_score, key=natural_key) and printed != by_score


@requires_poppler
def test_layout_cannot_widen_what_the_content_holds(ward: Store, tmp_path: Path) -> None:
    # The categories are the content's: where the content was built without welfare-derived marks
    # (a role without welfare.view), a 区分 column prints nothing more.
    sel = select_area(ward, TownsArea((town_id(ward, "見本町一丁目"),)), on=ON, actor=SYSTEM)
    content = build_content(ward, sel, mode="disaster")
    stripped = tuple(dataclasses.replace(h, categories="", members=tuple(
        dataclasses.replace(m, categories="") for m in h.members)) for h in content.households)
    content = dataclasses.replace(content, households=stripped,
                                  sections=(dataclasses.replace(content.sections[0], households=stripped),))
    out = tmp_path / "c.pdf"
    render_layout(content, MapLayers.load(ward), out, load_layout(PORTRAIT), printed_by="試験", printed_at=PRINTED_AT)
    body = "\n".join(pages(out))
    rows = [line for line in body.splitlines() if "見本町" in line]
    assert rows and not any(mark in line for line in rows for mark in ("▲高", "●乳", "■障"))
    # and a field the content does not offer cannot be named at all
    with pytest.raises(ConfigError, match="welfare_details"):
        parse_layout(MINIMAL + '\n[[columns]]\nfield = "welfare_details"\nwidth = 20\n', file="x.toml")


def test_natural_address_order() -> None:
    assert sorted(["町10番4号", "町2番1号", "町１番9号"], key=natural_key) == ["町１番9号", "町2番1号", "町10番4号"]


# --- bad files ------------------------------------------------------------------------------------------


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    e = refused(MINIMAL.replace('name = "試験"', "name = 試験"), tmp_path)
    assert "3行目" in e.message_ja and "TOML" in e.message_ja


def test_unknown_field_lists_the_allowed_ones(tmp_path: Path) -> None:
    e = refused(MINIMAL.replace('field = "name"', 'field = "namae"'), tmp_path)
    assert "columns[1].field" in e.message_ja and "「namae」" in e.message_ja and "11行目" in e.message_ja
    for key in FIELDS:
        assert key in e.message_ja
    e = refused(MINIMAL + "colour = 1\n", tmp_path)  # a misspelt key in a column
    assert "columns[1].colour" in e.message_ja and "width" in e.message_ja


def test_columns_wider_than_the_page_are_refused_with_the_sum(tmp_path: Path) -> None:
    e = refused(MINIMAL + '\n[[columns]]\nfield = "address"\nwidth = 250\n', tmp_path)
    assert "302 mm" in e.message_ja and "267 mm" in e.message_ja and "35 mm 減らして" in e.message_ja
    assert "12 + 40 + 250" in e.message_ja
    portrait = MINIMAL.replace('kind = "roster"', 'kind = "roster"\norientation = "portrait"')
    e = refused(portrait + '\n[[columns]]\nfield = "address"\nwidth = 130\n', tmp_path)
    assert "182 mm" in e.message_ja and "A4 縦" in e.message_ja and "180 mm" in e.message_ja
    # a column printed only in a disaster counts in that mode
    e = refused(MINIMAL + '\n[[columns]]\nfield = "address"\nwidth = 200\n'
                '\n[[columns]]\nfield = "roster_status"\nwidth = 20\nmodes = ["disaster"]\n', tmp_path)
    assert "災害時の列の幅の合計 272 mm" in e.message_ja


def test_missing_key_and_wrong_types_name_the_key(tmp_path: Path) -> None:
    e = refused(MINIMAL.replace('name = "試験"\n', ""), tmp_path)
    assert "name: この項目が必要です" in e.message_ja
    e = refused(MINIMAL.replace("width = 40", ""), tmp_path)
    assert "columns[1].width" in e.message_ja
    e = refused(MINIMAL.replace("width = 40", 'width = "40mm"'), tmp_path)
    assert "12行目 columns[1].width" in e.message_ja and "数で書いて" in e.message_ja and "'40mm'" in e.message_ja
    e = refused(MINIMAL.replace('field = "no"', 'field = "no"\nlevel = "person"'), tmp_path)
    assert "columns[0].level" in e.message_ja
    e = refused(MINIMAL.replace('kind = "roster"', 'kind = "list"'), tmp_path)
    assert "kind" in e.message_ja and "roster" in e.message_ja and "check" in e.message_ja
    e = refused(MINIMAL.replace('format = "wardapp-roster-layout"', 'format = "wardapp-mapping"'), tmp_path)
    assert "format" in e.message_ja and "1行目" in e.message_ja
    e = refused(MINIMAL + '\n[table]\nfont_size = 100\n', tmp_path)
    assert "15行目 table.font_size" in e.message_ja and "100" in e.message_ja


def test_a_newer_version_is_refused_and_older_ones_have_a_place(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    e = refused(MINIMAL.replace("version = 1", "version = 2"), tmp_path)
    assert "version" in e.message_ja and "版 2" in e.message_ja and "版 1 まで" in e.message_ja
    assert "2行目" in e.message_ja
    # a future version 2 reads version-1 files through MIGRATIONS[1]
    from wardapp.rosters import layout_files

    monkeypatch.setattr(layout_files, "VERSION", 2)
    monkeypatch.setitem(layout_files.MIGRATIONS, 1, lambda raw: {**raw, "title": "移行済み"})
    lay = parse_layout(MINIMAL, file="old.toml")
    assert lay.title == "移行済み" and lay.version == 2


def test_the_service_refuses_a_layout_of_the_other_kind(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"),))
    with pytest.raises(UsageError, match="地域名簿用"):
        make_roster(ward, area, actor=SYSTEM, out=tmp_path / "c.pdf", kind="check", on=ON, layout=PORTRAIT)
    with pytest.raises(UsageError, match="地域名簿用"):
        make_roster(ward, area, actor=SYSTEM, out=tmp_path / "c.csv", kind="check", on=ON, layout=PORTRAIT)
    assert not list(tmp_path.iterdir())


def test_export_columns_of_a_layout(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"),))
    own = tmp_path / "own.toml"
    own.write_text(MINIMAL + '\n[export]\ncolumns = ["No.", "氏名", "住所", "要支援者名簿", "避難所"]\n', encoding="utf-8")
    out = tmp_path / "r.csv"
    r = make_roster(ward, area, actor=SYSTEM, out=out, on=ON, mode="disaster", reason="訓練", layout=own)
    lines = out.read_text(encoding="utf-8-sig").splitlines()
    # in this order; 避難所 only exists per shelter, so it is left out here
    assert lines[0] == "No.,氏名,住所,要支援者名簿"
    assert len(lines) == r.persons + 1 and all(len(line.split(",")) == 4 for line in lines[1:])
    assert r.to_json()["layout"]["layout_file"] == "own.toml"
    # without [export] (the shipped layouts) the export keeps all its columns, in the layout's order
    full = tmp_path / "full.csv"
    make_roster(ward, area, actor=SYSTEM, out=full, on=ON, layout=PORTRAIT)
    table = [line.split(",") for line in full.read_text(encoding="utf-8-sig").splitlines()]
    head = table[0]
    assert head[:3] == ["No.", "世帯番号", "氏名"] and set(head) <= set(ALL_COLUMNS)
    addresses = list(dict.fromkeys(row[head.index("住所")] for row in table[1:]))
    assert addresses == sorted(addresses, key=natural_key)  # sort = "address", as the PDF
    # an XLSX takes the same columns
    from openpyxl import load_workbook

    x = tmp_path / "r.xlsx"
    make_roster(ward, area, actor=SYSTEM, out=x, on=ON, layout=own)
    ws = load_workbook(x)["名簿"]
    assert [c.value for c in ws[1]] == ["No.", "氏名", "住所"]  # normal times: no 要支援者名簿 column


def test_every_export_header_is_a_name_a_layout_may_use(ward: Store) -> None:
    sel = select_area(ward, TownsArea((town_id(ward, "見本町一丁目"),)), on=ON, actor=SYSTEM)
    for mode in ("normal", "disaster"):
        for group in (None, "shelter"):
            content = build_content(ward, sel, mode=mode, group_by=group)  # type: ignore[arg-type]
            assert set(header(content)) <= set(ALL_COLUMNS)
            assert header(content, ALL_COLUMNS) == header(content)  # everything, in the export's order
    assert "避難所" in header(build_content(ward, sel, mode="disaster", group_by="shelter"))


def test_bad_export_columns_list_the_allowed_ones(tmp_path: Path) -> None:
    e = refused(MINIMAL + '\n[export]\ncolumns = ["No.", "電話番号"]\n', tmp_path)
    assert "export.columns[1]" in e.message_ja and "「電話番号」" in e.message_ja and "世帯スコア" in e.message_ja
    assert "15行目" in e.message_ja
    e = refused(MINIMAL + '\n[export]\ncolumns = ["No.", "No."]\n', tmp_path)
    assert "2回" in e.message_ja


# --- service, audit and CLI -----------------------------------------------------------------------------


@requires_poppler
def test_print_with_a_layout_records_its_name_and_version(ward: Store, tmp_path: Path) -> None:
    area = TownsArea((town_id(ward, "見本町一丁目"),))
    r = make_roster(ward, area, actor=SYSTEM, out=tmp_path / "r.pdf", on=ON, mode="disaster", reason="訓練",
                    layout=PORTRAIT)
    with ward.session() as s:
        e = s.scalars(select(AuditEntry).where(AuditEntry.seq == r.audit_seq)).one()
    d = json.loads(e.details_json)
    assert e.object_ == "地域名簿（電話連絡用）" and d["document"] == "地域名簿（電話連絡用）"
    assert (d["layout"], d["layout_version"], d["layout_file"]) == ("電話連絡用（A4縦）", 1, PORTRAIT.name)
    assert "レイアウト: 電話連絡用（A4縦）" in r.summary_ja()
    # the default layout is recorded too
    r2 = make_roster(ward, area, actor=SYSTEM, out=tmp_path / "d.pdf", on=ON, kind="check", mode="disaster",
                     reason="訓練")
    assert r2.to_json()["layout"] == {"layout": "安否確認チェックリスト（標準）", "layout_version": 1,
                                      "layout_file": "check.toml"}
    assert page_count(tmp_path / "r.pdf") >= 1


@requires_poppler
def test_cli_layout(ward: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    own = tmp_path / "own.toml"
    own.write_text(MINIMAL.replace('name = "試験"', 'name = "区の名簿"') +
                   '\n[[columns]]\nfield = "blank"\nheader = "訪問メモ"\nwidth = "fill"\n', encoding="utf-8")
    out = tmp_path / "r.pdf"
    rc = main(["roster", "--db", ward.location, "--town", "見本町一丁目", "--mode", "disaster", "--reason", "訓練",
               "--date", "2026-04-01", "--layout", str(own), "--out", str(out), "--json"])
    assert rc == 0
    got = json.loads(capsys.readouterr().out)
    assert got["layout"]["layout"] == "区の名簿" and got["layout"]["layout_file"] == "own.toml"
    assert any("訪問メモ" in flat(t) for t in pages(out))
    own.write_text(MINIMAL.replace("version = 1", "version = 9"), encoding="utf-8")
    assert main(["roster", "--db", ward.location, "--town", "見本町一丁目", "--layout", str(own),
                 "--out", str(tmp_path / "x.pdf")]) == 3
    err = capsys.readouterr().err
    assert "own.toml" in err and "版 9" in err
    assert not (tmp_path / "x.pdf").exists()
