"""Users, roles, the audit log, encryption at rest, backups and the instance lock (issue 9).

Headless: the GUI's sign-in and lock screens and the audit page call these modules; the CLI's
``wardapp users|audit|backup|restore|init`` do the same.  See docs/security.md.

* :mod:`~wardapp.security.roles` — the permission matrix (data);
* :mod:`~wardapp.security.access` — :class:`Actor`, :func:`require`, :func:`requires`, :data:`SYSTEM`;
* :mod:`~wardapp.security.users` — accounts, argon2 passwords, lockout, :func:`authenticate`;
* :mod:`~wardapp.security.session` — a signed-in session with its idle lock;
* :mod:`~wardapp.security.audit` — the hash-chained audit log: :func:`record`, :func:`verify`;
* :mod:`~wardapp.security.backup` — snapshots, rotation, restore;
* :mod:`~wardapp.security.encryption` — SQLCipher and the key file;
* :mod:`~wardapp.security.lock` — one running app per store.
"""

from wardapp.security.access import SYSTEM, Actor, permitted, require, requires
from wardapp.security.roles import PERMISSIONS, Role

__all__ = ["PERMISSIONS", "SYSTEM", "Actor", "Role", "permitted", "require", "requires"]
