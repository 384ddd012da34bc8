"""The PySide6 shell: pages, widgets, Qt models, background operations.

The only package that may import Qt.  Widgets stay thin: each user action is one call into a
core service run through :mod:`wardapp.ui.tasks`.
"""
