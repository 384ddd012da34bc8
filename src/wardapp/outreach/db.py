"""Services take either an open :class:`Store` or an ORM ``Session`` the caller already holds.

With a Store, a write opens its own transaction: the change commits as a whole or not at all.
With a Session, the caller owns the transaction (the demo builds a year of classes in one), and
the service only flushes.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from sqlalchemy.orm import Session

from wardapp.store.db import Store

Db = Store | Session


@contextlib.contextmanager
def writing(db: Db) -> Iterator[Session]:
    """A session to write in: the caller's, or a new transaction on the store."""
    if isinstance(db, Session):
        yield db
        db.flush()
    else:
        with db.transaction() as s:
            yield s


@contextlib.contextmanager
def reading(db: Db) -> Iterator[Session]:
    if isinstance(db, Session):
        yield db
    else:
        with db.session() as s:
            yield s
