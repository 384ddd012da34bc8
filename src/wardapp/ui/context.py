"""What every page is given: the store, the background-work manager, the settings.

Passed explicitly to each page instead of a global main-window object that everything reaches
into (Anki's ``mw``), so that a page can be built in a test with a store of its own.
"""

from __future__ import annotations

from dataclasses import dataclass

from wardapp.settings import Settings
from wardapp.store.db import Store
from wardapp.ui.tasks import TaskManager


@dataclass
class AppContext:
    store: Store
    tasks: TaskManager
    settings: Settings
    #: True when the store is the generated 架空 demo ward (banner and title say so).
    demo: bool = False
