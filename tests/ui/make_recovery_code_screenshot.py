"""Screenshot of the recovery-code dialog after an encrypted first start:
``python make_recovery_code_screenshot.py DIR`` writes ``recovery-code.png`` (docs/screenshots).

Runs the real first start (site configuration ``encrypt_new_store = true``) on a new store in a
temporary folder, removed afterwards; the code shown is that throw-away store's.  Run by hand,
not by pytest.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shot_tools import screenshot_args  # noqa: E402


def main() -> int:
    args = screenshot_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    from make_admin_screenshots import _save

    from wardapp.settings import Settings
    from wardapp.site import SiteConfig
    from wardapp.ui.app import Startup, create_application
    from wardapp.ui.login import FirstStartDialog

    app = create_application(["shots"])
    with tempfile.TemporaryDirectory() as tmp:
        startup = Startup(Path(tmp) / "ward.sqlite3", settings=Settings.load(Path(tmp) / "config"),
                          auto_backup=False, site=SiteConfig(encrypt_new_store=True))
        startup.start()
        d = startup.dialog
        assert isinstance(d, FirstStartDialog)
        d.adjustSize()
        app.processEvents()
        _save(d, out / "first-start-encrypted.png")
        d.name_edit.setText("kanri")
        d.display_edit.setText("管理 花子")
        d.password_edit.setText("kanri-pass-1")
        d.repeat_edit.setText("kanri-pass-1")
        assert d.submit()
        r = d.recovery_dialog
        assert r is not None
        r.adjustSize()
        for _ in range(5):
            app.processEvents()
        _save(r, out / "recovery-code.png")
        r.confirm_box.setChecked(True)
        r.accept()
        if startup.window is not None:
            startup.window.close()
        app.processEvents()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
