"""Render the 住所辞書 page offscreen from the demo ward with some work left for staff (not a test).

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/make_gazetteer_screenshot.py OUT_DIR [--scale 1.5]

The demo ward matches almost completely, so to show the work lists this adds what real
registry extracts and dictionaries bring (:func:`add_review_examples`): households with
misspelt or outdated addresses, and a 街区 where 位置参照情報 and ABR disagree by ~100 m.  It
then runs matching, records one manual fix and saves ``gazetteer.png`` (the page with the
ambiguous list and the candidates of the selected address) and ``gazetteer-place.png`` (the
「地点を指定」 dialog).  Everything goes through the core's public functions; the demo data
itself is not changed on disk.
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

from sqlalchemy import select

from shot_tools import screenshot_args, settle, wait  # noqa: E402 — run as a script from tests/ui
from wardapp.security import SYSTEM

#: (address as a registry might write it, 方書)
ODD_ADDRESSES = [
    ("身本町一丁目3番4号", None),  # 見 mistyped as 身: no such town
    ("絵空町五丁目1番1号", None),  # 絵空町 has 四丁目 at most
    ("架空市みどり区夢見町二丁目4番5号", "コーポ夢見201"),  # 夢見町 has only 一丁目
    ("見本町一丁目4番99号", None),  # a 号 the dictionary does not have: the 街区 is the place
    ("見本町1-4-99", "ハイツ見本102"),
    ("見本町一丁目4番地", None),
    ("月見野99番99号", None),  # no such 街区: placed at the town only
    ("旧字雲上1234番地", None),  # an old 字 name the dictionary no longer has
]

#: The 街区 whose two datasets are made to disagree (位置参照情報 moved ~100 m north).
DISPUTED_BLOCK = ("見本町一丁目", "4")


def add_review_examples(store) -> None:  # type: ignore[no-untyped-def]
    """Households with odd addresses, and a 街区 whose ABR and 位置参照情報 points disagree."""
    from wardapp.kana import kana_key
    from wardapp.store.models import AddressPoint, Household, Person, Town

    with store.transaction() as s:
        town = s.scalars(select(Town).where(Town.name == DISPUTED_BLOCK[0])).one()
        isj = s.scalars(select(AddressPoint).where(
            AddressPoint.town_id == town.id, AddressPoint.block == DISPUTED_BLOCK[1],
            AddressPoint.dataset == "isj-block")).one()
        isj.lat += 0.0009
        for i, (address, building) in enumerate(ODD_ADDRESSES):
            h = Household(household_no=f"99{i:05d}", address=address, building=building)
            s.add(h)
            s.flush()
            s.add(Person(person_no=f"99{i:08d}", household_id=h.id, name="架空 太郎", kana="カクウ タロウ",
                         kana_key=kana_key("カクウ タロウ"), birth_date=dt.date(1950, 1, 1), sex=1,
                         relationship_="世帯主", is_head=True, address=address, building=building,
                         resident_kind="日本人"))


def main() -> int:
    args = screenshot_args()

    from PySide6.QtWidgets import QApplication

    from wardapp.address.matcher import fix_address, match_households
    from wardapp.demo import ensure_demo
    from wardapp.settings import Settings
    from wardapp.store import open_store
    from wardapp.ui.app import build_main_window, create_application
    from wardapp.ui.pages.gazetteer import GazetteerPage

    tmp = Path(tempfile.mkdtemp(prefix="wardapp-gazetteer-"))
    demo = ensure_demo(tmp / "demo.sqlite3", persons=args.persons, seed=1)
    store = open_store(demo.db_path)
    add_review_examples(store)
    match_households(store, user="suzuki", actor=SYSTEM)
    fix_address(store, ODD_ADDRESSES[-1][0], user="suzuki", lat=35.4531, lon=139.6187, note="現地で確認（旧字名）", actor=SYSTEM)
    store.close()
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = "" if args.scale == 1.0 else f"-{int(args.scale * 100)}"

    create_application([sys.argv[0]])

    window = build_main_window(demo.db_path, demo=True, settings=Settings.load(tmp / "config"))
    size = (1400, 900) if args.scale == 1.0 else (round(1920 / args.scale), round(1040 / args.scale))
    window.resize(*size)
    window.show()
    page = next(p for p in window.pages if isinstance(p, GazetteerPage))
    window.show_page(window.pages.index(page))
    wait(lambda: page.review is not None and not window.ctx.tasks.busy)
    review = page.review
    assert review is not None and review.ambiguous
    page.select_group("ambiguous", review.ambiguous[0].key)
    page.select_candidate(0)
    settle()
    window.grab().save(str(args.out / f"gazetteer{suffix}.png"), "PNG", 0)
    print("window", window.size().toTuple(), "minimum", window.minimumSizeHint().toTuple())

    page.select_group("unmatched", review.unmatched[0].key)
    dlg = page.place_dialog or page.place_point()
    assert dlg is not None
    wait(lambda: dlg.model.rowCount() > 0 and not window.ctx.tasks.busy)
    dlg.search_edit.setText("3-")
    settle()
    dlg.grab().save(str(args.out / f"gazetteer-place{suffix}.png"), "PNG", 0)
    dlg.reject()
    window.close()
    QApplication.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())
