"""The first start of a store: create the administrator and, by the site's policy, encrypt it.

One core function for ``wardapp init`` (:mod:`wardapp.cli`) and the GUI's first-start dialog
(:mod:`wardapp.ui.login`): :func:`initialise`.  With ``encrypt`` the store is encrypted *before*
the administrator (or anything else) is written to it, while it holds only the empty schema, so
the store never exists unencrypted with personal data in it (SQLCipher's export leaves the old
plain blocks on the disk: only an empty store can be encrypted without that risk).

The recovery code is returned once and never stored: the caller shows it (the CLI prints it, the
GUI shows a dialog that asks the administrator to write it down or print
:func:`write_recovery_sheet`).
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass, field
from pathlib import Path

from wardapp.errors import StoreError, UsageError
from wardapp.security import audit, encryption, users
from wardapp.security.access import Actor
from wardapp.store.db import Store


@dataclass
class Initialised:
    """What :func:`initialise` did.  ``store`` is open (the caller closes it) unless ``close``."""

    path: Path
    admin: str
    actor: Actor
    store: Store | None
    encrypted: bool
    recovery_code: str | None = None
    key_id: str = ""
    dpapi: bool = False
    users_without_key: list[str] = field(default_factory=list)


def default_dpapi() -> bool:
    """A DPAPI slot for a store encrypted at the first start: on Windows, yes."""
    return sys.platform == "win32"


def check_admin(admin: str, password: str) -> str:
    """The cleaned administrator name, or WardError for a name or password the core refuses."""
    name = users.clean_name(admin)
    users.check_password(password, name)
    return name


def is_new_store(path: Path) -> bool:
    """No store yet at ``path``, or one without users (only the empty schema: a cancelled
    first start).  The site's ``encrypt_new_store`` applies to these only."""
    from wardapp.store import open_store

    if not path.is_file() or path.stat().st_size == 0:
        return True
    if encryption.is_encrypted(path) or encryption.looks_encrypted(path):
        return False
    store = open_store(path, instance_lock=True)
    try:
        return users.needs_setup(store)
    finally:
        store.close()


def initialise(path: Path, admin: str, password: str, *, display_name: str | None = None,
               encrypt: bool = False, dpapi: bool = False, store: Store | None = None,
               instance_lock: bool = True, close: bool = False) -> Initialised:
    """Create the store's first administrator; with ``encrypt`` encrypt the store first.

    ``store``: the store already open on ``path`` (the GUI's first start); it is closed and
    opened again with the key when encrypting, so use the returned :attr:`Initialised.store`.
    An already set-up store can be encrypted by its administrator (name and password checked);
    anything else already set up is refused.  Raises WardError with the reason.
    """
    from wardapp.store import open_store

    # Everything that can be refused is checked before the store is touched: a refusal after
    # encrypting would leave a key file for an administrator who does not exist.
    name = check_admin(admin, password)
    if dpapi and not encrypt:
        raise UsageError("--dpapi は --encrypt と一緒に指定してください（鍵を Windows の資格情報で保護します）。")
    code: str | None = None
    data_key: bytes | None = None
    given = store
    if encrypt:
        if encryption.is_encrypted(path):
            raise UsageError(f"既に暗号化されています（鍵ファイル {encryption.keyfile_path(path)}）。")
        if store is not None:
            if encryption._store_path(store).resolve() != Path(path).resolve():
                raise UsageError(f"開いているデータベースが {path} ではありません。")
            store.close()
            store = None
        data_key = encryption.new_data_key()
        if path.is_file() and path.stat().st_size:
            plain = open_store(path, instance_lock=instance_lock)
            try:
                if not users.needs_setup(plain) and not users.authenticate(plain, name, password).can("users.manage"):
                    raise UsageError(f"{name} は管理者ではありません。暗号化は管理者が行います。")
            finally:
                plain.close()
        # The key file first (a DPAPI failure stops here, nothing changed), then the data: an
        # encrypted file must never exist without the key file that opens it.
        try:
            keyfile = encryption.create_keyfile(path, data_key, user=name, password=password, dpapi=dpapi)
        except OSError as e:  # DPAPI refused (a roaming or damaged Windows profile)
            raise StoreError("Windows の資格情報（DPAPI）で鍵を保護できません。データベースは変更していません。",
                             detail=str(e)) from e
        if path.is_file() and path.stat().st_size:
            try:
                encryption.encrypt_file(path, data_key)
            except BaseException:
                keyfile.unlink(missing_ok=True)  # encrypt_file left the plain file as it was
                raise
        code = encryption.recovery_code(data_key)
        encryption.remember_key(path, data_key)
        store = open_store(path, key=data_key, instance_lock=instance_lock)
    elif store is None:
        store = open_store(path, instance_lock=instance_lock)
    try:
        if users.needs_setup(store):
            actor = users.create_admin(store, name, password, display_name=display_name)
        elif encrypt:
            actor = users.authenticate(store, name, password)
        else:
            raise UsageError("初期設定は済んでいます（管理者がいます）。利用者の追加は wardapp users add です。")
        missing: list[str] = []
        if encrypt:
            audit.record(store, actor, "store.encrypt", path.name, details={"dpapi": bool(dpapi)})
            if actor.can("users.manage"):
                missing = [u.name for u in users.list_users(store, actor) if not u.disabled and u.name != name]
    except BaseException:
        if store is not given:  # the caller's own store stays open for another try
            store.close()
        raise
    result = Initialised(path=path, admin=name, actor=actor, store=store, encrypted=encrypt, recovery_code=code,
                         key_id=encryption.key_id(data_key) if data_key else "", dpapi=bool(dpapi and encrypt),
                         users_without_key=missing)
    if close:
        store.close()
        result.store = None
    return result


def write_recovery_sheet(out: Path, code: str, *, db_path: Path, key_id: str, admin: str,
                         when: dt.datetime | None = None) -> Path:
    """A one-page A4 PDF with the recovery code, marked 取扱注意, to print and keep in the safe.

    Writing it to a file is a risk of its own (the code opens the data): the dialog says to
    print it and delete the file.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from wardapp.reports.fonts import japanese_font

    font = japanese_font()
    when = when or dt.datetime.now()
    width, height = A4
    c = Canvas(str(out), pagesize=A4)
    c.setTitle("wardapp 回復コード")
    c.setFont(font.bold_name, 14)
    c.setFillColorRGB(0.7, 0, 0.1)
    c.drawRightString(width - 20 * mm, height - 20 * mm, "取扱注意")
    c.setFillColorRGB(0, 0, 0)
    c.setFont(font.bold_name, 20)
    c.drawString(20 * mm, height - 40 * mm, "wardapp データベースの回復コード")
    c.setFont(font.name, 11)
    y = height - 55 * mm
    for label, value in (("データベース", str(db_path)), ("鍵の識別子", key_id), ("作成した管理者", admin),
                         ("作成日時", when.strftime("%Y年%m月%d日 %H:%M"))):
        c.drawString(20 * mm, y, f"{label}：{value}")
        y -= 7 * mm
    groups = code.split("-")
    lines = ["-".join(groups[i:i + 5]) for i in range(0, len(groups), 5)]
    y -= 12 * mm
    box_h = (len(lines) * 11 + 10) * mm
    c.rect(18 * mm, y - box_h + 10 * mm, width - 36 * mm, box_h)
    c.setFont("Courier-Bold", 18)
    for line in lines:
        c.drawString(26 * mm, y, line)
        y -= 11 * mm
    y -= 14 * mm
    c.setFont(font.name, 11)
    for text in (
        "この回復コードは、暗号化されたデータベース（とそのバックアップ）を開く最後の手段です。",
        "全員のパスワードを失ったとき、鍵ファイル（wardapp.sqlite3.key）を失ったときに使います。",
        "再表示はできません。印刷したこの紙を封筒に入れ、金庫など施錠できる場所に保管してください。",
        "この紙を持つ人はデータベースのすべての個人情報を読めます。コピーを作らないでください。",
        "PDF ファイルは印刷したらすぐに削除してください（ごみ箱からも）。",
        "使い方：環境変数 WARDAPP_RECOVERY_CODE に入れて起動します（docs/security.md）。",
    ):
        c.drawString(20 * mm, y, text)
        y -= 7 * mm
    y -= 10 * mm
    for label in ("保管場所", "保管者", "確認者・日付"):  # filled in by hand
        c.drawString(20 * mm, y, f"{label}：")
        c.line(50 * mm, y - 1 * mm, width - 20 * mm, y - 1 * mm)
        y -= 12 * mm
    c.showPage()
    c.save()
    return out
