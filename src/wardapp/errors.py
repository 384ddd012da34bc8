"""The one error hierarchy of the core.

Every error a user can cause carries a Japanese message (``message_ja``) that the GUI shows in
its single error dialog and the CLI prints before exiting non-zero.  Programming errors are not
wrapped: they should surface as tracebacks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


class WardError(Exception):
    """Base class of every expected, user-facing error."""

    #: CLI exit status for this kind of error.
    exit_code = 1

    def __init__(self, message_ja: str, *, detail: str | None = None) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja
        self.detail = detail

    def __str__(self) -> str:
        return self.message_ja if not self.detail else f"{self.message_ja}\n{self.detail}"


class UsageError(WardError):
    """Wrong arguments or settings (CLI exit 2)."""

    exit_code = 2


class Cancelled(WardError):
    """The user cancelled a long operation; nothing was written."""

    exit_code = 130

    def __init__(self) -> None:
        super().__init__("処理は取り消されました。データベースは変更されていません。")


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One problem in an input file: where it is and what is wrong.

    ``line`` is the 1-based physical line of the file (the header is line 1), so staff can
    open the file in an editor and go straight to it.  ``column`` is the canonical column name.
    """

    line: int | None
    column: str | None
    value: str | None
    message: str

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "column": self.column, "value": self.value, "message": self.message}

    def describe(self, file: str | None = None) -> str:
        where = []
        if file:
            where.append(file)
        if self.line is not None:
            where.append(f"{self.line}行目")
        if self.column:
            where.append(f"列「{self.column}」")
        val = f" 値「{self.value}」" if self.value not in (None, "") else ""
        return f"{' '.join(where)}:{val} {self.message}".strip()


class InputRejected(WardError):
    """An input file was refused as a whole; the store is unchanged (CLI exit 3)."""

    exit_code = 3

    def __init__(self, file: str, problems: list[InputProblem], message_ja: str | None = None) -> None:
        self.file = file
        self.problems = problems
        head = message_ja or f"{file} を取り込めませんでした（{len(problems)}件の問題）。データベースは変更されていません。"
        shown = "\n".join(p.describe(file) for p in problems[:20])
        more = f"\n…ほか{len(problems) - 20}件" if len(problems) > 20 else ""
        super().__init__(head, detail=shown + more)


class ConfigError(WardError):
    """A configuration file (mapping profile, scoring profile, map-pack manifest) is wrong."""

    exit_code = 3

    def __init__(self, file: str, message_ja: str) -> None:
        self.file = file
        super().__init__(f"{file}: {message_ja}")


class StoreError(WardError):
    """The database cannot be opened or upgraded."""

    exit_code = 4


class StoreLocked(StoreError):
    """Another running copy of the app holds the store (see ``wardapp.security.lock``)."""


class KeyRequired(StoreError):
    """The store is encrypted and no key was given or could be unlocked (``wardapp.security.encryption``)."""


class PermissionDenied(WardError):
    """The signed-in user's role may not do this (``wardapp.security.access.require``); nothing was done.

    ``permission`` is the key of the refused permission (``roster.print`` …), ``user`` and
    ``role`` say who asked, so that the GUI can name them and the audit log can record them.
    """

    exit_code = 5

    def __init__(self, message_ja: str, *, permission: str, user: str | None, role: str | None) -> None:
        super().__init__(message_ja)
        self.permission = permission
        self.user = user
        self.role = role


class LoginFailed(WardError):
    """Wrong user name or password, a disabled or a locked account (``wardapp.security.users``)."""

    exit_code = 5


class ConflictError(WardError):
    """A change was refused because it clashes with what is stored (a venue or instructor
    booked twice at once, a capacity below the enrolment, a duplicate participant).

    ``conflicts`` lists every clash found, each a complete Japanese sentence, so that the GUI can
    show them all at once; the message names the first ones.  Nothing was written.
    """

    def __init__(self, conflicts: list[str], message_ja: str | None = None) -> None:
        self.conflicts = list(conflicts)
        head = message_ja or (self.conflicts[0] if len(self.conflicts) == 1
                              else f"{len(self.conflicts)}件の競合があるため変更できません。")
        detail = None if message_ja is None and len(self.conflicts) == 1 else "\n".join(self.conflicts[:20])
        super().__init__(head, detail=detail)


@dataclass
class ProblemList:
    """Collects problems while validating a whole file, so that every error is reported."""

    problems: list[InputProblem] = field(default_factory=list)

    def add(self, line: int | None, column: str | None, value: object, message: str) -> None:
        self.problems.append(
            InputProblem(line, column, None if value is None else str(value), message)
        )

    def __len__(self) -> int:
        return len(self.problems)
