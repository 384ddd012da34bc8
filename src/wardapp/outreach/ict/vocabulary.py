"""The fixed words of ICTアドバイザー visits and 助成 (issue 8)."""

from __future__ import annotations

from typing import Final

GROUP_KINDS: Final = ("自治会町内会", "老人クラブ", "地区社協", "NPO", "子育てサークル", "その他")

#: Visit status.  受付 → 調整中 → 確定 → 実施済; 取消 (with a reason) from any open status.
RECEIVED: Final = "受付"
ARRANGING: Final = "調整中"
CONFIRMED: Final = "確定"
DONE: Final = "実施済"
CANCELLED: Final = "取消"
VISIT_STATUSES: Final = (RECEIVED, ARRANGING, CONFIRMED, DONE, CANCELLED)
#: Allowed moves (取消 needs a reason; 確定 → 調整中 when the date must be arranged again).
TRANSITIONS: Final = {
    RECEIVED: (ARRANGING, CANCELLED),
    ARRANGING: (CONFIRMED, CANCELLED),
    CONFIRMED: (DONE, ARRANGING, CANCELLED),
    DONE: (),
    CANCELLED: (),
}

#: How a visit is held.  There is no column for it: an online visit is one whose place is the
#: word :data:`ONLINE` (and no facility) — it then takes no venue, so it never clashes on one.
IN_PERSON: Final = "対面"
ONLINE: Final = "オンライン"
DELIVERIES: Final = (IN_PERSON, ONLINE)


def is_online_visit(facility_id: int | None, venue: str | None) -> bool:
    """Whether a visit with this place is held online (the one rule; the report, calendar and reach
    read the visits table directly and ask here)."""
    return facility_id is None and venue == ONLINE

#: Topics the ward's advisers usually cover (the dialogs offer them; any other text is allowed).
TOPICS: Final = ("ウェブ会議の導入", "Wi-Fi設定", "LINE連絡網", "端末設定", "詐欺対策",
                 "マイナンバーカード・マイナポータル", "キャッシュレス決済", "SNSでの情報発信", "表計算・名簿管理")

PURPOSES: Final = ("ICT機器整備", "活用講座")
APPLIED: Final = "申請中"
GRANTED: Final = "交付決定"
REFUSED: Final = "不交付"
WITHDRAWN: Final = "取下げ"
GRANT_STATUSES: Final = (APPLIED, GRANTED, REFUSED, WITHDRAWN)

WEEKDAYS: Final = "月火水木金土日"
