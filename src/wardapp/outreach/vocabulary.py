"""The fixed words of スマホ教室: statuses, channels, devices, needs — one place, used everywhere.

These are the terms ward staff write on sign-up sheets and in their yearly reports (domain.md,
「Outreach — what is counted」).  The curriculum topics are *not* fixed: they are the ward's
editable list (:func:`wardapp.outreach.courses.topics`), starting from :data:`DEFAULT_TOPICS`.
"""

from __future__ import annotations

from typing import Final

#: 回 status.  予定 → 確定 → 実施済; 中止 (with a reason) from 予定 or 確定.
PLANNED: Final = "予定"
CONFIRMED: Final = "確定"
HELD: Final = "実施済"
CANCELLED: Final = "中止"
SESSION_STATUSES: Final = (PLANNED, CONFIRMED, HELD, CANCELLED)
#: Sessions still open for sign-up, edits and waiting-list promotion.
OPEN_STATUSES: Final = (PLANNED, CONFIRMED)

#: 申込 status.
ENROLLED: Final = "申込"
WAITING: Final = "キャンセル待ち"
WITHDRAWN: Final = "取消"
ENROLMENT_STATUSES: Final = (ENROLLED, WAITING, WITHDRAWN)

#: How the sign-up reached the office; 当日 is a walk-in added at check-in.
CHANNELS: Final = ("電話", "窓口", "はがき", "FAX", "オンライン", "代理", "当日")
WALK_IN: Final = "当日"

#: Attendance on the day.
PRESENT: Final = "出席"
ABSENT: Final = "欠席"

DELIVERIES: Final = ("対面", "オンライン", "ハイブリッド")
ONLINE: Final = "オンライン"
DEVICES: Final = ("持っていない", "ガラケー", "Android", "iPhone", "タブレット")
NEEDS: Final = ("大きな文字", "補聴", "車いす", "付き添い")
PARTNER_KINDS: Final = ("民間事業者", "NPO", "地域団体")
FUNDINGS: Final = ("区予算", "市補助", "国の制度")
LEVELS: Final = ("入門", "初級", "中級")

DEFAULT_TOPICS: Final = (
    "基本操作", "電話・カメラ", "LINE", "地図", "マイナンバーカード・マイナポータル", "オンライン申請",
    "防災アプリ・防災情報", "詐欺対策", "キャッシュレス決済", "インターネット検索",
)

#: 年代 bands (used when a participant gives no birth date, and for reports).
AGE_BANDS: Final = ("50代以下", "60代", "70代", "80代", "90歳以上")

#: Call-list reasons.
CALL_PROMOTED: Final = "繰り上げ"
CALL_CANCELLED: Final = "中止"
CALL_CHANGED: Final = "日時・会場変更"

#: 理解度 answers (5 levels, 5 = best), as printed on the survey form.
UNDERSTANDING_LABELS: Final = {5: "よく理解できた", 4: "理解できた", 3: "どちらともいえない",
                               2: "あまり理解できなかった", 1: "理解できなかった"}


def age_band(age: int) -> str:
    if age < 60:
        return AGE_BANDS[0]
    if age >= 90:
        return AGE_BANDS[-1]
    return f"{age // 10 * 10}代"
