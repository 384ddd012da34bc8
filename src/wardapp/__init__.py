"""wardapp — 区役所の被災者支援とデジタルデバイド対策のためのオフライン・デスクトップアプリ.

The package is a headless core (everything outside ``wardapp.ui``) plus a thin PySide6
shell in ``wardapp.ui``.  The core never imports Qt; ``tests/test_layering.py`` enforces it.
"""

__version__ = "0.1.0"
