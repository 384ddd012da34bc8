"""The condition language of scoring profiles (援護度プロファイルの条件式).

Ward staff write conditions such as ``年齢 >= 75``, ``要介護度 >= "要介護3"``,
``妊娠 and 出産予定日からの日数 <= 56`` or, in household rules, ``全員(年齢 >= 75)``.  The
language is the project's own and deliberately small: a tokenizer and a recursive-descent
parser build an AST, a type checker turns it into a tree of closures over numpy arrays, and a
rule is evaluated for all persons (or households) at once.  Nothing is ever passed to Python's
``eval``/``exec``: text that is not in the grammar below is a syntax error with its column.

Grammar (docs/scoring.md has examples)::

    condition  := or_expr
    or_expr    := and_expr (("or" | "または") and_expr)*
    and_expr   := not_expr (("and" | "かつ") not_expr)*
    not_expr   := "not" not_expr | comparison
    comparison := operand (CMP operand)*            # chained: 18 <= 年齢 <= 64
                | operand ["not"] "in" operand
    operand    := NUMBER | "-" NUMBER | STRING | "true" | "false" | list
                | NAME | NAME "(" condition ")" | "(" condition ")"
    list       := "[" [literal ("," literal)* [","]] "]"
    CMP        := "==" | "=" | "!=" | "<" | "<=" | ">" | ">="   (also ≦ ≧ ≠ and full-width forms)
    STRING     := "…" | '…' | 「…」

Semantics worth knowing (also in docs/scoring.md):

* A comparison with a missing value is false — also ``!=``: a person without a 手帳 is
  neither ``身体障害者手帳 == 1`` nor ``身体障害者手帳 != 1``.  ``not`` and ``not in`` are plain
  negation.
* A field that may be absent can stand alone as a condition meaning "has one":
  ``要介護度``, ``身体障害者手帳``, ``医療的ケア``.
* Ordered fields (``要介護度``) compare by their order, with strings from their list of values.
* Aggregates (``全員``, ``いずれか``, ``人数``, ``最大``, ``最小``, ``合計``) take a person-level
  argument and are only allowed in household conditions; a person field elsewhere in a
  household condition is an error.
"""

from __future__ import annotations

import difflib
import enum
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Union

import numpy as np
import numpy.typing as npt

BoolArray = npt.NDArray[np.bool_]
FloatArray = npt.NDArray[np.float64]
Level = Literal["person", "household"]


class ExprError(Exception):
    """A condition is wrong; ``message_ja`` says what, ``pos`` is the 1-based column (or None)."""

    def __init__(self, message_ja: str, pos: int | None = None) -> None:
        super().__init__(message_ja)
        self.message_ja = message_ja
        self.pos = pos

    def describe(self) -> str:
        return f"{self.pos}文字目: {self.message_ja}" if self.pos is not None else self.message_ja


# --- values ------------------------------------------------------------------------------------

#: Characters kept as they are by :func:`normalize_value` although NFKC would change them:
#: Ⓐ (マルA) is a 療育手帳 grade of its own in several prefectures, not "A".
_KEEP = {"Ⓐ": "\x00"}
_MARU_A = ("(A)", "○A", "〇A", "◯A", "マルA", "まるA")


def normalize_value(text: str) -> str:
    """Canonical form of a value written in a profile or found in welfare data.

    NFKC (full-width digits and letters, half-width kana), spaces removed — but Ⓐ stays Ⓐ,
    and spellings of マルA such as ``(A)`` or ``○A`` become Ⓐ.
    """
    s = text
    for k, v in _KEEP.items():
        s = s.replace(k, v)
    s = unicodedata.normalize("NFKC", s)
    for k, v in _KEEP.items():
        s = s.replace(v, k)
    s = "".join(s.split())
    s = s.upper() if s.isascii() else s
    for m in _MARU_A:
        if s == m or s == m.upper():
            return "Ⓐ"
    return s


# --- tokens ------------------------------------------------------------------------------------

TokenKind = Literal["num", "str", "name", "op", "(", ")", "[", "]", ",", "end"]


@dataclass(frozen=True, slots=True)
class Token:
    kind: TokenKind
    value: Any
    pos: int  # 1-based column


_OPS = {"==": "==", "=": "==", "!=": "!=", "<>": "!=", "<=": "<=", ">=": ">=", "<": "<", ">": ">",
        "≦": "<=", "≤": "<=", "≧": ">=", "≥": ">=", "≠": "!=", "-": "-"}
_QUOTES = {'"': '"', "'": "'", "「": "」", "“": "”", "『": "』"}
_PUNCT = {"(": "(", ")": ")", "[": "[", "]": "]", ",": ",", "、": ","}
_KEYWORDS = {"and": "and", "かつ": "and", "or": "or", "または": "or", "not": "not", "in": "in",
             "true": "true", "false": "false"}


def _norm_char(c: str) -> str:
    """NFKC of one character when it stays one character (full-width ＞＝（ ）１ → > = ( ) 1)."""
    n = unicodedata.normalize("NFKC", c)
    return n if len(n) == 1 else c


def _is_name_start(c: str) -> bool:
    return c.isalpha()


def _is_name_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def tokenize(text: str) -> list[Token]:
    """Split a condition into tokens; positions are 1-based columns of ``text``."""
    chars = [_norm_char(c) for c in text]
    out: list[Token] = []
    i, n = 0, len(chars)
    while i < n:
        c = chars[i]
        pos = i + 1
        if c.isspace():
            i += 1
            continue
        if text[i] in _QUOTES or c in _QUOTES:
            close = _QUOTES.get(text[i]) or _QUOTES[c]
            j = i + 1
            while j < n and text[j] != close and not (close in "\"'" and chars[j] == close):
                j += 1
            if j >= n:
                raise ExprError(f"文字列が閉じていません（{close} がありません）", pos)
            out.append(Token("str", normalize_value(text[i + 1:j]), pos))
            i = j + 1
            continue
        if c.isdigit() and c.isascii():
            j = i
            while j < n and chars[j].isascii() and chars[j].isdigit():
                j += 1
            if j < n and chars[j] == "." and j + 1 < n and chars[j + 1].isascii() and chars[j + 1].isdigit():
                j += 1
                while j < n and chars[j].isascii() and chars[j].isdigit():
                    j += 1
                num: int | float = float("".join(chars[i:j]))
            else:
                num = int("".join(chars[i:j]))
            if j < n and _is_name_start(chars[j]):
                raise ExprError(f"数値のすぐあとに「{chars[j]}」があります（単位は書けません）", j + 1)
            out.append(Token("num", num, pos))
            i = j
            continue
        if _is_name_start(c):
            j = i
            while j < n and _is_name_char(chars[j]):
                j += 1
            word = "".join(chars[i:j])
            kw = _KEYWORDS.get(word.lower() if word.isascii() else word)
            out.append(Token("op", kw, pos) if kw else Token("name", word, pos))
            i = j
            continue
        two = "".join(chars[i:i + 2])
        if two in _OPS:
            out.append(Token("op", _OPS[two], pos))
            i += 2
            continue
        if c in _OPS:
            out.append(Token("op", _OPS[c], pos))
            i += 1
            continue
        if c in _PUNCT:
            out.append(Token(_PUNCT[c], c, pos))  # type: ignore[arg-type]
            i += 1
            continue
        raise ExprError(f"使えない文字「{text[i]}」があります", pos)
    out.append(Token("end", None, n + 1))
    return out


# --- AST ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Num:
    value: int | float
    pos: int


@dataclass(frozen=True, slots=True)
class Str:
    value: str
    pos: int


@dataclass(frozen=True, slots=True)
class Bool:
    value: bool
    pos: int


@dataclass(frozen=True, slots=True)
class ListLit:
    items: tuple[Num | Str | Bool, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Name:
    name: str
    pos: int


@dataclass(frozen=True, slots=True)
class Call:
    func: str
    arg: Node
    pos: int


@dataclass(frozen=True, slots=True)
class Compare:
    """``operands[0] ops[0] operands[1] ops[1] operands[2] …`` (chained, all must hold)."""

    operands: tuple[Node, ...]
    ops: tuple[str, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class In:
    left: Node
    right: Node
    negated: bool
    pos: int


@dataclass(frozen=True, slots=True)
class And:
    items: tuple[Node, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Or:
    items: tuple[Node, ...]
    pos: int


@dataclass(frozen=True, slots=True)
class Not:
    item: Node
    pos: int


Node = Union[Num, Str, Bool, ListLit, Name, Call, Compare, In, And, Or, Not]
_CMP_OPS = ("==", "!=", "<", "<=", ">", ">=")


def _show(tok: Token) -> str:
    if tok.kind == "end":
        return "式の終わり"
    if tok.kind == "str":
        return f"文字列「\"{tok.value}\"」"
    return f"「{tok.value}」"


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.toks = tokens
        self.i = 0

    def peek(self, k: int = 0) -> Token:
        return self.toks[min(self.i + k, len(self.toks) - 1)]

    def take(self) -> Token:
        t = self.toks[self.i]
        self.i += 1
        return t

    def at_op(self, *ops: str) -> bool:
        t = self.peek()
        return t.kind == "op" and t.value in ops

    def parse(self) -> Node:
        if self.peek().kind == "end":
            raise ExprError("条件が空です", 1)
        node = self.or_expr()
        t = self.peek()
        if t.kind == "op" and t.value == "-":
            raise ExprError("「-」は負の数値にだけ使えます（計算はできません）", t.pos)
        if t.kind != "end":
            hint = "（「かつ」「または」の前後には空白が要ります）" if t.kind == "name" else ""
            raise ExprError(f"条件のあとに余分な{_show(t)}があります{hint}", t.pos)
        return node

    def or_expr(self) -> Node:
        first = self.and_expr()
        items = [first]
        while self.at_op("or"):
            self.take()
            items.append(self.and_expr())
        return first if len(items) == 1 else Or(tuple(items), _pos(first))

    def and_expr(self) -> Node:
        first = self.not_expr()
        items = [first]
        while self.at_op("and"):
            self.take()
            items.append(self.not_expr())
        return first if len(items) == 1 else And(tuple(items), _pos(first))

    def not_expr(self) -> Node:
        if self.at_op("not"):
            t = self.take()
            return Not(self.not_expr(), t.pos)
        return self.comparison()

    def comparison(self) -> Node:
        first = self.operand()
        if self.at_op("in") or (self.at_op("not") and self.peek(1).kind == "op" and self.peek(1).value == "in"):
            negated = self.take().value == "not"
            if negated:
                self.take()
            right = self.operand()
            node: Node = In(first, right, negated, _pos(first))
            if self.at_op(*_CMP_OPS, "in"):
                raise ExprError("in のあとに比較は続けられません（かっこで区切ってください）", self.peek().pos)
            return node
        operands, ops = [first], []
        while self.at_op(*_CMP_OPS):
            ops.append(self.take().value)
            operands.append(self.operand())
        if not ops:
            return first
        if self.at_op("in"):
            raise ExprError("比較のあとに in は続けられません（かっこで区切ってください）", self.peek().pos)
        return Compare(tuple(operands), tuple(ops), _pos(first))

    def literal(self) -> Num | Str | Bool:
        t = self.peek()
        if t.kind == "op" and t.value == "-" and self.peek(1).kind == "num":
            self.take()
            n = self.take()
            return Num(-n.value, t.pos)
        if t.kind == "num":
            self.take()
            return Num(t.value, t.pos)
        if t.kind == "str":
            self.take()
            return Str(t.value, t.pos)
        if t.kind == "op" and t.value in ("true", "false"):
            self.take()
            return Bool(t.value == "true", t.pos)
        raise ExprError(f"リストの中には数値か文字列だけが書けます（{_show(t)}）", t.pos)

    def operand(self) -> Node:
        t = self.peek()
        if t.kind in ("num", "str") or (t.kind == "op" and t.value in ("true", "false")):
            return self.literal()
        if t.kind == "op" and t.value == "-":
            if self.peek(1).kind == "num":
                return self.literal()
            raise ExprError("「-」は負の数値にだけ使えます（計算はできません）", t.pos)
        if t.kind == "[":
            self.take()
            items: list[Num | Str | Bool] = []
            while self.peek().kind != "]":
                items.append(self.literal())
                if self.peek().kind == ",":
                    self.take()
                elif self.peek().kind != "]":
                    raise ExprError(f"リストの要素は「,」で区切り、「]」で閉じてください（{_show(self.peek())}）",
                                    self.peek().pos)
            self.take()
            return ListLit(tuple(items), t.pos)
        if t.kind == "(":
            self.take()
            inner = self.or_expr()
            if self.peek().kind != ")":
                raise ExprError(f"「(」に対応する「)」がありません（{_show(self.peek())}）", t.pos)
            self.take()
            return inner
        if t.kind == "name":
            self.take()
            if self.peek().kind == "(":
                p = self.take()
                if self.peek().kind == ")":
                    raise ExprError(f"関数「{t.value}」の( )の中に条件を書いてください", p.pos)
                arg = self.or_expr()
                if self.peek().kind != ")":
                    raise ExprError(f"「{t.value}(」に対応する「)」がありません（{_show(self.peek())}）", p.pos)
                self.take()
                return Call(t.value, arg, t.pos)
            return Name(t.value, t.pos)
        if t.kind == "end":
            raise ExprError("条件が途中で終わっています", t.pos)
        raise ExprError(f"ここに{_show(t)}は書けません", t.pos)


def _pos(node: Node) -> int:
    return node.pos


def parse(text: str) -> Node:
    """The AST of a condition, or :class:`ExprError` with the column of the problem."""
    return _Parser(tokenize(text)).parse()


# --- schema ------------------------------------------------------------------------------------


class Kind(enum.Enum):
    """Types of fields and intermediate values."""

    BOOL = "真偽"
    NUM = "数値"
    ORD = "段階"  # ordered values, e.g. 要支援1 < … < 要介護5
    CAT = "区分"  # unordered values, e.g. 療育手帳 A/B, 要支援者名簿 同意/不同意/未回答
    SET = "集合"  # several values at once, e.g. 医療的ケア


@dataclass(frozen=True)
class FieldSpec:
    """One named field of the language (see :mod:`wardapp.scoring.fields` for the list)."""

    name: str
    kind: Kind
    level: Level
    aliases: tuple[str, ...] = ()
    #: ORD: the values in order; CAT/SET: the allowed values (empty: any value, e.g. 療育手帳).
    values: tuple[str, ...] = ()
    #: The field may stand alone as a condition ("has a value").
    truthy: bool = True
    description: str = ""


class Schema:
    """The fields known to the language, by name and alias."""

    def __init__(self, specs: Sequence[FieldSpec]) -> None:
        self.specs = tuple(specs)
        self._by_name: dict[str, FieldSpec] = {}
        for s in specs:
            for key in (s.name, *s.aliases):
                self._by_name[key] = s

    def get(self, name: str) -> FieldSpec | None:
        return self._by_name.get(name) or self._by_name.get(name.lower())

    def names(self) -> list[str]:
        return list(self._by_name)


AGGREGATES: dict[str, str] = {
    "全員": "all", "all": "all", "いずれか": "any", "any": "any", "人数": "count", "count": "count",
    "最大": "max", "max": "max", "最小": "min", "min": "min", "合計": "sum", "sum": "sum",
}
_AGG_NAMES_JA = "全員, いずれか, 人数, 最大, 最小, 合計"


# --- runtime frames ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One field's values for every row of a frame.

    ``data`` by kind: BOOL bool; NUM float64 (NaN = no value); ORD int8 code (0 = none,
    1… in the order of the spec's values); CAT int32 code into ``vocab`` (-1 = none); SET
    int64 bit mask over ``vocab`` (value → bit).  ``present`` overrides "has a value" when a
    value is present but unreadable (a 手帳 with an unknown grade).
    """

    data: np.ndarray
    vocab: Mapping[str, int] | None = None
    present: BoolArray | None = None


@dataclass(frozen=True)
class Groups:
    """Members sorted by group: group ``g`` is ``starts[g] : starts[g] + sizes[g]``; no group is empty."""

    starts: npt.NDArray[np.int64]
    sizes: npt.NDArray[np.int64]

    @staticmethod
    def from_sizes(sizes: npt.NDArray[np.int64]) -> Groups:
        sizes = np.asarray(sizes, dtype=np.int64)
        if len(sizes) and sizes.min() < 1:
            raise ValueError("empty group")
        starts = np.zeros(len(sizes), dtype=np.int64)
        if len(sizes) > 1:
            np.cumsum(sizes[:-1], out=starts[1:])
        return Groups(starts, sizes)


@dataclass
class Frame:
    """Columns of one level.  A household frame has ``members`` (the person frame) and ``groups``."""

    n: int
    columns: dict[str, Column]
    members: Frame | None = None
    groups: Groups | None = None

    def column(self, name: str) -> Column:
        return self.columns[name]


# --- type checking and compilation ---------------------------------------------------------------

ArrayFn = Callable[[Frame], np.ndarray]


@dataclass(frozen=True)
class _Typed:
    """A checked sub-expression: its kind, how to compute it, and (for messages) what it is."""

    kind: Kind | Literal["numlit", "strlit", "boollit", "list"]
    desc: str
    fn: ArrayFn | None = None  # arrays: BOOL → bool, NUM → float64, ORD/CAT/SET → column data
    const: Any = None  # literals: the value; lists: tuple of values
    spec: FieldSpec | None = None  # a field (ORD/CAT/SET carry their values here)
    present: ArrayFn | None = None  # "has a value", for truthiness
    level: Level = "person"


@dataclass(frozen=True)
class Condition:
    """A compiled condition: ``evaluate(frame)`` gives one bool per row."""

    text: str
    ast: Node
    level: Level
    fields: frozenset[str]
    _fn: ArrayFn = field(repr=False, compare=False)

    def evaluate(self, frame: Frame) -> BoolArray:
        out = self._fn(frame)
        return np.asarray(out, dtype=bool)


@dataclass
class _Context:
    schema: Schema
    level: Level
    forbidden: Mapping[str, str]  # field name → why it cannot be used here
    fields: set[str] = field(default_factory=set)
    in_aggregate: bool = False


def compile_condition(text: str, schema: Schema, level: Level, *,
                      forbidden: Mapping[str, str] | None = None) -> Condition:
    """Parse and type-check ``text`` for ``level``; raise :class:`ExprError` if it is wrong.

    ``forbidden`` names fields that exist but may not be used here, with the reason (e.g.
    ``個人スコア`` in a person rule, which would depend on itself).
    """
    ast = parse(text)
    ctx = _Context(schema, level, forbidden or {})
    typed = _check(ast, ctx)
    fn = _as_condition(typed, ast)
    return Condition(text, ast, level, frozenset(ctx.fields), fn)


def _lit_desc(value: Any) -> str:
    if isinstance(value, str):
        return f"文字列「\"{value}\"」"
    if isinstance(value, bool):
        return f"「{'true' if value else 'false'}」"
    return f"数値 {value}"


def _check(node: Node, ctx: _Context) -> _Typed:
    if isinstance(node, Num):
        return _Typed("numlit", _lit_desc(node.value), const=node.value)
    if isinstance(node, Str):
        return _Typed("strlit", _lit_desc(node.value), const=node.value)
    if isinstance(node, Bool):
        return _Typed("boollit", _lit_desc(node.value), const=node.value)
    if isinstance(node, ListLit):
        return _Typed("list", "リスト", const=tuple(i.value for i in node.items))
    if isinstance(node, Name):
        return _check_name(node, ctx)
    if isinstance(node, Call):
        return _check_call(node, ctx)
    if isinstance(node, Compare):
        return _check_compare(node, ctx)
    if isinstance(node, In):
        return _check_in(node, ctx)
    if isinstance(node, (And, Or)):
        parts = [_as_condition(_check(i, ctx), i) for i in node.items]
        op = np.logical_and if isinstance(node, And) else np.logical_or

        def combine(frame: Frame, parts: list[ArrayFn] = parts) -> np.ndarray:
            out = np.asarray(parts[0](frame), dtype=bool)
            for p in parts[1:]:
                out = op(out, p(frame))
            return out

        return _Typed(Kind.BOOL, "条件", fn=combine)
    if isinstance(node, Not):
        inner = _as_condition(_check(node.item, ctx), node.item)
        return _Typed(Kind.BOOL, "条件", fn=lambda f: np.logical_not(inner(f)))
    raise AssertionError(node)  # pragma: no cover


def _check_name(node: Name, ctx: _Context) -> _Typed:
    spec = ctx.schema.get(node.name)
    if spec is None:
        if node.name in AGGREGATES:
            raise ExprError(f"「{node.name}」は関数です。{node.name}(条件) のように書いてください", node.pos)
        for other in ctx.schema.specs:
            if normalize_value(node.name) in other.values:
                raise ExprError(f"「{node.name}」は「{other.name}」の値です。\"{node.name}\" のように引用符で囲んでください",
                                node.pos)
        close = difflib.get_close_matches(node.name, ctx.schema.names(), n=1, cutoff=0.5)
        hint = f"（もしかして「{close[0]}」？）" if close else ""
        raise ExprError(f"項目「{node.name}」はありません{hint}", node.pos)
    if spec.name in ctx.forbidden:
        raise ExprError(ctx.forbidden[spec.name], node.pos)
    if ctx.level == "person" and spec.level == "household":
        where = "集計関数の中" if ctx.in_aggregate else "個人の条件"
        raise ExprError(f"「{spec.name}」は世帯の項目なので{where}では使えません", node.pos)
    if ctx.level == "household" and spec.level == "person":
        raise ExprError(f"「{spec.name}」は個人の項目です。世帯の条件では 全員(…)・いずれか(…)・人数(…) などの"
                        f"中に書いてください（例: いずれか({spec.name} …)）", node.pos)
    ctx.fields.add(spec.name)
    name = spec.name
    desc = f"「{name}」（{spec.kind.value}）"
    if spec.kind == Kind.BOOL:
        return _Typed(Kind.BOOL, desc, fn=lambda f: f.columns[name].data, spec=spec, level=spec.level)
    data: ArrayFn = lambda f: f.columns[name].data  # noqa: E731
    present: ArrayFn
    if spec.kind == Kind.NUM:
        present = lambda f: _present_num(f.columns[name])  # noqa: E731
    elif spec.kind == Kind.ORD:
        present = lambda f: _present_or(f.columns[name], f.columns[name].data > 0)  # noqa: E731
    elif spec.kind == Kind.CAT:
        present = lambda f: _present_or(f.columns[name], f.columns[name].data >= 0)  # noqa: E731
    else:
        present = lambda f: _present_or(f.columns[name], f.columns[name].data != 0)  # noqa: E731
    return _Typed(spec.kind, desc, fn=data, spec=spec, present=present, level=spec.level)


def _present_num(col: Column) -> BoolArray:
    return col.present if col.present is not None else ~np.isnan(col.data)


def _present_or(col: Column, default: BoolArray) -> BoolArray:
    return col.present if col.present is not None else default


def _check_call(node: Call, ctx: _Context) -> _Typed:
    agg = AGGREGATES.get(node.func, AGGREGATES.get(node.func.lower()))
    if agg is None:
        raise ExprError(f"関数「{node.func}」はありません（使えるのは {_AGG_NAMES_JA}）", node.pos)
    if ctx.level == "person":
        if ctx.in_aggregate:
            raise ExprError(f"集計関数の中で集計関数「{node.func}」は使えません", node.pos)
        raise ExprError(f"集計関数「{node.func}」は世帯の規則でだけ使えます", node.pos)
    inner_ctx = _Context(ctx.schema, "person", ctx.forbidden, ctx.fields, in_aggregate=True)
    arg = _check(node.arg, inner_ctx)
    if agg in ("all", "any", "count"):
        cond = _as_condition(arg, node.arg)

        def counts(f: Frame) -> np.ndarray:
            assert f.members is not None and f.groups is not None
            c = np.asarray(cond(f.members), dtype=np.int32)
            return _reduce(np.add, c, f.groups)

        if agg == "count":
            return _Typed(Kind.NUM, f"{node.func}(…)（数値）", fn=lambda f: counts(f).astype(np.float64),
                          level="household")
        if agg == "any":
            return _Typed(Kind.BOOL, f"{node.func}(…)", fn=lambda f: counts(f) > 0, level="household")

        def all_(f: Frame) -> np.ndarray:
            assert f.groups is not None
            return counts(f) == f.groups.sizes

        return _Typed(Kind.BOOL, f"{node.func}(…)", fn=all_, level="household")
    # max / min / sum over a number (or, for max/min, an ordered field)
    if arg.kind == Kind.NUM and arg.fn is not None:
        vals = arg.fn
        if agg == "sum":
            def total(f: Frame) -> np.ndarray:
                assert f.members is not None and f.groups is not None
                return _reduce(np.add, np.nan_to_num(vals(f.members), nan=0.0), f.groups)

            return _Typed(Kind.NUM, f"{node.func}(…)（数値）", fn=total, level="household")
        ufunc = np.fmax if agg == "max" else np.fmin

        def extreme(f: Frame) -> np.ndarray:
            assert f.members is not None and f.groups is not None
            return _reduce(ufunc, np.asarray(vals(f.members), dtype=np.float64), f.groups)

        return _Typed(Kind.NUM, f"{node.func}(…)（数値）", fn=extreme, level="household")
    if arg.kind == Kind.ORD and agg in ("max", "min") and arg.fn is not None and arg.spec is not None:
        codes = arg.fn
        ufunc = np.fmax if agg == "max" else np.fmin

        def extreme_ord(f: Frame) -> np.ndarray:
            assert f.members is not None and f.groups is not None
            c = np.asarray(codes(f.members), dtype=np.float64)
            c[c <= 0] = np.nan
            r = _reduce(ufunc, c, f.groups)
            return np.nan_to_num(r, nan=0.0).astype(np.int8)

        spec = arg.spec
        return _Typed(Kind.ORD, f"{node.func}({spec.name})（段階）", fn=extreme_ord, spec=spec,
                      present=lambda f: extreme_ord(f) > 0, level="household")
    what = "数値" if agg == "sum" else "数値か段階（要介護度など）"
    raise ExprError(f"{node.func}(…) の中には{what}を書いてください（{arg.desc} は使えません）", _pos(node.arg))


def _reduce(ufunc: Any, values: np.ndarray, groups: Groups) -> np.ndarray:
    if len(groups.starts) == 0:
        return np.zeros(0, dtype=np.asarray(values).dtype)
    return ufunc.reduceat(values, groups.starts)


def _as_condition(t: _Typed, node: Node) -> ArrayFn:
    """``t`` used where a condition is needed: a BOOL, or a field that may be absent ("has one")."""
    if t.kind == Kind.BOOL and t.fn is not None:
        return t.fn
    if t.kind == "boollit":
        value = bool(t.const)
        return lambda f: np.full(f.n, value)
    if t.present is not None and t.spec is not None:
        if not t.spec.truthy:
            raise ExprError(f"{t.desc} だけでは条件になりません。比べてください（例: {t.spec.name} >= 75）", _pos(node))
        return t.present
    if t.kind == Kind.NUM:
        raise ExprError(f"{t.desc} だけでは条件になりません。比べてください（例: … >= 2）", _pos(node))
    raise ExprError(f"{t.desc} だけでは条件になりません", _pos(node))


_FLIP = {"==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}
_NP_OPS: dict[str, Any] = {"==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
                           ">": np.greater, ">=": np.greater_equal}


def _check_compare(node: Compare, ctx: _Context) -> _Typed:
    typed = [_check(o, ctx) for o in node.operands]
    parts: list[ArrayFn] = []
    for k, op in enumerate(node.ops):
        parts.append(_compare_pair(op, typed[k], typed[k + 1], node.operands[k], node.operands[k + 1]))
    if len(parts) == 1:
        return _Typed(Kind.BOOL, "比較", fn=parts[0])

    def chain(f: Frame) -> np.ndarray:
        out = np.asarray(parts[0](f), dtype=bool)
        for p in parts[1:]:
            out = out & p(f)
        return out

    return _Typed(Kind.BOOL, "比較", fn=chain)


def _fn(t: _Typed) -> ArrayFn:
    assert t.fn is not None
    return t.fn


def _cmp_const(value: bool) -> ArrayFn:
    return lambda f: np.full(f.n, value)


def _cmp_scalar(npop: Any, fa: ArrayFn, x: Any) -> ArrayFn:
    return lambda f: _num_cmp(npop, fa(f), x)


def _cmp_arrays(npop: Any, fa: ArrayFn, fb: ArrayFn) -> ArrayFn:
    return lambda f: _num_cmp(npop, fa(f), fb(f))


def _cmp_ord(npop: Any, fa: ArrayFn, code: int) -> ArrayFn:
    def run(f: Frame) -> np.ndarray:
        a = fa(f)
        return npop(a, code) & (a > 0)

    return run


def _cmp_ords(npop: Any, fa: ArrayFn, fb: ArrayFn) -> ArrayFn:
    def run(f: Frame) -> np.ndarray:
        a, b = fa(f), fb(f)
        return npop(a, b) & (a > 0) & (b > 0)

    return run


def _cmp_cat(name: str, fa: ArrayFn, value: str, equal: bool) -> ArrayFn:
    def run(f: Frame) -> np.ndarray:
        vocab = f.columns[name].vocab or {}
        codes = fa(f)
        eq = codes == vocab.get(value, -2)
        return eq if equal else (~eq & (codes >= 0))

    return run


def _cmp_bool(npop: Any, fa: ArrayFn, fb: ArrayFn | bool) -> ArrayFn:
    if isinstance(fb, bool):
        v = fb
        return lambda f: npop(fa(f), v)
    g = fb
    return lambda f: npop(fa(f), g(f))


def _compare_pair(op: str, a: _Typed, b: _Typed, na: Node, nb: Node) -> ArrayFn:
    # constants on both sides: allowed, folded
    lits = ("numlit", "strlit", "boollit")
    if a.kind in lits and b.kind in lits:
        if (a.kind == "strlit") != (b.kind == "strlit"):
            raise ExprError(f"{a.desc} と {b.desc} は比べられません", _pos(na))
        if a.kind == "strlit" and op not in ("==", "!="):
            raise ExprError("文字列どうしは大小を比べられません", _pos(na))
        return _cmp_const(bool(_NP_OPS[op](a.const, b.const)))
    # the non-literal side first
    if a.kind in lits or a.kind == "list":
        a, b, na, nb, op = b, a, nb, na, _FLIP[op]
    if b.kind == "list" or a.kind == "list":
        raise ExprError("リストは in の右にだけ書けます（例: 要介護度 in [\"要介護1\", \"要介護2\"]）", _pos(nb))
    npop = _NP_OPS[op]
    if a.kind == Kind.NUM:
        if b.kind == "numlit":
            return _cmp_scalar(npop, _fn(a), float(b.const))
        if b.kind == Kind.NUM:
            return _cmp_arrays(npop, _fn(a), _fn(b))
        raise ExprError(f"{a.desc} と {b.desc} は比べられません", _pos(nb))
    if a.kind == Kind.ORD:
        assert a.spec is not None
        if b.kind == "strlit":
            return _cmp_ord(npop, _fn(a), _ord_code(a.spec, b.const, _pos(nb)))
        if b.kind == Kind.ORD and b.spec is not None and b.spec.values == a.spec.values:
            return _cmp_ords(npop, _fn(a), _fn(b))
        example = a.spec.values[len(a.spec.values) // 2] if a.spec.values else "…"
        raise ExprError(f"{a.desc} と {b.desc} は比べられません（「{a.spec.name} >= \"{example}\"」のように"
                        "値を文字列で書いてください）", _pos(nb))
    if a.kind == Kind.CAT:
        assert a.spec is not None
        if op not in ("==", "!="):
            raise ExprError(f"{a.desc} は大小を比べられません（==、!=、in を使ってください）", _pos(nb))
        if b.kind != "strlit":
            raise ExprError(f"{a.desc} と {b.desc} は比べられません（値は文字列で書いてください）", _pos(nb))
        _check_domain(a.spec, b.const, _pos(nb))
        return _cmp_cat(a.spec.name, _fn(a), str(b.const), op == "==")
    if a.kind == Kind.BOOL:
        if op not in ("==", "!="):
            raise ExprError(f"{a.desc} は大小を比べられません", _pos(nb))
        if b.kind == "boollit":
            return _cmp_bool(npop, _fn(a), bool(b.const))
        if b.kind == Kind.BOOL:
            return _cmp_bool(npop, _fn(a), _fn(b))
        raise ExprError(f"{a.desc} と {b.desc} は比べられません（true か false と比べます）", _pos(nb))
    if a.kind == Kind.SET:
        assert a.spec is not None
        raise ExprError(f"{a.desc} は in で調べてください（例: \"{(a.spec.values or ('…',))[0]}\" in {a.spec.name}）",
                        _pos(na))
    raise ExprError(f"{a.desc} と {b.desc} は比べられません", _pos(na))


def _num_cmp(npop: Any, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    out = npop(x, y)
    if npop is np.not_equal:
        out &= ~(np.isnan(x) | np.isnan(y))
    return out


def _ord_code(spec: FieldSpec, value: Any, pos: int) -> int:
    if not isinstance(value, str) or value not in spec.values:
        raise ExprError(f"「{spec.name}」の値は {'、'.join(spec.values)} のどれかです（「{value}」は使えません）", pos)
    return spec.values.index(value) + 1


def _check_domain(spec: FieldSpec, value: Any, pos: int) -> None:
    if not isinstance(value, str):
        raise ExprError(f"「{spec.name}」の値は文字列で書いてください（{_lit_desc(value)}）", pos)
    if spec.values and value not in spec.values:
        raise ExprError(f"「{spec.name}」の値は {'、'.join(spec.values)} のどれかです（「{value}」は使えません）", pos)


def _check_in(node: In, ctx: _Context) -> _Typed:
    left = _check(node.left, ctx)
    right = _check(node.right, ctx)
    fn = _in_fn(left, right, node)
    if node.negated:
        return _Typed(Kind.BOOL, "条件", fn=lambda f: np.logical_not(fn(f)))
    return _Typed(Kind.BOOL, "条件", fn=fn)


def _in_fn(left: _Typed, right: _Typed, node: In) -> ArrayFn:
    pos_r = _pos(node.right)
    if right.kind == Kind.SET:
        assert right.spec is not None and right.fn is not None
        if left.kind != "strlit":
            raise ExprError(f"「… in {right.spec.name}」の左には値を文字列で書いてください（{left.desc} は使えません）",
                            _pos(node.left))
        _check_domain(right.spec, left.const, _pos(node.left))
        return _bits_test(right.spec.name, right.fn, (str(left.const),))
    if right.kind != "list":
        raise ExprError(f"in の右にはリスト [ … ] か 集合の項目（医療的ケア）を書いてください（{right.desc} は使えません）",
                        pos_r)
    items: tuple[Any, ...] = right.const
    lits = ("numlit", "strlit", "boollit")
    if left.kind in lits:
        value = left.const in items
        return lambda f: np.full(f.n, value)
    if left.kind == Kind.NUM:
        if not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in items):
            raise ExprError(f"{left.desc} と比べるリストには数値だけを書いてください", pos_r)
        fl = left.fn
        assert fl is not None
        arr = np.asarray(items, dtype=np.float64)
        return lambda f: np.isin(fl(f), arr)
    if left.kind == Kind.ORD:
        assert left.spec is not None and left.fn is not None
        codes = np.asarray([_ord_code(left.spec, v, pos_r) for v in items], dtype=np.int8)
        fo = left.fn
        return lambda f: np.isin(fo(f), codes)
    if left.kind == Kind.CAT:
        assert left.spec is not None and left.fn is not None
        for v in items:
            _check_domain(left.spec, v, pos_r)
        name, fc, values = left.spec.name, left.fn, tuple(str(v) for v in items)

        def cat_in(f: Frame) -> np.ndarray:
            vocab = f.columns[name].vocab or {}
            wanted = np.asarray([vocab[v] for v in values if v in vocab], dtype=np.int32)
            return np.isin(fc(f), wanted)

        return cat_in
    if left.kind == Kind.SET:
        assert left.spec is not None and left.fn is not None
        for v in items:
            _check_domain(left.spec, v, pos_r)
        return _bits_test(left.spec.name, left.fn, tuple(str(v) for v in items))
    raise ExprError(f"{left.desc} は in で調べられません", _pos(node.left))


def _bits_test(name: str, fn: ArrayFn, values: tuple[str, ...]) -> ArrayFn:
    def test(f: Frame) -> np.ndarray:
        vocab = f.columns[name].vocab or {}
        mask = 0
        for v in values:
            if v in vocab:
                mask |= 1 << vocab[v]
        return (fn(f) & np.int64(mask)) != 0

    return test
