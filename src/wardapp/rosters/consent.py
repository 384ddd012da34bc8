"""Who may be on a printed roster: 平常時 (consent only) or 災害時 (everyone in the area).

The legal basis is 災害対策基本法 (Disaster Countermeasures Basic Act):

* **第49条の10** — the 市町村長 keeps the 避難行動要支援者名簿 (the people who cannot evacuate
  by themselves).  In this app it is the welfare attribute 種別 ``要支援者名簿`` with 区分
  同意 / 不同意 / 未回答 (:data:`wardapp.welfare.columns.ROSTER`), imported from the ward's
  要支援者管理システム and valid on the 基準日.
* **第49条の11 第2項** — *in normal times* the 名簿情報 is given to the 避難支援等関係者
  (消防, 警察, 民生委員, 社会福祉協議会, 自主防災組織 …) only for the persons who **consented**
  (unless a municipal 条例 provides otherwise).  :data:`Mode.NORMAL` therefore prints only
  persons registered in the 要支援者名簿 with 同意 on the 基準日 — never a non-consenting
  household member, never a resident who is not on the 名簿 — and says how many people in the
  area were left out and why (不同意, 未回答, 名簿に未登録).
* **第49条の11 第3項** — *when a disaster has struck or threatens*, and it is specially needed to
  protect life and body, the 名簿情報 may be given **without consent**.  :data:`Mode.DISASTER`
  prints everyone in the area (the whole household: a field team must know who lives there),
  but only with a **reason**, which the service records in the audit log together with the
  document, the user, the time and the counts.
* **第49条の12 / 第49条の13** — the ward asks the recipients to prevent leaks, and they are
  bound to secrecy; every page carries 取扱注意（個人情報） and who printed it.

A household is printed with only the members who may be printed; a household none of whose
members may be printed is left out, but its number (from the :class:`~wardapp.geo.selection.Selection`)
is never reused, so the numbers on the paper still match the map.  The 世帯スコア printed is the
household's stored score (the order of the list and the map), not a sum over the printed members.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final, cast

from sqlalchemy import Connection, Table, select

from wardapp.errors import UsageError
from wardapp.store.db import Store
from wardapp.store.models import WelfareAttribute
from wardapp.welfare.columns import ROSTER
from wardapp.welfare.query import active_clause

#: 要支援者名簿 区分 values (wardapp.welfare.columns.GRADES[ROSTER]) and the one for "not on it".
CONSENTED: Final = "同意"
REFUSED: Final = "不同意"
UNANSWERED: Final = "未回答"
NOT_REGISTERED: Final = "名簿に未登録"
#: Why a person in the area is not on the paper.
BELOW_MIN_SCORE: Final = "世帯スコアが基準未満"
#: Reasons in the order a summary lists them.
REASON_ORDER: Final = (REFUSED, UNANSWERED, NOT_REGISTERED, BELOW_MIN_SCORE)
#: The longest reason kept (the audit log and the document print it whole).
MAX_REASON: Final = 500


class Mode(enum.StrEnum):
    """平常時 (``normal``) or 災害時 (``disaster``): see the module docstring."""

    NORMAL = "normal"
    DISASTER = "disaster"

    @property
    def label_ja(self) -> str:
        return MODE_LABELS[self]

    @property
    def short_ja(self) -> str:
        return "平常時" if self is Mode.NORMAL else "災害時"


MODE_LABELS: Final[dict[Mode, str]] = {
    Mode.NORMAL: "平常時（要支援者名簿の同意者のみ）",
    Mode.DISASTER: "災害時（同意の有無を問わず範囲内の全員）",
}

#: What the document says about the legal basis of what it shows.
LEGAL_BASIS: Final[dict[Mode, str]] = {
    Mode.NORMAL: ("災害対策基本法第49条の11第2項により、避難行動要支援者名簿に登録され、名簿情報の提供に"
                  "同意した方だけを載せています。"),
    Mode.DISASTER: ("災害対策基本法第49条の11第3項により、災害時に生命・身体の保護のため特に必要があるとして、"
                    "同意の有無を問わず範囲内の全員を載せています。"),
}
SECRECY: Final = ("名簿情報の提供を受けた方には秘密を守る義務があります（災害対策基本法第49条の13）。"
                  "複製・目的外の利用をせず、使い終わったら返却または廃棄してください。")


def parse_mode(mode: Mode | str) -> Mode:
    try:
        return Mode(str(mode).strip().lower())
    except ValueError:
        raise UsageError(f"印刷の区分は normal（平常時）か disaster（災害時）で指定してください（受け取った値: {mode}）。"
                         ) from None


def check_reason(mode: Mode, reason: str | None) -> str | None:
    """The reason, cleaned; disaster mode refuses to go on without one (第49条の11第3項)."""
    text = " ".join((reason or "").split())
    if mode is Mode.DISASTER and not text:
        raise UsageError("災害時の名簿（同意のない方も含む）を出力するには理由が必要です。"
                         "理由は監査ログに記録されます（例: 「台風10号 避難指示 発令中の安否確認」）。")
    if len(text) > MAX_REASON:
        raise UsageError(f"理由は{MAX_REASON}文字以内にしてください（{len(text)}文字）。")
    return text or None


def roster_statuses(source: Store | Connection, person_nos: Iterable[str], on: dt.date) -> dict[str, str]:
    """要支援者名簿 区分 (同意 / 不同意 / 未回答) on ``on`` for the given 宛名番号.

    Persons without a valid entry are absent from the result (:data:`NOT_REGISTERED`).  When a
    person has several valid entries the one that started last wins (a later answer replaces an
    earlier one).  Only the asked persons are read, in chunks.
    """
    wanted = list(dict.fromkeys(str(p) for p in person_nos))
    w = cast(Table, WelfareAttribute.__table__)
    out: dict[str, tuple[str, str]] = {}

    def read(conn: Connection) -> None:
        for i in range(0, len(wanted), 2000):
            chunk = wanted[i:i + 2000]
            rows = conn.execute(select(w.c.person_no, w.c.grade, w.c.valid_from, w.c.id)
                                .where(w.c.kind == ROSTER, w.c.person_no.in_(chunk), active_clause(w, on))).all()
            for pno, grade, start, rid in rows:
                key = f"{start.isoformat() if start else '0000-00-00'}:{int(rid):012d}"
                prev = out.get(str(pno))
                if prev is None or key > prev[0]:
                    out[str(pno)] = (key, str(grade or UNANSWERED))

    if isinstance(source, Store):
        with source.engine.connect() as conn:
            read(conn)
    else:
        read(source)
    return {k: v[1] for k, v in out.items()}


def status_of(statuses: Mapping[str, str], person_no: str) -> str:
    return statuses.get(person_no, NOT_REGISTERED)


def may_print(mode: Mode, status: str) -> bool:
    """Whether a person with this 名簿 status may be on paper in ``mode``."""
    return mode is Mode.DISASTER or status == CONSENTED


@dataclass(frozen=True)
class LeftOut:
    """Who in the area is not on the paper, and why (the document and the audit log say it)."""

    #: Persons not printed, per reason (:data:`REASON_ORDER`).
    persons_by_reason: Mapping[str, int] = field(default_factory=dict)
    #: Households of which nobody is printed.
    households: int = 0
    #: Households printed with only some of their members (平常時).
    partial_households: int = 0

    @property
    def persons(self) -> int:
        return sum(self.persons_by_reason.values())

    def summary_ja(self) -> str:
        if not self.persons:
            return "範囲内の方は全員載っています。"
        parts = [f"{r} {self.persons_by_reason[r]:,}人" for r in REASON_ORDER if self.persons_by_reason.get(r)]
        text = f"範囲内の{self.persons:,}人（うち{self.households:,}世帯は世帯全員）は載っていません（{'、'.join(parts)}）。"
        if self.partial_households:
            text += f"{self.partial_households:,}世帯は、載せてよい方だけを載せています。"
        return text

    def to_json(self) -> dict[str, object]:
        return {"persons": self.persons, "households": self.households,
                "partial_households": self.partial_households,
                "by_reason": {r: int(self.persons_by_reason[r]) for r in REASON_ORDER if self.persons_by_reason.get(r)}}
