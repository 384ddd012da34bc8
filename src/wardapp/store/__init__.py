"""The store: SQLAlchemy 2.0 typed models, the engine, and Alembic migrations."""

from wardapp.store.db import Store, default_db_path, open_store
from wardapp.store.models import (
    AddressPoint,
    Base,
    Facility,
    Household,
    ImportRun,
    Person,
    Town,
    WelfareAttribute,
)

__all__ = [
    "AddressPoint",
    "Base",
    "Facility",
    "Household",
    "ImportRun",
    "Person",
    "Store",
    "Town",
    "WelfareAttribute",
    "default_db_path",
    "open_store",
]
