"""The condition language of scoring profiles: tokens, grammar, types, vectorised semantics, no eval."""

from __future__ import annotations

import ast
import builtins
import dataclasses
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from wardapp.scoring.expr import (
    And,
    Call,
    Column,
    Compare,
    ExprError,
    Frame,
    Groups,
    In,
    Name,
    Not,
    Num,
    Or,
    Str,
    compile_condition,
    normalize_value,
    parse,
    tokenize,
)
from wardapp.scoring.fields import CARE_LEVELS, SCHEMA

SCORING_SRC = Path(__file__).resolve().parents[1] / "src" / "wardapp" / "scoring"
NAN = np.nan


def shape(node: Any) -> Any:
    """An AST without positions, to compare spellings of the same condition."""
    if dataclasses.is_dataclass(node):
        return (type(node).__name__, *(shape(getattr(node, f.name)) for f in dataclasses.fields(node)
                                       if f.name != "pos"))
    if isinstance(node, tuple):
        return tuple(shape(x) for x in node)
    return node


def same(a: str, b: str) -> bool:
    return bool(shape(parse(a)) == shape(parse(b)))


def persons(**overrides: Column) -> Frame:
    """Five persons; every field present with a neutral default, overridden per test."""
    n = 5
    cols = {
        "年齢": Column(np.array([0, 5, 64, 65, 75], dtype=np.float64)),
        "性別": Column(np.array([0, 1, 0, 1, -1], dtype=np.int32), vocab={"男": 0, "女": 1}),
        "外国人": Column(np.zeros(n, dtype=bool)),
        "要介護度": Column(np.array([0, 1, 3, 5, 7], dtype=np.int8)),
        "身体障害者手帳": Column(np.array([NAN, 1, 2, NAN, 6]), present=np.array([False, True, True, True, True])),
        "療育手帳": Column(np.array([-1, 0, 1, -1, -1], dtype=np.int32), vocab={"A": 0, "B": 1}),
        "療育重度": Column(np.array([False, True, False, False, False])),
        "精神障害者保健福祉手帳": Column(np.full(n, NAN)),
        "難病": Column(np.array([False, False, True, False, False])),
        "妊娠": Column(np.array([False, False, True, False, False])),
        "出産予定日までの日数": Column(np.array([NAN, NAN, -56, NAN, NAN])),
        "出産予定日からの日数": Column(np.array([NAN, NAN, 56, NAN, NAN])),
        "医療的ケア": Column(np.array([0, 1, 2 | 4, 8, 0], dtype=np.int64),
                         vocab={"人工呼吸器": 0, "在宅酸素": 1, "透析": 2, "その他": 3}),
        "要支援者名簿": Column(np.array([-1, 0, 1, 2, -1], dtype=np.int32), vocab={"同意": 0, "不同意": 1, "未回答": 2}),
        "日本語支援": Column(np.array([False, True, False, False, False])),
        "個人スコア": Column(np.array([3, 2, 0, 1, 3], dtype=np.float64)),
    }
    cols.update(overrides)
    return Frame(n, cols)


def households(p: Frame, sizes: list[int], depth: list[float] | None = None) -> Frame:
    g = Groups.from_sizes(np.array(sizes, dtype=np.int64))
    s = np.array(sizes)
    cols = {"人数": Column(s.astype(np.float64)), "独居": Column(s == 1),
            "浸水深": Column(np.array(depth if depth is not None else [0.0] * len(sizes))),
            "地点なし": Column(np.zeros(len(sizes), dtype=bool))}
    return Frame(len(sizes), cols, members=p, groups=g)


def ev(text: str, frame: Frame | None = None) -> list[bool]:
    frame = frame or persons()
    level = "household" if frame.members is not None else "person"
    return compile_condition(text, SCHEMA, level).evaluate(frame).tolist()  # type: ignore[arg-type]


def error(text: str, level: str = "person") -> ExprError:
    with pytest.raises(ExprError) as e:
        compile_condition(text, SCHEMA, level)  # type: ignore[arg-type]
    return e.value


# --- tokens and grammar ------------------------------------------------------------------------


def test_full_width_and_japanese_forms_tokenize_like_ascii() -> None:
    assert same("年齢＞＝７５", "年齢 >= 75")
    assert same("年齢　≧　75", "年齢 >= 75")
    assert same("要介護度 == 「要介護３」", '要介護度 == "要介護3"')
    assert same("年齢 ≦ 5 かつ 妊娠", "年齢 <= 5 and 妊娠")
    assert same("年齢 = 0", "年齢 == 0")
    assert same("年齢 <> 0", "年齢 != 0")
    assert [t.kind for t in tokenize("[1, 2、3]")] == ["[", "num", ",", "num", ",", "num", "]", "end"]


def test_keywords_are_case_insensitive_and_names_keep_their_script() -> None:
    assert same("NOT 妊娠 AND 難病", "not 妊娠 and 難病")
    assert parse("出産予定日からの日数 <= 56") == Compare((Name("出産予定日からの日数", 1), Num(56, 15)), ("<=",), 1)


def test_precedence_or_and_not_comparison() -> None:
    node = parse("難病 or 妊娠 and not 年齢 >= 75")
    assert isinstance(node, Or)
    assert isinstance(node.items[1], And)
    inner = node.items[1].items[1]
    assert isinstance(inner, Not) and isinstance(inner.item, Compare)
    node2 = parse("(難病 or 妊娠) and 外国人")
    assert isinstance(node2, And) and isinstance(node2.items[0], Or)


def test_chained_comparison_and_in_forms() -> None:
    node = parse("18 <= 年齢 <= 64")
    assert isinstance(node, Compare) and node.ops == ("<=", "<=") and len(node.operands) == 3
    node = parse('"透析" not in 医療的ケア')
    assert isinstance(node, In) and node.negated and isinstance(node.left, Str)
    node = parse("全員(年齢 >= 75)")
    assert isinstance(node, Call) and node.func == "全員"


def test_negative_numbers_and_floats() -> None:
    assert parse("出産予定日までの日数 >= -7") == Compare((Name("出産予定日までの日数", 1), Num(-7, 15)), (">=",), 1)
    assert parse("浸水深 >= 0.5").operands[1] == Num(0.5, 8)  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "pos", "fragment"), [
    ("", 1, "空"),
    ("年齢 >=", 6, "途中で終わって"),
    ("(年齢 >= 75", 1, "「)」がありません"),
    ("年齢 >= 75 75", 10, "余分な"),
    ('要介護度 == "要介護3', 9, "閉じていません"),
    ("年齢 ! 3", 4, "使えない文字"),
    ("年齢 >= 75歳", 9, "単位"),
    ("年齢 >= 75かつ妊娠", 9, "単位"),
    ("妊娠かつ 難病", 6, "前後には空白が要ります"),
    ("__import__('os')", 1, "使えない文字「_」"),
    ("年齢 >= 75; import os", 9, "使えない文字「;」"),
    ("[1, 2", 6, "「]」"),
    ("年齢 in [年齢]", 8, "数値か文字列だけ"),
    ("年齢 + 1 > 3", 4, "使えない文字「+」"),
    ("年齢 - 1 > 3", 4, "計算はできません"),
    ("全員()", 3, "中に条件"),
    ("年齢 >= 1 in [1]", 9, "in は続けられません"),
    ("年齢 in [1] >= 1", 11, "in のあとに比較"),
])
def test_syntax_errors_give_the_column(text: str, pos: int, fragment: str) -> None:
    e = error(text, "household" if text.startswith("全員") else "person")
    assert e.pos == pos, e.describe()
    assert fragment in e.message_ja
    assert e.describe().startswith(f"{pos}文字目: ")


def test_no_eval_or_exec_is_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """Conditions never reach Python's evaluator: compile and evaluate with eval/exec removed."""
    def forbidden(*a: object, **k: object) -> None:
        raise AssertionError("eval/exec called")

    monkeypatch.setattr(builtins, "eval", forbidden)
    monkeypatch.setattr(builtins, "exec", forbidden)
    assert ev("年齢 >= 65 and not 難病") == [False, False, False, True, True]
    for hostile in ("__import__('os').system('echo x')", "().__class__", "open('x')", "年齢.__class__",
                    "lambda: 1", "os.system"):
        with pytest.raises(ExprError):
            compile_condition(hostile, SCHEMA, "person")


def test_scoring_package_never_calls_eval_exec_or_compile() -> None:
    for path in SCORING_SRC.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("eval", "exec", "compile", "__import__"), path


# --- types -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "level", "fragment"), [
    ('年齢 >= "75"', "person", "比べられません"),
    ("要介護度 >= 3", "person", "値を文字列で書いて"),
    ('要介護度 >= "要介護6"', "person", "要支援1、要支援2"),
    ('要介護度 in ["要介護1", "要介護9"]', "person", "「要介護9」は使えません"),
    ('療育手帳 > "A"', "person", "大小を比べられません"),
    ('性別 == "男性"', "person", "男、女 のどれか"),
    ('医療的ケア == "透析"', "person", "in で調べて"),
    ('"胃ろう" in 医療的ケア', "person", "「胃ろう」は使えません"),
    ('"x" in 年齢', "person", "in の右には"),
    ("年齢", "person", "だけでは条件になりません"),
    ("出産予定日からの日数", "person", "だけでは条件になりません"),
    ("年齢 >= 65 and 3", "person", "だけでは条件になりません"),
    ("人数(年齢 >= 75)", "person", "世帯の規則でだけ"),
    ("浸水深 >= 3", "person", "世帯の項目"),
    ("年令 >= 75", "person", "もしかして「年齢」"),
    ("要介護度 >= 要介護3", "person", "引用符で囲んで"),
    ("平均(年齢) > 3", "household", "関数「平均」はありません"),
    ("年齢 >= 75", "household", "個人の項目"),
    ("全員(浸水深 >= 3)", "household", "世帯の項目なので集計関数の中"),
    ("全員(いずれか(年齢 >= 75))", "household", "集計関数の中で集計関数"),
    ("最大(妊娠) > 0", "household", "数値か段階"),
    ("合計(要介護度) > 0", "household", "数値を書いて"),
    ("人数(年齢) >= 1", "household", "だけでは条件になりません"),
    ("人数(年齢 >= 18)", "household", "だけでは条件になりません"),
    ("全員 >= 1", "household", "関数です"),
    ('[1, 2] == 年齢', "person", "in の右にだけ"),
    ('妊娠 > true', "person", "大小を比べられません"),
    ('"a" < "b"', "person", "大小を比べられません"),
    ('年齢 in ["0"]', "person", "数値だけ"),
])
def test_type_errors(text: str, level: str, fragment: str) -> None:
    e = error(text, level)
    assert fragment in e.message_ja, e.message_ja
    assert e.pos is not None


def test_forbidden_field_reason_is_given() -> None:
    with pytest.raises(ExprError) as e:
        compile_condition("個人スコア > 0", SCHEMA, "person", forbidden={"個人スコア": "ここでは使えません"})
    assert e.value.message_ja == "ここでは使えません" and e.value.pos == 1


def test_english_aliases() -> None:
    assert ev("age >= 65 and not pregnant") == ev("年齢 >= 65 and not 妊娠")
    p = persons()
    h = households(p, [2, 3])
    assert ev("all(age >= 5) and members >= 2", h) == ev("全員(年齢 >= 5) and 人数 >= 2", h)


# --- semantics ---------------------------------------------------------------------------------


def test_numbers_and_missing_values() -> None:
    assert ev("年齢 >= 65") == [False, False, False, True, True]
    assert ev("1 <= 年齢 <= 64") == [False, True, True, False, False]
    assert ev("年齢 in [0, 75]") == [True, False, False, False, True]
    # missing grade: every comparison false, also !=; "not" is plain negation
    assert ev("身体障害者手帳 == 1") == [False, True, False, False, False]
    assert ev("身体障害者手帳 != 1") == [False, False, True, False, True]
    assert ev("not 身体障害者手帳 == 1") == [True, False, True, True, True]
    # present with unknown grade (row 3) counts as "has one"
    assert ev("身体障害者手帳") == [False, True, True, True, True]
    assert ev("精神障害者保健福祉手帳 in [1, 2, 3]") == [False] * 5
    assert ev("出産予定日からの日数 <= 56") == [False, False, True, False, False]
    assert ev("出産予定日までの日数 < 0") == [False, False, True, False, False]


def test_ordered_care_levels() -> None:
    # codes 0 (none), 1 要支援1, 3 要介護1, 5 要介護3, 7 要介護5
    assert ev('要介護度 >= "要介護3"') == [False, False, False, True, True]
    assert ev('要介護度 < "要介護1"') == [False, True, False, False, False]
    assert ev('要介護度 != "要介護5"') == [False, True, True, True, False]
    assert ev('要介護度 in ["要支援1", "要支援2"]') == [False, True, False, False, False]
    assert ev('要介護度 not in ["要支援1", "要支援2"]') == [True, False, True, True, True]
    assert ev("要介護度") == [False, True, True, True, True]
    assert ev('"要介護3" <= 要介護度') == ev('要介護度 >= "要介護3"')
    assert len(CARE_LEVELS) == 7


def test_categorical_and_set_fields() -> None:
    assert ev('療育手帳 == "A"') == [False, True, False, False, False]
    assert ev('療育手帳 != "A"') == [False, False, True, False, False]
    assert ev('療育手帳 == "Ⓐ"') == [False] * 5  # a grade nobody has: false, not an error
    assert ev("療育手帳 and not 療育重度") == [False, False, True, False, False]
    assert ev('性別 == "女"') == [False, True, False, True, False]
    assert ev('要支援者名簿 == "同意"') == [False, True, False, False, False]
    assert ev('要支援者名簿 in ["不同意", "未回答"]') == [False, False, True, True, False]
    assert ev('"人工呼吸器" in 医療的ケア') == [False, True, False, False, False]
    assert ev('医療的ケア in ["在宅酸素", "透析"]') == [False, False, True, False, False]
    assert ev('"透析" not in 医療的ケア') == [True, True, False, True, True]
    assert ev("医療的ケア") == [False, True, True, True, False]


def test_booleans_and_constants() -> None:
    assert ev("難病 == true") == [False, False, True, False, False]
    assert ev("難病 != 妊娠") == [False] * 5
    assert ev("true") == [True] * 5
    assert ev("1 < 2 and not false") == [True] * 5
    assert ev('"a" == "a"') == [True] * 5
    assert ev("3 in [1, 2]") == [False] * 5


def test_household_aggregates() -> None:
    p = persons()  # ages 0, 5, 64, 65, 75; scores 3, 2, 0, 1, 3
    h = households(p, [2, 1, 2], depth=[0.0, 0.5, 3.0])
    assert ev("全員(年齢 >= 65)", h) == [False, False, True]
    assert ev("いずれか(年齢 <= 5)", h) == [True, False, False]
    assert ev("人数(年齢 >= 5) == 1", h) == [True, True, False]
    assert ev("最大(年齢) >= 75", h) == [False, False, True]
    assert ev("最小(年齢) == 64", h) == [False, True, False]
    assert ev("合計(個人スコア) == 5", h) == [True, False, False]
    assert ev("最大(身体障害者手帳) == 6", h) == [False, False, True]  # missing grades ignored
    assert ev('最大(要介護度) >= "要介護3"', h) == [False, False, True]
    assert ev("最大(要介護度)", h) == [True, True, True]
    assert ev("独居 and 人数 == 1", h) == [False, True, False]
    assert ev("0.5 <= 浸水深 < 3", h) == [False, True, False]
    assert ev("not いずれか(18 <= 年齢 <= 64 and 個人スコア == 0)", h) == [True, False, True]


def test_groups_must_not_be_empty() -> None:
    with pytest.raises(ValueError):
        Groups.from_sizes(np.array([1, 0, 2]))
    g = Groups.from_sizes(np.array([2, 1, 3]))
    assert g.starts.tolist() == [0, 2, 3]


@pytest.mark.parametrize(("raw", "norm"), [
    ("Ａ", "A"), ("Ⓐ", "Ⓐ"), ("(A)", "Ⓐ"), ("○A", "Ⓐ"), ("マルA", "Ⓐ"), ("a1", "A1"), (" B 2 ", "B2"),
    ("要介護３", "要介護3"), ("ｶﾞｲｺｸ", "ガイコク"),
])
def test_normalize_value(raw: str, norm: str) -> None:
    assert normalize_value(raw) == norm
