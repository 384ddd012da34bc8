"""The ``wardapp`` command: GUI launcher and batch commands.

Exit status: 0 success, 2 usage error, 3 input rejected (nothing written), 4 store problem,
5 refused (permission, sign-in), 6 the audit log was tampered with.
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
    from wardapp.security.access import Actor
    from wardapp.store import Store


def _add_db(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="PATH", help="データベースファイル（既定: ユーザーデータフォルダ）")


def _add_as(p: argparse.ArgumentParser) -> None:
    """``--as USER`` of every command that reads personal data or changes the store (see :func:`_actor`)."""
    p.add_argument("--as", dest="as_user", metavar="USER",
                   help="操作する利用者（既定: 環境変数 WARDAPP_USER。パスワードは WARDAPP_PASSWORD か入力。"
                        "利用者がまだいないデータベースではシステムとして実行）")


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
    _add_as(r)
    r.add_argument("--mapping", metavar="FILE.toml", help="列対応プロファイル（他システムの見出し・コード）")
    r.add_argument("--lenient", action="store_true", help="誤りのある行を飛ばして残りを取り込む（飛ばした行は報告）")
    r.add_argument("--no-match", action="store_true", help="取り込み後の住所照合をしない（あとで wardapp match）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("addresses", help="住所辞書の元データ（位置参照情報・アドレス・ベース・レジストリ）を取り込む")
    r.add_argument("files", metavar="FILE", nargs="+", help="CSV または ZIP（公開されたままの形）")
    _add_db(r)
    _add_as(r)
    r.add_argument("--format", choices=("auto", "isj", "abr"), default="auto",
                   help="isj: 国土交通省 位置参照情報、abr: デジタル庁 アドレス・ベース・レジストリ")
    r.add_argument("--city", action="append", metavar="NAME", help="この市区町村だけを取り込む（名前またはコード、複数可）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("layer", help="地図レイヤ（町字境界・浸水想定区域・避難所・施設）を取り込む")
    r.add_argument("file", metavar="FILE", help="Shapefile / GeoPackage / GeoJSON / CSV")
    _add_db(r)
    _add_as(r)
    r.add_argument("--kind", required=True, choices=("boundary", "flood", "shelter", "facility"),
                   help="boundary: 町字境界、flood: 浸水想定区域、shelter: 避難所、facility: 施設")
    r.add_argument("--mapping", metavar="FILE.toml", help="属性の対応（浸水深ランクの列など）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("welfare", help="福祉情報（要介護認定・手帳・妊娠・要支援者名簿など）の CSV を取り込む")
    r.add_argument("file", metavar="FILE")
    _add_db(r)
    _add_as(r)
    r.add_argument("--mapping", metavar="FILE.toml", help="列対応プロファイル（他システムの見出し・コード）")
    r.add_argument("--lenient", action="store_true", help="誤りのある行を飛ばして残りを取り込む（飛ばした行は報告）")
    r.add_argument("--on", metavar="DATE", help="基準日（有効な件数を数える日。既定: 今日）")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    r = isub.add_parser("pack", help="地図パック（manifest.toml に書かれた公式データのファイル）をまとめて取り込む")
    r.add_argument("manifest", metavar="MANIFEST", help="地図パックの manifest.toml")
    _add_db(r)
    _add_as(r)
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("match", help="世帯の住所を住所辞書と照合する")
    _add_db(p)
    _add_as(p)
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("score", help="援護度（個人スコア・世帯スコア）を計算して記録する")
    _add_db(p)
    _add_as(p)
    p.add_argument("--profile", metavar="FILE", help="援護度プロファイル（TOML。既定: 標準プロファイル）")
    p.add_argument("--date", metavar="YYYY-MM-DD", help="基準日（年齢と福祉情報の有効期間の基準。既定: 今日。和暦も可）")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    p.add_argument("--out", metavar="FILE.csv", help="世帯ごとの一覧を CSV（Excel 用、UTF-8 BOM 付き）に書き出す")

    p = sub.add_parser("classes", help="スマホ教室（講座・回・受講者）")
    csub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = csub.add_parser("list", help="回の一覧（ID・日時・講座・会場・定員・申込・キャンセル待ち・状態）")
    _add_db(r)
    _add_as(r)
    r.add_argument("--from", dest="date_from", metavar="DATE", help="この日から（西暦・和暦）")
    r.add_argument("--to", dest="date_to", metavar="DATE", help="この日まで")
    r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    p = sub.add_parser("attendance-sheet", help="回の受付名簿（出席簿）を PDF で印刷する")
    p.add_argument("--session", type=int, required=True, metavar="ID", help="回の ID（wardapp classes list で確認）")
    _add_db(p)
    _add_as(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="書き出す PDF")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")
    _add_roster_parser(sub)
    _add_report_parser(sub)
    _add_security_parsers(sub)
    return parser


def _add_roster_parser(sub: Any) -> None:
    """``wardapp roster`` (docs/rosters.md)."""
    p = sub.add_parser("roster", help="範囲の名簿・安否確認チェックリストを PDF・CSV・Excel に書き出す（監査ログに記録）")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--area", metavar="FILE.geojson", help="地図で描いた範囲（GeoJSON: 多角形・円）")
    src.add_argument("--town", nargs="+", metavar="NAME", help="町字の名前（いくつでも）")
    src.add_argument("--flood-depth", type=float, metavar="M", help="浸水想定区域の浸水深の区分（例 0.5 → 0.5 m以上）")
    src.add_argument("--selection", metavar="NAME", help="保存した範囲の名前")
    p.add_argument("--kind", choices=["roster", "check", "by-town", "by-shelter"], default="roster",
                   help="roster=地域名簿（既定）、check=安否確認チェックリスト、by-town／by-shelter=町字／避難所ごとの名簿")
    p.add_argument("--group", choices=["town", "shelter"], help="町字ごと・避難所ごとに区分して印刷する（check にも使える）")
    p.add_argument("--mode", choices=["normal", "disaster"], default="normal",
                   help="normal=平常時（要支援者名簿の同意者のみ、既定）、disaster=災害時（範囲内の全員、--reason が必要）")
    p.add_argument("--reason", metavar="TEXT", help="出力の理由（災害時は必須。監査ログに記録）")
    p.add_argument("--min-score", type=int, metavar="N", help="世帯スコアが N 点以上の世帯だけ")
    p.add_argument("--date", metavar="DATE", help="基準日（年齢と同意の判定。既定: 今日。西暦・和暦）")
    p.add_argument("--encoding", choices=["utf-8", "cp932"], default="utf-8", help="CSV の文字コード（既定 utf-8、BOM 付き）")
    p.add_argument("--layout", metavar="FILE.toml",
                   help="列のレイアウトファイル（既定: 帳票の種類の標準。CSV・Excel には [export] の列。docs/rosters.md「名簿のレイアウト」）")
    _add_db(p)
    _add_as(p)
    p.add_argument("--out", required=True, metavar="FILE", help="書き出すファイル（.pdf、.csv、.xlsx）")
    p.add_argument("--json", action="store_true", help="結果を JSON で出力")


def _add_report_parser(sub: Any) -> None:
    """``wardapp report outreach`` (docs/outreach-report.md)."""
    p = sub.add_parser("report", help="集計の報告書")
    rsub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = rsub.add_parser("outreach", help="スマホ教室・ICTアドバイザー派遣の年度の実績（集計値のみ）を Excel・PDF に書き出す")
    r.add_argument("--fiscal-year", required=True, metavar="YYYY", help="年度（西暦の4桁、2025 = R7年度。H30・R7 なども可）")
    _add_db(r)
    r.add_argument("--as", dest="as_user", metavar="USER",
                   help="操作する利用者（既定: 環境変数 WARDAPP_USER。パスワードは WARDAPP_PASSWORD か入力）")
    r.add_argument("--unit", choices=["講座", "シリーズ", "回"], default="講座", help="取組数の単位（既定: 講座）")
    r.add_argument("--no-visits", action="store_true", help="取組数に ICTアドバイザー派遣を数えない")
    r.add_argument("--grants", action="store_true", help="取組数に助成の交付決定を数える")
    r.add_argument("--min-level", type=int, default=4, choices=range(1, 6), metavar="1-5",
                   help="理解度の基準（既定 4: 「理解できた」以上）")
    r.add_argument("--out", metavar="FILE", help="書き出すファイル（.xlsx か .pdf）")
    r.add_argument("--json", action="store_true", help="集計値を JSON で出力")


def _add_security_parsers(sub: Any) -> None:
    """``init``, ``users``, ``audit``, ``backup``, ``restore`` (docs/security.md)."""

    def common(r: argparse.ArgumentParser, *, who: bool = True) -> None:
        _add_db(r)
        if who:
            r.add_argument("--as", dest="as_user", metavar="USER",
                           help="操作する利用者（既定: 環境変数 WARDAPP_USER。パスワードは WARDAPP_PASSWORD か入力）")
        r.add_argument("--json", action="store_true", help="結果を JSON で出力")

    def password_stdin(r: argparse.ArgumentParser, whose: str) -> None:
        r.add_argument("--password-stdin", action="store_true", help=f"{whose}を標準入力の1行目から読む")

    p = sub.add_parser("init", help="初期設定: 最初の管理者を作る（--encrypt か、サイト設定の encrypt_new_store でデータベースを暗号化）")
    p.add_argument("--admin", required=True, metavar="NAME", help="管理者の利用者名")
    p.add_argument("--display-name", metavar="NAME", help="表示名（既定: 利用者名）")
    p.add_argument("--encrypt", action="store_true",
                   help="データベースを暗号化する（SQLCipher）。回復コードを1度だけ表示します")
    p.add_argument("--no-encrypt", action="store_true",
                   help="サイト設定（wardapp-site.toml の encrypt_new_store）が暗号化を求めていても暗号化しない")
    p.add_argument("--dpapi", action="store_true",
                   help="（Windows）この Windows ユーザーではパスワードなしで暗号化の鍵を開けるようにする")
    password_stdin(p, "管理者のパスワード")
    common(p, who=False)

    p = sub.add_parser("users", help="利用者の管理（管理者）")
    usub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = usub.add_parser("add", help="利用者を追加する（初回ログインでパスワードの変更を求めます）")
    r.add_argument("name", metavar="NAME")
    r.add_argument("--role", required=True, metavar="ROLE",
                   help="管理者・住基担当・防災担当・地域支援担当・閲覧（admin / registry / disaster / outreach / viewer）")
    r.add_argument("--display-name", metavar="NAME", help="表示名（既定: 利用者名）")
    password_stdin(r, "新しい利用者のパスワード")
    common(r)
    r = usub.add_parser("list", help="利用者の一覧")
    common(r)
    r = usub.add_parser("disable", help="利用者を無効にする（記録は残ります）")
    r.add_argument("name", metavar="NAME")
    common(r)
    r = usub.add_parser("enable", help="無効にした利用者を新しいパスワードで有効に戻す")
    r.add_argument("name", metavar="NAME")
    password_stdin(r, "新しいパスワード")
    common(r)
    r = usub.add_parser("passwd", help="パスワードを変更する（自分）・再設定する（管理者、ロックも解除）")
    r.add_argument("name", metavar="NAME")
    password_stdin(r, "新しいパスワード")
    common(r)
    r = usub.add_parser("role", help="利用者の役割を変える")
    r.add_argument("name", metavar="NAME")
    r.add_argument("role", metavar="ROLE", help="管理者・住基担当・防災担当・地域支援担当・閲覧")
    common(r)

    p = sub.add_parser("audit", help="監査ログ")
    asub = p.add_subparsers(dest="what", metavar="WHAT", required=True)
    r = asub.add_parser("verify", help="監査ログが書き換え・削除・入れ替えされていないか確かめる")
    common(r, who=False)
    r = asub.add_parser("export", help="監査ログを CSV に書き出す（管理者）")
    r.add_argument("--out", required=True, metavar="FILE.csv", help="書き出す CSV（UTF-8 BOM 付き）")
    r.add_argument("--since", metavar="DATE", help="この日から（西暦・和暦）")
    r.add_argument("--until", metavar="DATE", help="この日まで")
    r.add_argument("--user", metavar="USER", help="この利用者の操作だけ")
    r.add_argument("--action", metavar="ACTION", help="この操作だけ（login, print, export, view, import …）")
    r.add_argument("--object", dest="object_contains", metavar="TEXT", help="対象にこの文字を含むものだけ")
    common(r)

    p = sub.add_parser("backup", help="データベースのバックアップを作る（使用中でも一貫したもの）")
    p.add_argument("--out", metavar="FILE",
                   help="保存先のファイル（省略時: 設定のフォルダに日時付きで作り、設定の数だけ残す）")
    common(p, who=False)

    p = sub.add_parser("restore", help="バックアップから復元する（検査してから置き換え、元は .bak に残す）")
    p.add_argument("file", metavar="FILE", help="バックアップファイル")
    common(p, who=False)


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


def _run_import(args: argparse.Namespace, run: Callable[[Store, Progress, Actor], _Report],
                failure: Callable[[WardError, Store | None], dict[str, object]] = _failure_json) -> int:
    """Open the store, sign in (:func:`_actor`), run one import, print its report (or the failure
    JSON, a refusal included) — every importer alike."""
    from wardapp.store import open_store

    store: Store | None = None
    try:
        store = open_store(args.db)
        actor = _actor(args, store)
        report = run(store, _progress_printer(not args.json and sys.stderr.isatty()), actor)
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
    return _run_import(args, lambda store, progress, actor: run(
        store, Path(args.file), actor=actor, mapping=Path(args.mapping) if args.mapping else None,
        lenient=args.lenient, progress=progress))


def _cmd_import_addresses(args: argparse.Namespace) -> int:
    from wardapp.address.dictionary import import_addresses

    return _run_import(args, lambda store, progress, actor: import_addresses(
        store, [Path(f) for f in args.files], actor=actor, format=args.format, cities=args.city, progress=progress))


def _cmd_import_layer(args: argparse.Namespace) -> int:
    from wardapp.geo.layers import import_layer

    return _run_import(args, lambda store, progress, actor: import_layer(
        store, Path(args.file), kind=args.kind, actor=actor, mapping=Path(args.mapping) if args.mapping else None,
        progress=progress))


def _cmd_import_welfare(args: argparse.Namespace) -> int:
    from wardapp.welfare.importer import import_welfare

    def run(store: Store, progress: Progress, actor: Actor) -> _Report:
        return import_welfare(store, Path(args.file), actor=actor, mapping=Path(args.mapping) if args.mapping else None,
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

    return _run_import(args, lambda store, progress, actor: import_map_pack(store, Path(args.manifest), progress,
                                                                            actor=actor))


def _cmd_match(args: argparse.Namespace) -> int:
    from wardapp.address.matcher import match_households
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        report = match_households(store, actor=_actor(args, store),
                                  progress=_progress_printer(not args.json and sys.stderr.isatty()))
    finally:
        store.close()
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.summary_ja())
    return 0


def _cmd_score(args: argparse.Namespace) -> int:
    """Score the ward, write the CSV (if asked, recorded as an export), then store the run with
    its profile and 基準日 (``scores.run``, checked before the scoring starts)."""
    import datetime as dt

    from wardapp.errors import UsageError
    from wardapp.scoring import default_profile, load_profile, save_scores, score
    from wardapp.scoring.report import summary_ja, to_json, write_households_csv
    from wardapp.security import audit
    from wardapp.security.access import require
    from wardapp.store import open_store
    from wardapp.wareki import DateFormatError, parse_date

    try:
        on = parse_date(args.date) if args.date else dt.date.today()
    except DateFormatError as e:
        raise UsageError(f"--date の基準日が読めません: {e}") from None
    profile = load_profile(args.profile) if args.profile else default_profile()
    store = open_store(args.db)
    try:
        actor = require(_actor(args, store), "scores.run")
        result = score(store, profile, on, progress=_progress_printer(not args.json and sys.stderr.isatty()))
        if args.out:
            # 世帯番号 with categories (高齢・障害 …) per household: personal data leaving the store.
            out = write_households_csv(result, args.out)
            audit.record_output(store, actor, kind="export", document="援護度の世帯一覧", area="区全体",
                                mode="CSV", reason="wardapp score --out", persons=result.n_persons,
                                households=result.n_households, file=out.name)
        run_id = save_scores(store, result, actor=actor)
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
        rows = list_sessions(store, date_from=lo, date_to=hi, actor=_actor(args, store))
    finally:
        store.close()
    if args.json:
        print(json.dumps({"from": lo.isoformat() if lo else None, "to": hi.isoformat() if hi else None,
                          "count": len(rows), "sessions": [r.to_json() for r in rows]}, ensure_ascii=False))
    else:
        print(format_sessions(rows) if rows else "該当する回はありません。")
    return 0


def _cmd_attendance_sheet(args: argparse.Namespace) -> int:
    """The 受付名簿 PDF; it carries names, so it is printed as a signed-in user (:func:`_actor`) and
    written to the audit log (the footer names that user, or the OS login for the system actor)."""
    from wardapp.outreach.printing import print_sign_in_sheet
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        out = print_sign_in_sheet(store, args.session, Path(args.out), actor=_actor(args, store))
    finally:
        store.close()
    print(json.dumps({"session": args.session, "out": str(out)}, ensure_ascii=False) if args.json
          else f"受付名簿を書き出しました: {out}")
    return 0


def _cmd_roster(args: argparse.Namespace) -> int:
    """The roster of an area; who prints it is the signed-in user, or the system actor (with the
    operating-system user) while the store has no users yet (``wardapp init`` not run)."""
    from wardapp.errors import UsageError
    from wardapp.geo.selection import FloodArea, TownsArea, area_from_geojson
    from wardapp.rosters.service import RosterSource, make_roster, town_ids
    from wardapp.store import open_store
    from wardapp.wareki import DateFormatError, parse_date

    try:
        on = parse_date(args.date) if args.date else None
    except DateFormatError as e:
        raise UsageError(f"--date の基準日が読めません: {e}") from None
    area_text = None
    if args.area:
        try:
            area_text = Path(args.area).read_text(encoding="utf-8-sig")
        except OSError as e:
            raise UsageError(f"範囲のファイルを読めません: {args.area}（{e.strerror or e}）") from None
    store = open_store(args.db)
    try:
        actor = _actor(args, store)
        source: RosterSource
        if area_text is not None:
            source = area_from_geojson(area_text)
        elif args.town:
            source = TownsArea(town_ids(store, args.town))
        elif args.flood_depth is not None:
            source = FloodArea(args.flood_depth)
        else:
            source = args.selection
        result = make_roster(store, source, actor=actor, out=args.out, kind=args.kind, mode=args.mode,
                             reason=args.reason, min_score=args.min_score, on=on, group_by=args.group,
                             encoding=args.encoding, layout=args.layout,
                             progress=_progress_printer(not args.json and sys.stderr.isatty()))
    finally:
        store.close()
    print(json.dumps(result.to_json(), ensure_ascii=False) if args.json else result.summary_ja())
    return 0


def _cmd_report_outreach(args: argparse.Namespace) -> int:
    """The yearly outreach report; as the signed-in user, or the system actor while the store has
    no users yet (like ``roster``).  Figures only, so reading needs only ``figures.view``."""
    import getpass

    from wardapp.errors import UsageError
    from wardapp.outreach.yearly import ReportRules, outreach_report, parse_fiscal_year
    from wardapp.outreach.yearly_export import EXTENSIONS, export_report
    from wardapp.store import open_store

    try:
        fy = parse_fiscal_year(args.fiscal_year)
    except UsageError as e:
        raise UsageError(f"--fiscal-year: {e.message_ja}") from None
    if args.out and Path(args.out).suffix.lower() not in EXTENSIONS:
        raise UsageError(f"--out は .xlsx か .pdf のファイルにしてください（{args.out}）。")
    if not args.out and not args.json:
        raise UsageError("--out（.xlsx／.pdf）か --json を指定してください。")
    rules = ReportRules(initiative_unit=args.unit, count_visits=not args.no_visits, count_grants=args.grants,
                        min_level=args.min_level)
    store = open_store(args.db)
    try:
        actor = _actor(args, store)
        report = outreach_report(store, fy, actor=actor, rules=rules)
    finally:
        store.close()
    out = None
    if args.out:
        who = actor.os_user or getpass.getuser() if actor.is_system else actor.display_name or actor.user
        out = export_report(report, args.out, exported_by=who)
    if args.json:
        print(json.dumps(report.to_json() | ({"out": str(out)} if out else {}), ensure_ascii=False))
    else:
        print(f"{report.label}　{report.headline}")
        print(report.rules.sentence)
        if out:
            print(f"書き出しました: {out}")
    return 0


# ---------------------------------------------------------------------------------- security (issue 9)


def _db_file(args: argparse.Namespace) -> Path:
    from wardapp.errors import UsageError
    from wardapp.store.db import default_db_path

    if args.db and "://" in str(args.db):
        raise UsageError("このコマンドは SQLite のデータベースファイルだけで使えます。")
    return Path(args.db).expanduser() if args.db else default_db_path()


def _ask(prompt: str, *, secret: bool) -> str:
    import getpass

    from wardapp.errors import UsageError

    if not sys.stdin.isatty():
        raise UsageError(f"{prompt}を入力できません（端末がありません）。--password-stdin か環境変数を使ってください。")
    return getpass.getpass(f"{prompt}: ") if secret else input(f"{prompt}: ")


def _new_password(args: argparse.Namespace, what: str) -> str:
    """``--password-stdin`` (first line), else asked twice on the terminal."""
    from wardapp.errors import UsageError

    if args.password_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = _ask(what, secret=True)
    if _ask(f"{what}（確認）", secret=True) != first:
        raise UsageError("確認のパスワードが一致しません。")
    return first


def _sign_in(args: argparse.Namespace, store: Store) -> tuple[Actor, str]:
    """The user a CLI command acts as: ``--as`` / ``WARDAPP_USER`` and ``WARDAPP_PASSWORD`` or asked."""
    import os

    from wardapp.security.users import authenticate

    name = args.as_user or os.environ.get("WARDAPP_USER") or _ask("利用者名", secret=False)
    password = os.environ.get("WARDAPP_PASSWORD") or _ask(f"{name} のパスワード", secret=True)
    return authenticate(store, name, password), password


def _actor(args: argparse.Namespace, store: Store) -> Actor:
    """Who a command that reads personal data or changes the store acts as.

    A store without users yet (``wardapp init`` not run): the system actor, recorded with the
    operating-system user — as the GUI does.  Otherwise the user signs in (:func:`_sign_in`:
    ``--as`` / ``WARDAPP_USER`` and ``WARDAPP_PASSWORD``, or asked on the terminal); a wrong
    password is refused (exit 5), and the service refuses what the role may not do (exit 5, the
    message names the action and the role).
    """
    from wardapp.security.access import SYSTEM
    from wardapp.security.users import needs_setup

    return SYSTEM if needs_setup(store) else _sign_in(args, store)[0]


def _cmd_init(args: argparse.Namespace) -> int:
    """Create the store and its first administrator; encrypt it first with ``--encrypt`` or
    when the installer's site configuration says so (``--no-encrypt`` overrides it)."""
    from wardapp.errors import UsageError
    from wardapp.security import users
    from wardapp.security.firststart import initialise, is_new_store
    from wardapp.site import load_site_config

    path = _db_file(args)
    if args.encrypt and args.no_encrypt:
        raise UsageError("--encrypt と --no-encrypt は同時に指定できません。")
    # The site's policy applies to a new store only: an existing plain one is encrypted on
    # request (--encrypt), never implicitly by an installer update.
    site = load_site_config()
    encrypt = bool(args.encrypt) or (site.encrypt_new_store and not args.no_encrypt and is_new_store(path))
    name = users.clean_name(args.admin)
    password = _new_password(args, f"管理者 {name} のパスワード")
    done = initialise(path, name, password, display_name=args.display_name, encrypt=encrypt, dpapi=args.dpapi,
                      instance_lock=True, close=True)
    code, missing = done.recovery_code, done.users_without_key
    result = {"db": str(path), "admin": name, "encrypted": encrypt, "recovery_code": code,
              "users_without_key": missing}
    if args.json:
        print(json.dumps(result, ensure_ascii=False))
        return 0
    print(f"初期設定しました: {path}（管理者 {name}）")
    if code and not args.encrypt:
        print(f"サイト設定（{site.path}）の encrypt_new_store に従い、データベースを暗号化しました。")
    if code:
        print("データベースを暗号化しました。回復コード（紙に書き、金庫など安全な場所に保管してください。"
              "再表示できません。パスワードをすべて失ったとき、鍵ファイルがなくなったときに必要です）:")
        print(f"  {code}")
    if missing:
        print("次の利用者は、管理者がパスワードを再設定するまで暗号化されたデータベースを開けません: " + "、".join(missing))
    return 0


def _with_signed_in(args: argparse.Namespace, work: Callable[[Store, Actor, str], Any]) -> Any:
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        actor, password = _sign_in(args, store)
        return work(store, actor, password)
    finally:
        store.close()


def _cmd_users(args: argparse.Namespace) -> int:
    from wardapp.security import users

    def work(store: Store, actor: Actor, password: str) -> Any:
        if args.what == "add":
            new = _new_password(args, f"{args.name} のパスワード")
            return users.add_user(store, actor, args.name, args.role, new, display_name=args.display_name)
        if args.what == "list":
            return users.list_users(store, actor)
        if args.what == "disable":
            return users.disable_user(store, actor, args.name)
        if args.what == "enable":
            return users.enable_user(store, actor, args.name, _new_password(args, f"{args.name} の新しいパスワード"))
        if args.what == "role":
            return users.set_role(store, actor, args.name, args.role)
        new = _new_password(args, f"{args.name} の新しいパスワード")
        users.change_password(store, actor, args.name, new, old_password=password)
        return None

    result = _with_signed_in(args, work)
    if args.what == "list":
        if args.json:
            print(json.dumps({"users": [u.to_json() for u in result]}, ensure_ascii=False))
        else:
            for u in result:
                state = "無効" if u.disabled else ("ロック中" if u.locked() else "有効")
                last = f"{u.last_login_at:%Y-%m-%d %H:%M}" if u.last_login_at else "－"
                print(f"{u.name}\t{u.display_name}\t{u.role.name_ja}\t{state}\t最終ログイン {last}")
        return 0
    done = {"add": "追加しました", "disable": "無効にしました", "enable": "有効に戻しました",
            "role": "役割を変えました", "passwd": "パスワードを変更しました"}[args.what]
    if args.json:
        print(json.dumps({"user": args.name, "done": args.what,
                          **({"account": result.to_json()} if result is not None else {})}, ensure_ascii=False))
    else:
        print(f"利用者 {args.name} を{done}。" if args.what != "passwd" else f"{args.name} の{done}。")
    return 0


def _cmd_audit_verify(args: argparse.Namespace) -> int:
    from wardapp.security import audit
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        report = audit.verify(store)
    finally:
        store.close()
    print(json.dumps(report.to_json(), ensure_ascii=False) if args.json else report.summary_ja())
    return 0 if report.ok else 6


def _cmd_audit_export(args: argparse.Namespace) -> int:
    from wardapp.errors import UsageError
    from wardapp.security import audit
    from wardapp.wareki import DateFormatError, parse_date

    try:
        flt = audit.AuditFilter(since=parse_date(args.since) if args.since else None,
                                until=parse_date(args.until) if args.until else None,
                                user=args.user, action=args.action, object_contains=args.object_contains)
    except DateFormatError as e:
        raise UsageError(f"--since / --until の日付が読めません: {e}") from None
    n = _with_signed_in(args, lambda store, actor, _pw: audit.export_csv(store, actor, args.out, flt))
    print(json.dumps({"out": args.out, "entries": n}, ensure_ascii=False) if args.json
          else f"監査ログ {n:,}件を書き出しました: {args.out}")
    return 0


def _cmd_backup(args: argparse.Namespace) -> int:
    from wardapp.security.backup import backup, rotating_backup
    from wardapp.settings import Settings
    from wardapp.store import open_store

    store = open_store(args.db)
    try:
        if args.out:
            info = backup(store, args.out)
        else:
            prefs = Settings.load().preferences
            info = rotating_backup(store, directory=prefs.backup_dir or None, count=prefs.backup_count)
    finally:
        store.close()
    print(json.dumps(info.to_json(), ensure_ascii=False) if args.json else info.summary_ja())
    return 0


def _cmd_restore(args: argparse.Namespace) -> int:
    """Restore; an encrypted backup opens with the store's key, else its key file and a user's
    password, else the recovery code (``WARDAPP_RECOVERY_CODE`` or asked)."""
    import os

    from wardapp.security import encryption
    from wardapp.security.backup import restore

    path, source = _db_file(args), Path(args.file)
    key: bytes | None = None
    if encryption.looks_encrypted(source):
        code = os.environ.get("WARDAPP_RECOVERY_CODE")
        if code:
            key = encryption.key_from_recovery_code(code)
        elif encryption.is_encrypted(path):
            key = encryption.key_for(path)
        elif encryption.keyfile_path(source).is_file():
            name = os.environ.get("WARDAPP_USER") or _ask("利用者名", secret=False)
            password = os.environ.get("WARDAPP_PASSWORD") or _ask(f"{name} のパスワード", secret=True)
            key = encryption.unlock(path, user=name, password=password, keyfile=encryption.keyfile_path(source))
        else:
            key = encryption.key_from_recovery_code(_ask("回復コード", secret=True))
    info = restore(path, source, key=key)
    print(json.dumps(info.to_json(), ensure_ascii=False) if args.json else info.summary_ja())
    return 0


def _run_unlocking(handler: Callable[[argparse.Namespace], int], args: argparse.Namespace) -> int:
    """Run a command; when its store is encrypted and no key opens it without asking, ask a
    user's name and password on the terminal once, unlock the key and run it again."""
    from wardapp.errors import KeyRequired

    try:
        return handler(args)
    except KeyRequired:
        if not sys.stdin.isatty() or not hasattr(args, "db"):
            raise
        from wardapp.security import encryption

        path = _db_file(args)
        if not encryption.keyfile_path(path).is_file():
            raise
        name = _ask("利用者名", secret=False)
        encryption.remember_key(path, encryption.unlock(path, user=name, password=_ask("パスワード", secret=True)))
        return handler(args)


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
        "roster": _cmd_roster,
        "report": lambda a: {"outreach": _cmd_report_outreach}[a.what](a),
        "import": lambda a: {"registry": _cmd_import_registry, "addresses": _cmd_import_addresses,
                             "layer": _cmd_import_layer, "welfare": _cmd_import_welfare,
                             "pack": _cmd_import_pack}[a.what](a),
        "init": _cmd_init,
        "users": _cmd_users,
        "audit": lambda a: {"verify": _cmd_audit_verify, "export": _cmd_audit_export}[a.what](a),
        "backup": _cmd_backup,
        "restore": _cmd_restore,
    }
    if args.command is None:
        args.db = None
    try:
        return int(_run_unlocking(handlers[args.command], args))
    except WardError as e:
        print(f"エラー: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        print("中断しました。", file=sys.stderr)
        return 130
