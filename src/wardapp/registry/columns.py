"""The canonical registry CSV (docs/registry-format.md).

One row per person.  Headers are compared after NFKC, so ``氏名ｶﾅ`` is ``氏名カナ``.
"""

from __future__ import annotations

import re

#: 宛名番号 and 世帯番号 (after NFKC): 半角英数字 and ``-``, up to 32 characters.  Shared with the
#: welfare import, which joins on 宛名番号.
PERSON_NO_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{0,31}$")

REQUIRED = ("宛名番号", "世帯番号", "氏名", "氏名カナ", "生年月日", "性別", "続柄", "住所")
OPTIONAL = ("方書", "住民区分", "異動事由", "異動日")
CANONICAL = REQUIRED + OPTIONAL

#: Headers that would carry マイナンバー.  Such a column is never read, never stored.
MY_NUMBER_HEADERS = frozenset({"個人番号", "マイナンバー", "個人番号(マイナンバー)", "マイナンバー(個人番号)"})

#: Header spellings seen in real exports, accepted without a mapping profile.
ALIASES = {
    "宛名コード": "宛名番号",
    "宛名No": "宛名番号",
    "世帯コード": "世帯番号",
    "カナ氏名": "氏名カナ",
    "氏名(カナ)": "氏名カナ",
    "フリガナ": "氏名カナ",
    "氏名漢字": "氏名",
    "性別コード": "性別",
    "世帯主との続柄": "続柄",
    "続柄名": "続柄",
    "現住所": "住所",
    "住所漢字": "住所",
    "方書き": "方書",
    "住民種別": "住民区分",
    "異動日付": "異動日",
}

SEX_VALUES = {"男": 1, "女": 2, "1": 1, "2": 2, "男性": 1, "女性": 2, "M": 1, "F": 2}

HEAD_RELATIONSHIPS = frozenset({"世帯主", "本人"})

#: 異動事由 that mean the row is a 消除者 (no longer a resident): not stored, but a person of
#: that 宛名番号 already in the store is removed with this reason.
REMOVAL_REASONS = {
    "死亡": "死亡",
    "転出": "転出",
    "国外転出": "転出",
    "職権消除": "職権消除",
    "失踪宣告": "死亡",
}
