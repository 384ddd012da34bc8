"""Screenshots of the sign-in (demo role chooser) and the 管理 page: ``python make_admin_screenshots.py DIR``.

Writes ``login.png`` and ``admin.png`` (docs/screenshots) from the small sample ward with the
demo accounts, in a temporary folder that is removed afterwards.  Run by hand, not by pytest.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shot_tools import screenshot_args  # noqa: E402


def _save(widget: object, path: Path) -> None:
    """Save a grab, as a 256-colour PNG when Pillow is there (the docs' screenshots stay < 200 KB)."""
    widget.grab().save(str(path))  # type: ignore[attr-defined]
    try:
        from PIL import Image
    except ImportError:
        return
    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main() -> int:
    args = screenshot_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    from PySide6.QtWidgets import QApplication

    from sample_ward import build_sample_ward
    from wardapp.demo.accounts import DEMO_PASSWORD, ensure_demo_accounts
    from wardapp.security import users
    from wardapp.settings import Settings
    from wardapp.store import open_store
    from wardapp.ui.app import Startup, create_application

    app = create_application(["shots"])
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "ward.sqlite3"
        build_sample_ward(db).close()
        store = open_store(db)
        ensure_demo_accounts(store)
        for name, pw in (("demo-bousai", DEMO_PASSWORD), ("demo-juki", "wrong-password"), ("demo-juki", DEMO_PASSWORD)):
            try:
                users.logout(store, users.authenticate(store, name, pw))
            except Exception:  # noqa: BLE001 — the failed sign-in is part of the picture
                pass
        store.close()
        settings = Settings.load(Path(tmp) / "config")
        startup = Startup(db, demo=True, settings=settings, auto_backup=False)
        startup.start()
        dialog = startup.dialog
        assert dialog is not None
        dialog.adjustSize()
        for _ in range(5):
            app.processEvents()
        _save(dialog, out / "login.png")

        from wardapp.security.roles import Role

        dialog.open_demo(Role.ADMIN)  # type: ignore[union-attr]
        window = startup.window
        assert window is not None
        window.resize(1280, 760)
        page = next(p for p in window.pages if p.key == "settings")
        window.show_page(window.pages.index(page))
        page.tabs.setCurrentIndex(1)  # type: ignore[attr-defined]
        while window.ctx.tasks.busy:
            app.processEvents()
        page.verify()  # type: ignore[attr-defined]
        while window.ctx.tasks.busy:
            app.processEvents()
        for _ in range(10):
            app.processEvents()
        page.audit_view.resizeColumnsToContents()  # type: ignore[attr-defined]
        _save(window, out / "admin.png")
        window.close()
        while QApplication.topLevelWidgets() and window.ctx.tasks.busy:
            app.processEvents()
    print(f"written: {out / 'login.png'}, {out / 'admin.png'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
