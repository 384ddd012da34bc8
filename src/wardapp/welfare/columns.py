"""The canonical welfare CSV (docs/welfare-format.md): columns, 種別 and their 区分.

Welfare facts come from separate systems (介護保険, 障害福祉, 母子保健, 要支援者管理) joined by
宛名番号 (domain.md, "Welfare attributes").  Each system spells its 区分 its own way — 全角/半角,
「要介護３」 or 「要介護度3」, 「3級」 or 「3」, 「Ⓐ」 or 「(A)」 or 「マルA」 — so every 区分 is brought
to one canonical spelling here, and a value that fits none is an error naming the allowed ones
(never a guess).  Which 区分 count as 重度 is the scoring profile's business, not this module's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

REQUIRED = ("宛名番号", "種別", "区分", "開始日", "終了日")
CANONICAL = REQUIRED

#: Header spellings seen in welfare exports, accepted without a mapping profile.
ALIASES = {
    "宛名コード": "宛名番号",
    "宛名No": "宛名番号",
    "種類": "種別",
    "属性": "種別",
    "等級": "区分",
    "程度": "区分",
    "要介護度": "区分",
    "要介護状態区分": "区分",
    "障害程度": "区分",
    "有効期間開始日": "開始日",
    "認定有効期間開始日": "開始日",
    "有効開始日": "開始日",
    "開始年月日": "開始日",
    "適用開始日": "開始日",
    "有効期間終了日": "終了日",
    "認定有効期間終了日": "終了日",
    "有効終了日": "終了日",
    "終了年月日": "終了日",
    "適用終了日": "終了日",
    "出産予定日": "終了日",
}

CARE = "要介護認定"
BODY = "身体障害者手帳"
RYOIKU = "療育手帳"
MENTAL = "精神障害者保健福祉手帳"
NANBYO = "難病"
PREGNANCY = "妊娠"
MEDICAL = "医療的ケア"
ROSTER = "要支援者名簿"
LANGUAGE = "日本語支援"

#: The 種別, in display order.
KINDS: tuple[str, ...] = (CARE, BODY, RYOIKU, MENTAL, NANBYO, PREGNANCY, MEDICAL, ROSTER, LANGUAGE)

#: Other names of a 種別 (compared after NFKC, spaces removed).
KIND_ALIASES = {
    "要介護": CARE, "要介護度": CARE, "介護認定": CARE, "要介護・要支援認定": CARE, "介護保険": CARE,
    "身体障害": BODY, "身体手帳": BODY, "身障手帳": BODY, "身体障害者手帳所持": BODY,
    "療育": RYOIKU, "愛の手帳": RYOIKU, "みどりの手帳": RYOIKU, "知的障害": RYOIKU,
    "精神障害者手帳": MENTAL, "精神手帳": MENTAL, "精神保健福祉手帳": MENTAL, "精神障害": MENTAL,
    "指定難病": NANBYO, "特定医療費": NANBYO, "特定疾患": NANBYO,
    "妊婦": PREGNANCY, "妊娠届": PREGNANCY, "母子健康手帳": PREGNANCY,
    "医療ケア": MEDICAL,
    "避難行動要支援者名簿": ROSTER, "避難行動要支援者": ROSTER, "名簿": ROSTER,
    "日本語": LANGUAGE, "通訳": LANGUAGE,
}

#: Canonical 区分 of the coded 種別.  難病 (疾病名), 妊娠 and 日本語支援 (言語) take free text.
GRADES: dict[str, tuple[str, ...]] = {
    CARE: ("要支援1", "要支援2", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5"),
    BODY: ("1級", "2級", "3級", "4級", "5級", "6級"),
    # Prefectures differ: A/B; Ⓐ/A/B/C (埼玉); A1/A2/B1/B2; 1度–4度 (東京都 愛の手帳).
    RYOIKU: ("Ⓐ", "A", "A1", "A2", "B", "B1", "B2", "C", "1度", "2度", "3度", "4度"),
    MENTAL: ("1級", "2級", "3級"),
    MEDICAL: ("人工呼吸器", "在宅酸素", "透析", "その他"),
    ROSTER: ("同意", "不同意", "未回答"),
}

#: 種別 whose 区分 is free text (stored as given, trimmed) and may be empty.
FREE_TEXT_KINDS = frozenset({NANBYO, PREGNANCY, LANGUAGE})

_KANJI_DIGITS = str.maketrans("〇一二三四五六七八九", "0123456789")
_SPACES = re.compile(r"[\s\u3000]+")
_DASHES = re.compile(r"[-‐‑–—−ー－ｰ]")


class GradeError(ValueError):
    """A 区分 that is not allowed for its 種別; the message is Japanese and names the allowed values."""


def _fold(raw: str) -> str:
    """NFKC, no spaces, upper case: the form the patterns below compare."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", raw)).upper()


def normalize_kind(raw: str) -> str | None:
    """The canonical 種別 for ``raw`` (its own name or a known alias), or None."""
    s = _SPACES.sub("", unicodedata.normalize("NFKC", raw))
    if s in KINDS:
        return s
    return KIND_ALIASES.get(s)


def _care(s: str) -> str | None:
    s = s.translate(_KANJI_DIGITS)
    m = re.fullmatch(r"(?:要?介護)(?:度|状態区分)?([1-5])", s)
    if m:
        return f"要介護{m[1]}"
    m = re.fullmatch(r"(?:要?支援)(?:度|状態区分)?([12])", s)
    return f"要支援{m[1]}" if m else None


def _body(s: str) -> str | None:
    # 「1種1級」「第2種4級」: the 種 (第1種/第2種) is not a grade; the 級 is.
    s = s.translate(_KANJI_DIGITS)
    m = re.fullmatch(r"(?:第?[12]種)?([1-6])級?", s)
    return f"{m[1]}級" if m else None


def _mental(s: str) -> str | None:
    s = s.translate(_KANJI_DIGITS)
    m = re.fullmatch(r"([1-3])級?", s)
    return f"{m[1]}級" if m else None


#: Plain-text spellings of Ⓐ (マルA): 「(A)」「マルA」「○A」「A(マル)」.
_MARU_A = re.compile(r"\(A\)|(?:マル|まる|丸|○|◯|〇)A|A\(マル\)")


def _ryoiku(s: str) -> str | None:
    s = _MARU_A.sub("Ⓐ", s)
    s = _DASHES.sub("", s).removesuffix("判定").translate(_KANJI_DIGITS)
    if s in ("Ⓐ", "A", "B", "C", "A1", "A2", "B1", "B2"):
        return s
    m = re.fullmatch(r"([1-4])度", s)
    return f"{m[1]}度" if m else None


_MEDICAL = {
    "人工呼吸器": "人工呼吸器", "人工呼吸": "人工呼吸器", "呼吸器": "人工呼吸器", "NPPV": "人工呼吸器",
    "TPPV": "人工呼吸器",
    "在宅酸素": "在宅酸素", "在宅酸素療法": "在宅酸素", "酸素": "在宅酸素", "酸素療法": "在宅酸素",
    "HOT": "在宅酸素",
    "透析": "透析", "人工透析": "透析", "血液透析": "透析", "腹膜透析": "透析", "在宅透析": "透析",
    "その他": "その他",
}

_ROSTER = {
    "同意": "同意", "同意あり": "同意", "同意有": "同意", "同意済": "同意", "同意済み": "同意",
    "不同意": "不同意", "同意なし": "不同意", "同意無": "不同意", "同意しない": "不同意", "拒否": "不同意",
    "未回答": "未回答", "回答なし": "未回答", "未返信": "未回答", "未確認": "未回答",
}

_CODED: dict[str, Callable[[str], str | None]] = {
    CARE: _care,
    BODY: _body,
    RYOIKU: _ryoiku,
    MENTAL: _mental,
    MEDICAL: _MEDICAL.get,
    ROSTER: _ROSTER.get,
}


def allowed_text(kind: str) -> str:
    """The allowed 区分 of ``kind`` for messages: 「要支援1、要支援2、要介護1、…」."""
    if kind in FREE_TEXT_KINDS:
        return "自由記述（空欄可）"
    return "、".join(GRADES[kind])


def normalize_grade(kind: str, raw: str) -> str | None:
    """The canonical 区分 of ``raw`` for the canonical 種別 ``kind``.

    Free-text 種別 keep the text (trimmed; empty → None).  Coded 種別 must match one of
    :data:`GRADES` after folding; otherwise :class:`GradeError` names the allowed values.
    """
    text = raw.strip().strip("\u3000")
    if kind in FREE_TEXT_KINDS:
        return _SPACES.sub(" ", text) or None
    if not text:
        raise GradeError(f"{kind}の区分が空です（{allowed_text(kind)}）")
    # NFKC folds circled letters to plain ones (Ⓐ → A), but Ⓐ is a 区分 of its own: spell it
    # 「(A)」 first, which the 療育手帳 rule reads back as Ⓐ.
    s = _fold(re.sub("[Ⓐⓐ🅐]", "(A)", text))
    grade = _CODED[kind](s)
    if grade is None:
        raise GradeError(f"{kind}の区分「{raw.strip()}」は使えません（{allowed_text(kind)}）")
    return grade
