"""The ``wardapp`` command: GUI launcher and batch commands.

Exit status: 0 success, 2 usage error, 3 input rejected (nothing written), 4 store problem.
Errors print the same Japanese message the GUI shows.  ``--json`` prints exactly one JSON
object on stdout so that scripts can rely on it.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from wardapp import __version__
from wardapp.errors import InputProblem, InputRejected, WardError
from wardapp.progress import Progress

if TYPE_CHECKING:
    from wardapp.store import Store


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="データベースファイル（既定: ユーザーデータフォルダ）")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="wardapp",
        description="区役所向け 被災者支援・デジタルデバイド対策アプリ",
    )
    parser.add_argument("--version", action="version", version=f"wardapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("gui", help="画面を開く（既定の動作）")
    _add_db(p)

    p = sub.add_parser("demo", help="架空の区（デモ区）を生成して開く")
    _add_db(p)
    p.add_argument("--persons", type=int, default=40_000, help="住民数（既定 40000）")
    p.add_argument("--seed", type=int, default=1, help="乱数の種（同じ種なら同じ区）")
    p.add_argument("--no-gui", action="store_true", help="生成だけして画面は開かない")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("import", help="ファイルを取り込む")
    isub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = isub.add_parser("registry", help="住民基本台帳（住基）抽出 CSV を取り込む")
    r.add_argument("file", metavar="FILE")
    _add_db(r)
    r.add_argument("--mapping", metavar="FILE.toml", help="列対応プロファイル（他システムの見出し・コード）")
    r.add_argument("--lenient", action="store_true", help="誤りのある行を飛ばして残りを取り込む（飛ばした行は報告）")
    r.add_argument("--no-match", action="store_true", help="取り込み後の住所照合をしない（あとで wardapp match）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("addresses", help="住所辞書の元データ（位置参照情報・アドレス・ベース・レジストリ）を取り込む")
    r.add_argument("files", metavar="FILE", nargs="+", help="CSV または ZIP（公開されたままの形）")
    _add_db(r)
    r.add_argument("--format", choices=("auto", "isj", "abr"), default="auto",
                   help="isj: 国土交通省 位置参照情報、abr: デジタル庁 アドレス・ベース・レジストリ")
    r.add_argument("--city", action="append", metavar="NAME", help="この市区町村だけを取り込む（名前またはコード、複数可）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("layer", help="地図レイヤ（町字境界・浸水想定区域・避難所・施設）を取り込む")
    r.add_argument("file", metavar="FILE", help="Shapefile / GeoPackage / GeoJSON / CSV")
    _add_db(r)
    r.add_argument("--kind", required=True, choices=("boundary", "flood", "shelter", "facility"),
                   help="boundary: 町字境界、flood: 浸水想定区域、shelter: 避難所、facility: 施設")
    r.add_argument("--mapping", metavar="FILE.toml", help="属性の対応（浸水深ランクの列など）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("welfare", help="福祉情報（要介護認定・手帳・妊娠・要支援者名簿など）の CSV を取り込む")
    r.add_argument("file", metavar="FILE")
    _add_db(r)
    r.add_argument("--mapping", metavar="FILE.toml", help="列対応プロファイル（他システムの見出し・コード）")
    r.add_argument("--lenient", action="store_true", help="誤りのある行を飛ばして残りを取り込む（飛ばした行は報告）")
    r.add_argument("--on", metavar="DATE", help="基準日（有効な件数を数える日。既定: 今日）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("pack", help="地図パック（manifest.toml に書かれた公式データのファイル）をまとめて取り込む")
    r.add_argument("manifest", metavar="MANIFEST", help="地図パックの manifest.toml")
    _add_db(r)
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("match", help="世帯の住所を住所辞書と照合する")
    _add_db(p)
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("score", help="援護度（個人スコア・世帯スコア）を計算して記録する")
    _add_db(p)
    p.add_argument("--profile", metavar="FILE", help="援護度プロファイル（TOML。既定: 標準プロファイル）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="基準日（年齢と福祉情報の有効期間の基準。既定: 今日。和暦も可）")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    p.add_argument("--out", metavar="FILE.csv", help="世帯ごとの一覧を CSV（Excel 用、UTF-8 BOM 付き）に書き出す")

    p = sub.add_parser("classes", help="スマホ教室（講座・回・受講者）")
    csub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = csub.add_parser("list", help="回の一覧（ID・日時・講座・会場・定員・申込・キャンセル待ち・状態）")
    _add_db(r)
    r.add_argument("--from", dest="date_from", metavar="DATE", help="この日から（西暦・和暦）")
    r.add_argument("--to", dest="date_to", metavar="DATE", help="この日まで")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("attendance-sheet", help="回の受付名簿（出席簿）を PDF で印刷する")
    p.add_argument("--session", type=int, required=True, metavar="ID", help="回の ID（wardapp classes list で確認）")
    _add_db(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="書き出す PDF")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    return parser


def _progress_printer(enabled: bool) -> Progress:
    if not enabled:
        return Progress(None)

    last = [-1]

    def cb(done: int, total: int, label: str) -> None:
        pct = int(done * 100 / total) if total else 0
        if pct // 10 != last[0]:
            last[0] = pct // 10
            print(f"  {pct:3d}% {label}", file=sys.stderr)

    return Progress(cb)


def _failure_json(error: WardError, store: Store | None) -> dict[str, object]:
    """The ``--json`` object of a failed import: the same count keys, nothing added."""
    persons: int | None = None
    households: int | None = None
    if store is not None:
        from sqlalchemy import func, select

        from wardapp.store.models import Household, Person

        with store.engine.connect() as conn:
            persons = conn.execute(select(func.count()).select_from(Person)).scalar_one()
            households = conn.execute(select(func.count()).select_from(Household)).scalar_one()
    problems = error.problems if isinstance(error, InputRejected) else [
        InputProblem(None, None, None, error.message_ja)]
    return {
        "rejected": True,
        "message": error.message_ja,
        "persons": persons,
        "households": households,
        "added": 0,
        "changed": 0,
        "removed": 0,
        "errors": [p.to_json() for p in problems],
    }


def _welfare_failure_json(error: WardError, store: Store | None) -> dict[str, object]:
    """The ``--json`` object of a failed welfare import: the report's count keys, nothing changed."""
    attributes: int | None = None
    if store is not None:
        from sqlalchemy import func, select

        from wardapp.store.models import WelfareAttribute

        with store.engine.connect() as conn:
            attributes = conn.execute(select(func.count()).select_from(WelfareAttribute)).scalar_one()
    problems = error.problems if isinstance(error, InputRejected) else [
        InputProblem(None, None, None, error.message_ja)]
    return {
        "rejected": True,
        "message": error.message_ja,
        "rows": None,
        "attributes": attributes,
        "added": 0,
        "changed": 0,
        "removed": 0,
        "unknown_persons": 0,
        "errors": [p.to_json() for p in problems],
    }


class _Report(Protocol):
    def to_json(self) -> dict[str, Any]: ...

    def summary_ja(self) -> str: ...


def _run_import(args: argparse.Namespace, run: Callable[[Store, Progress], _Report],
                failure: Callable[[WardError, Store | None], dict[str, object]] = _failure_json) -> int:
    """Open the store, run one import, print its report (or the failure JSON) — every importer alike."""
    from wardapp.store import open_store

    store: Store | None = None
    try:
        store = open_store(args.db)
        report = run(store, _progress_printer(not args.json and sys.stderr.isatty()))
    except WardError as e:
        if args.json:
            print(json.dumps(failure(e, store), ensure_ascii=False))
        raise
    finally:
        if store is not None:
            store.close()
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.summary_ja())
    return 0


def _cmd_import_registry(args: argparse.Namespace) -> int:
    from wardapp.registry.importer import import_registry, import_registry_and_match

    run = import_registry if args.no_match else import_registry_and_match
    return _run_import(args, lambda store, progress: run(
        store, Path(args.file), mapping=Path(args.mapping) if args.mapping else None,
        lenient=args.lenient, progress=progress))


def _cmd_import_addresses(args: argparse.Namespace) -> int:
    from wardapp.address.dictionary import import_addresses

    return _run_import(args, lambda store, progress: import_addresses(
        store, [Path(f) for f in args.files], format=args.format, cities=args.city, progress=progress))


def _cmd_import_layer(args: argparse.Namespace) -> int:
    from wardapp.geo.layers import import_layer

    return _run_import(args, lambda store, progress: import_layer(
        store, Path(args.file), kind=args.kind, mapping=Path(args.mapping) if args.mapping else None,
        progress=progress))


def _cmd_import_welfare(args: argparse.Namespace) -> int:
    from wardapp.welfare.importer import import_welfare

    def run(store: Store, progress: Progress) -> _Report:
        return import_welfare(store, Path(args.file), mapping=Path(args.mapping) if args.mapping else None,
                              lenient=args.lenient, progress=progress, today=_reference_date(args.on))

    return _run_import(args, run, _welfare_failure_json)


def _reference_date(text: str | None) -> dt.date | None:
    """``--on``: a 基準日 in any accepted date form (西暦・和暦)."""
    from wardapp.errors import UsageError
    from wardapp.wareki import DateFormatError, parse_date

    if not text:
        return None
    try:
        return parse_date(text)
    except DateFormatError as e:
        raise UsageError(f"--on の基準日が読めません: {e}") from None


def _cmd_import_pack(args: argparse.Namespace) -> int:
    from wardapp.mappack import import_map_pack

    return _run_import(args, lambda store, progress: import_map_pack(store, Path(args.manifest), progress))


def _cmd_match(args: argparse.Namespace) -> int:
    from wardapp.address.matcher import match_households
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        report = match_households(store, progress=_progress_printer(not args.json and sys.stderr.isatty()))
    finally:
        store.close()
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.summary_ja())
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    """Score the ward, write the CSV (if asked), then store the run with its profile and 基準日."""
    import datetime as dt
    import getpass

    from wardapp.errors import UsageError
    from wardapp.scoring import default_profile, load_profile, save_scores, score
    from wardapp.scoring.report import summary_ja, to_json, write_households_csv
    from wardapp.store import open_store
    from wardapp.wareki import DateFormatError, parse_date

    try:
        on = parse_date(args.date) if args.date else dt.date.today()
    except DateFormatError as e:
        raise UsageError(f"--date の基準日が読めません: {e}") from None
    profile = load_profile(args.profile) if args.profile else default_profile()
    try:
        user: str | None = getpass.getuser()
    except Exception:  # noqa: BLE001 — no user name available (service accounts)
        user = None
    store = open_store(args.db)
    try:
        result = score(store, profile, on, progress=_progress_printer(not args.json and sys.stderr.isatty()))
        if args.out:
            write_households_csv(result, args.out)
        run_id = save_scores(store, result, user=user)
    finally:
        store.close()
    print(json.dumps(to_json(result, run_id), ensure_ascii=False) if args.json else summary_ja(result, run_id))
    return 0


def _cmd_classes_list(args: argparse.Namespace) -> int:
    """Sessions and their ids (the ids ``attendance-sheet --session`` takes)."""
    from wardapp.errors import UsageError
    from wardapp.outreach.queries import format_sessions, list_sessions
    from wardapp.store import open_store
    from wardapp.wareki import DateFormatError, parse_date

    try:
        lo = parse_date(args.date_from) if args.date_from else None
        hi = parse_date(args.date_to) if args.date_to else None
    except DateFormatError as e:
        raise UsageError(f"--from / --to の日付が読めません: {e}") from None
    store = open_store(args.db)
    try:
        rows = list_sessions(store, date_from=lo, date_to=hi)
    finally:
        store.close()
    if args.json:
        print(json.dumps({"from": lo.isoformat() if lo else None, "to": hi.isoformat() if hi else None,
                          "count": len(rows), "sessions": [r.to_json() for r in rows]}, ensure_ascii=False))
    else:
        print(format_sessions(rows) if rows else "該当する回はありません。")
    return 0


def _cmd_attendance_sheet(args: argparse.Namespace) -> int:
    import getpass

    from wardapp.outreach.printing import print_sign_in_sheet
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        out = print_sign_in_sheet(store, args.session, Path(args.out), printed_by=getpass.getuser())
    finally:
        store.close()
    print(json.dumps({"session": args.session, "out": str(out)}, ensure_ascii=False) if args.json
          else f"受付名簿を書き出しました: {out}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    from wardapp.demo import ensure_demo

    result = ensure_demo(
        Path(args.db) if args.db else None,
        persons=args.persons,
        seed=args.seed,
        progress=_progress_printer(not args.json and sys.stderr.isatty()),
    )
    if args.json:
        print(json.dumps(result.to_json(), ensure_ascii=False))
    elif args.no_gui:
        print(result.summary_ja())
    if args.no_gui:
        return 0
    from wardapp.ui.app import run_gui

    return run_gui(result.db_path, demo=True)


def _cmd_gui(args: argparse.Namespace) -> int:
    from wardapp.ui.app import run_gui

    return run_gui(Path(args.db) if args.db else None)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handlers = {
        None: _cmd_gui,
        "gui": _cmd_gui,
        "demo": _cmd_demo,
        "match": _cmd_match,
        "score": _cmd_score,
        "classes": lambda a: {"list": _cmd_classes_list}[a.what](a),
        "attendance-sheet": _cmd_attendance_sheet,
        "import": lambda a: {"registry": _cmd_import_registry, "addresses": _cmd_import_addresses,
                             "layer": _cmd_import_layer, "welfare": _cmd_import_welfare,
                             "pack": _cmd_import_pack}[a.what](a),
    }
    if args.command is None:
        args.db = None
    try:
        return int(handlers[args.command](args))
    except WardError as e:
        print(f"エラー: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return 130
