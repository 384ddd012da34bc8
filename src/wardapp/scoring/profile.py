"""Scoring profiles (援護度プロファイル): TOML files of person and household rules that a ward edits.

A profile says how many points each circumstance gives (domain.md, "Support score — a
starting profile"); the default one ships in ``resources/profiles/default.toml``.  Format::

    [profile]
    name = "標準プロファイル"
    version = 1
    description = "…"
    "重度療育" = ["Ⓐ", "A", "A1", "A2", "1度", "2度"]   # 療育手帳 区分 counted as 重度

    [categories]                  # display/print flags, each a person condition
    "高齢者" = "年齢 >= 65"

    [bands]                       # score bands: name = lowest score in the band
    "低" = 0
    "中" = 5

    [[person]]
    id = "age75"
    label = "75歳以上"
    when = "年齢 >= 75"           # the condition language: wardapp.scoring.expr
    points = 3
    category = "高齢者"           # optional: the rule also marks the category
    enabled = true                # optional (default true)

    [[household]]
    id = "all75"
    label = "全員75歳以上"
    when = "全員(年齢 >= 75)"
    points = 3

Every problem in a file is reported at once, each naming the rule and saying what is wrong
(:class:`ProfileError`, a :class:`~wardapp.errors.ConfigError`).  :func:`save_profile` writes
a profile back (the GUI edits rules) with its version bumped.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from wardapp.errors import ConfigError
from wardapp.scoring.expr import Condition, ExprError, compile_condition, normalize_value
from wardapp.scoring.fields import PERSON_SCORE, SCHEMA
from wardapp.textfile import read_config_text

#: Category flags for display and print, in their fixed order, with the letter printed beside
#: the background colour so that a black-and-white print still reads (domain.md).
CATEGORIES: tuple[str, ...] = ("高齢者", "乳幼児", "妊婦", "障害者", "医療的ケア")
CATEGORY_LETTERS: str = "高乳妊障医"
DEFAULT_SEVERE_RYOIKU: tuple[str, ...] = ("Ⓐ", "A", "A1", "A2", "1度", "2度")
DEFAULT_PROFILE_PATH = Path(__file__).resolve().parents[3] / "resources" / "profiles" / "default.toml"

_ID = re.compile(r"^[^\s,\"'\\]{1,40}$")
MAX_POINTS = 1000


@dataclass(frozen=True)
class Rule:
    """One rule: when ``when`` holds, ``points`` are added (person rules: to the 個人スコア)."""

    id: str
    label: str
    when: str
    points: int
    category: str | None = None
    enabled: bool = True


@dataclass(frozen=True)
class Band:
    """A score band: households with ``minimum`` ≤ 世帯スコア (< the next band's minimum)."""

    name: str
    minimum: int


DEFAULT_BANDS: tuple[Band, ...] = (Band("低", 0), Band("中", 5), Band("高", 10), Band("最優先", 15))


@dataclass(frozen=True)
class Profile:
    """A scoring profile (plain data; :func:`compile_profile` checks and compiles it)."""

    name: str
    version: int = 1
    description: str = ""
    severe_ryoiku: tuple[str, ...] = DEFAULT_SEVERE_RYOIKU
    person_rules: tuple[Rule, ...] = ()
    household_rules: tuple[Rule, ...] = ()
    #: (category, person condition), in CATEGORIES order.
    categories: tuple[tuple[str, str], ...] = ()
    bands: tuple[Band, ...] = DEFAULT_BANDS
    #: Where it came from, for messages (a file name); not part of the profile's identity.
    source: str = field(default="プロファイル", compare=False)

    def to_toml(self) -> str:
        return profile_to_toml(self)

    @property
    def sha256(self) -> str:
        """Hash of the canonical TOML: two profiles that score alike share it."""
        return hashlib.sha256(self.to_toml().encode("utf-8")).hexdigest()

    def rule(self, rule_id: str) -> Rule | None:
        for r in self.person_rules + self.household_rules:
            if r.id == rule_id:
                return r
        return None

    def band_names(self) -> list[str]:
        return [b.name for b in sorted(self.bands, key=lambda b: b.minimum)]


@dataclass(frozen=True)
class ProfileProblem:
    """One problem: the rule (or section) it is in, and what is wrong (Japanese).

    For a problem in a rule, ``level`` (``"person"``/``"household"``), ``index`` (the rule's
    position in its list) and ``field`` (``id``, ``label``, ``when``, ``points``, ``category``)
    say which cell of a rule table is wrong, so an editor can point at it.
    """

    where: str
    message: str
    rule_id: str | None = None
    level: str | None = None
    index: int | None = None
    field: str | None = None

    def describe(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


class ProfileError(ConfigError):
    """A scoring profile is wrong.  ``problems`` lists every problem found; the message shows them."""

    def __init__(self, file: str, problems: Sequence[ProfileProblem]) -> None:
        self.problems = list(problems)
        if len(self.problems) == 1:
            message = self.problems[0].describe()
        else:
            message = f"{len(self.problems)}件の誤りがあります\n" + "\n".join(
                "・" + p.describe() for p in self.problems)
        super().__init__(file, message)


@dataclass(frozen=True)
class CompiledProfile:
    """A checked profile with its conditions compiled (enabled rules only are scored)."""

    profile: Profile
    person: tuple[tuple[Rule, Condition], ...]
    household: tuple[tuple[Rule, Condition], ...]
    categories: tuple[tuple[str, Condition], ...]

    @property
    def enabled_person(self) -> tuple[tuple[Rule, Condition], ...]:
        return tuple(rc for rc in self.person if rc[0].enabled)

    @property
    def enabled_household(self) -> tuple[tuple[Rule, Condition], ...]:
        return tuple(rc for rc in self.household if rc[0].enabled)


# --- checking and compiling ------------------------------------------------------------------


def _problem(where: str, message: str, rule_id: str | None = None, *, level: str | None = None,
             index: int | None = None, field: str | None = None) -> ProfileProblem:
    return ProfileProblem(where, message, rule_id or None, level, index, field)


_PERSON_FORBIDDEN = {PERSON_SCORE: f"「{PERSON_SCORE}」は個人の規則では使えません（個人の規則の結果です。"
                                   "世帯の規則と区分で使えます）"}


def _cell(level: str, index: int, name: str) -> dict[str, Any]:
    """Where in the rule tables a problem is (see :class:`ProfileProblem`)."""
    return {"level": level, "index": index, "field": name}


def _rule_where(level: str, rule: Rule | None, index: int) -> str:
    kind = "個人の規則" if level == "person" else "世帯の規則"
    if rule is None or not rule.id:
        return f"{kind} {index + 1}番目"
    return f"{kind}「{rule.id}」"


def compile_profile(profile: Profile) -> CompiledProfile:
    """Check every rule, category and band; raise :class:`ProfileError` listing all problems.

    Cached per profile, so re-scoring with the same profile does not parse its conditions again.
    """
    try:
        return _compile_cached(profile)
    except TypeError:  # a profile built with lists instead of tuples is not hashable
        return _compile(profile)


@functools.lru_cache(maxsize=64)
def _compile_cached(profile: Profile) -> CompiledProfile:
    return _compile(profile)


def _compile(profile: Profile) -> CompiledProfile:
    problems: list[ProfileProblem] = []
    if not profile.name.strip():
        problems.append(_problem("[profile]", "name（プロファイル名）がありません"))
    if profile.version < 0:
        problems.append(_problem("[profile]", "version は0以上の整数です"))
    seen: dict[str, str] = {}
    compiled: dict[str, list[tuple[Rule, Condition]]] = {"person": [], "household": []}
    for level, rules in (("person", profile.person_rules), ("household", profile.household_rules)):
        for i, rule in enumerate(rules):
            where = _rule_where(level, rule, i)
            before = len(problems)
            if not _ID.match(rule.id or ""):
                problems.append(_problem(
                    where, "id は1〜40文字で、空白・カンマ・引用符を含まない文字列にしてください", rule.id,
                    **_cell(level, i, "id")))
            elif rule.id in seen:
                problems.append(_problem(where, f"id「{rule.id}」が重複しています（{seen[rule.id]}）",
                                                     rule.id, **_cell(level, i, "id")))
            else:
                seen[rule.id] = where
            if not rule.label.strip():
                problems.append(_problem(where, "label（表示名）が空です", rule.id, **_cell(level, i, "label")))
            elif len(rule.label) > 100:
                problems.append(_problem(where, "label（表示名）は100文字以内にしてください", rule.id, **_cell(level, i, "label")))
            if isinstance(rule.points, bool) or not isinstance(rule.points, int):
                problems.append(_problem(where, f"points（点数）は整数です（{rule.points!r}）", rule.id, **_cell(level, i, "points")))
            elif abs(rule.points) > MAX_POINTS:
                problems.append(_problem(where, f"points（点数）は ±{MAX_POINTS} 以内です", rule.id, **_cell(level, i, "points")))
            if rule.category is not None and rule.category not in CATEGORIES:
                problems.append(_problem(
                    where, f"category「{rule.category}」はありません（{'・'.join(CATEGORIES)}）", rule.id,
                    **_cell(level, i, "category")))
            if level == "household" and rule.category is not None:
                problems.append(_problem(
                    where, "category は個人の規則にだけ付けられます（世帯の区分は世帯員の区分から決まります）", rule.id,
                    **_cell(level, i, "category")))
            try:
                cond = compile_condition(rule.when, SCHEMA, level,  # type: ignore[arg-type]
                                         forbidden=_PERSON_FORBIDDEN if level == "person" else None)
            except ExprError as e:
                problems.append(_problem(where, f"条件「{rule.when}」 {e.describe()}", rule.id, **_cell(level, i, "when")))
                continue
            if len(problems) == before:
                compiled[level].append((rule, cond))
    cats: list[tuple[str, Condition]] = []
    seen_cat: set[str] = set()
    for name, text in profile.categories:
        where = f"[categories]「{name}」"
        if name not in CATEGORIES:
            problems.append(_problem(where, f"区分「{name}」はありません（{'・'.join(CATEGORIES)}）"))
            continue
        if name in seen_cat:
            problems.append(_problem(where, "同じ区分が2回あります"))
            continue
        seen_cat.add(name)
        try:
            cats.append((name, compile_condition(text, SCHEMA, "person")))
        except ExprError as e:
            problems.append(_problem(where, f"条件「{text}」 {e.describe()}"))
    if not profile.bands:
        problems.append(_problem("[bands]", "帯が1つもありません（例: \"低\" = 0）"))
    minima: dict[int, str] = {}
    names: set[str] = set()
    for b in profile.bands:
        where = f"[bands]「{b.name}」"
        if not b.name.strip() or len(b.name) > 40:
            problems.append(_problem(where, "帯の名前は1〜40文字です"))
        if b.name in names:
            problems.append(_problem(where, "同じ名前の帯が2つあります"))
        names.add(b.name)
        if isinstance(b.minimum, bool) or not isinstance(b.minimum, int):
            problems.append(_problem(where, f"帯の下限は整数です（{b.minimum!r}）"))
        elif b.minimum in minima:
            problems.append(_problem(where, f"下限 {b.minimum} が「{minima[b.minimum]}」と同じです"))
        else:
            minima[b.minimum] = b.name
    for s in profile.severe_ryoiku:
        if not normalize_value(s):
            problems.append(_problem("[profile]", "「重度療育」に空の区分があります"))
    if problems:
        raise ProfileError(profile.source, problems)
    order = {c: i for i, c in enumerate(CATEGORIES)}
    return CompiledProfile(profile, tuple(compiled["person"]), tuple(compiled["household"]),
                           tuple(sorted(cats, key=lambda c: order[c[0]])))


# --- reading ---------------------------------------------------------------------------------

_TOP = ("profile", "person", "household", "categories", "bands")
_PROFILE_KEYS = ("name", "version", "description", "重度療育")
_RULE_KEYS = ("id", "label", "when", "points", "category", "enabled")
_UNQUOTED_KEY = re.compile(r"^\s*\[?[^\s\"'=\[\]]*[^\x00-\x7f][^\s\"'=\[\]]*\s*[=\]]")


def _toml_hint(text: str, error: tomllib.TOMLDecodeError) -> str:
    """TOML 1.0 bare keys are ASCII only: staff naturally write 高齢者 = … without quotes."""
    m = re.search(r"at line (\d+)", str(error))
    lines = text.splitlines()
    if m is None or not 1 <= int(m[1]) <= len(lines) or not _UNQUOTED_KEY.match(lines[int(m[1]) - 1]):
        return ""
    return "（日本語のキーは \"高齢者\" = … のように引用符 \" で囲んでください）"


def parse_profile(text: str, source: str = "プロファイル") -> Profile:
    """A profile from TOML text; raises :class:`ProfileError` naming every problem."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ProfileError(source, [ProfileProblem("", f"TOML の書式が誤っています: {e}{_toml_hint(text, e)}")]) \
            from None
    problems: list[ProfileProblem] = []
    for key in raw:
        if key not in _TOP:
            problems.append(ProfileProblem("", f"不明な表「{key}」があります（{', '.join(_TOP)} のみ）"))
    head = raw.get("profile", {})
    if not isinstance(head, dict):
        problems.append(ProfileProblem("[profile]", "表でなければなりません"))
        head = {}
    for key in head:
        if key not in _PROFILE_KEYS:
            problems.append(ProfileProblem("[profile]", f"不明なキー「{key}」があります（{', '.join(_PROFILE_KEYS)}）"))
    name = head.get("name", "")
    if not isinstance(name, str):
        problems.append(ProfileProblem("[profile]", "name は文字列です"))
        name = str(name)
    version = head.get("version", 1)
    if isinstance(version, bool) or not isinstance(version, int):
        problems.append(ProfileProblem("[profile]", f"version は整数です（{version!r}）"))
        version = 1
    description = head.get("description", "")
    if not isinstance(description, str):
        problems.append(ProfileProblem("[profile]", "description は文字列です"))
        description = str(description)
    severe_raw = head.get("重度療育", list(DEFAULT_SEVERE_RYOIKU))
    if not isinstance(severe_raw, list) or not all(isinstance(s, str) for s in severe_raw):
        problems.append(ProfileProblem("[profile]", "「重度療育」は文字列のリストです（例: [\"A\", \"Ⓐ\"]）"))
        severe_raw = list(DEFAULT_SEVERE_RYOIKU)

    rules: dict[str, list[Rule]] = {"person": [], "household": []}
    for level in ("person", "household"):
        items = raw.get(level, [])
        label = "個人の規則" if level == "person" else "世帯の規則"
        if not isinstance(items, list) or not all(isinstance(t, dict) for t in items):
            problems.append(ProfileProblem(f"[[{level}]]", f"{label}は [[{level}]] の表の並びで書いてください"))
            continue
        for i, t in enumerate(items):
            rid = t.get("id")
            where = f"{label}「{rid}」" if isinstance(rid, str) and rid else f"{label} {i + 1}番目"
            rule_id = rid if isinstance(rid, str) and rid else None
            for key in t:
                if key not in _RULE_KEYS:
                    problems.append(ProfileProblem(where, f"不明なキー「{key}」があります（{', '.join(_RULE_KEYS)}）",
                                                   rule_id))
            missing = [k for k in ("id", "label", "when", "points") if k not in t]
            if missing:
                problems.append(ProfileProblem(where, f"{', '.join(missing)} がありません", rule_id))
            wrong = [k for k in ("id", "label", "when") if k in t and not isinstance(t[k], str)]
            if "category" in t and not isinstance(t["category"], str):
                wrong.append("category")
            if wrong:
                problems.append(ProfileProblem(where, f"{', '.join(wrong)} は文字列で書いてください", rule_id))
            if "enabled" in t and not isinstance(t["enabled"], bool):
                problems.append(ProfileProblem(where, "enabled は true か false です", rule_id))
            points = t.get("points", 0)
            if isinstance(points, float) and points.is_integer():
                points = int(points)
            if missing or wrong or ("enabled" in t and not isinstance(t["enabled"], bool)):
                continue
            rules[level].append(Rule(id=t["id"], label=t["label"], when=t["when"], points=points,
                                     category=t.get("category"), enabled=t.get("enabled", True)))

    cats_raw = raw.get("categories", {})
    categories: list[tuple[str, str]] = []
    if not isinstance(cats_raw, dict):
        problems.append(ProfileProblem("[categories]", "表でなければなりません"))
    else:
        for k, v in cats_raw.items():
            if not isinstance(v, str):
                problems.append(ProfileProblem(f"[categories]「{k}」", "条件を文字列で書いてください"))
            else:
                categories.append((k, v))
    bands: list[Band] = []
    bands_raw = raw.get("bands")
    if bands_raw is None:
        bands = list(DEFAULT_BANDS)
    elif not isinstance(bands_raw, dict):
        problems.append(ProfileProblem("[bands]", "表でなければなりません（\"低\" = 0 のように）"))
    else:
        for k, v in bands_raw.items():
            if isinstance(v, bool) or not isinstance(v, int):
                problems.append(ProfileProblem(f"[bands]「{k}」", f"帯の下限は整数です（{v!r}）"))
            else:
                bands.append(Band(k, v))
        if not bands and bands_raw:  # every band was wrong (reported above): check the rest as usual
            bands = list(DEFAULT_BANDS)
    profile = Profile(
        name=name, version=version, description=description,
        severe_ryoiku=tuple(severe_raw), person_rules=tuple(rules["person"]),
        household_rules=tuple(rules["household"]), categories=tuple(categories),
        bands=tuple(sorted(bands, key=lambda b: b.minimum)), source=source,
    )
    try:
        compile_profile(profile)
    except ProfileError as e:
        problems.extend(e.problems)
    if problems:
        raise ProfileError(source, problems)
    return profile


def load_profile(path: str | Path) -> Profile:
    """Read and check a profile file (UTF-8, with or without BOM)."""
    path = Path(path)
    return parse_profile(read_config_text(path, "プロファイル"), path.name)


def default_profile() -> Profile:
    """The profile shipped with the app (domain.md's table)."""
    return load_profile(DEFAULT_PROFILE_PATH)


# --- writing ---------------------------------------------------------------------------------

_BARE = re.compile(r"^[A-Za-z0-9_-]+$")


def _str(s: str) -> str:
    if "'" not in s and '"' in s and not any(ord(c) < 32 or ord(c) == 127 for c in s):
        return f"'{s}'"  # literal string: conditions with "…" stay readable
    out = []
    for c in s:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c == "\n":
            out.append("\\n")
        elif c == "\t":
            out.append("\\t")
        elif c == "\r":
            out.append("\\r")
        elif ord(c) < 32 or ord(c) == 127:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def _key(k: str) -> str:
    return k if _BARE.match(k) else _str(k)


def _value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, str):
        return _str(v)
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(_value(x) for x in v) + "]"
    raise TypeError(type(v))


def _table(pairs: Mapping[str, Any]) -> list[str]:
    return [f"{_key(k)} = {_value(v)}" for k, v in pairs.items()]


def profile_to_toml(profile: Profile) -> str:
    """The profile as TOML that :func:`parse_profile` reads back to an equal profile."""
    lines = ["# 援護度プロファイル（wardapp）。書式: docs/scoring.md", "", "[profile]"]
    lines += _table({"name": profile.name, "version": profile.version, "description": profile.description,
                     "重度療育": list(profile.severe_ryoiku)})
    lines += ["", "# 区分（画面と印刷の色・記号）: 個人の条件。規則の category でも付きます。", "[categories]"]
    lines += _table(dict(profile.categories))
    lines += ["", "# 帯: 名前 = その帯の最低の世帯スコア", "[bands]"]
    lines += _table({b.name: b.minimum for b in sorted(profile.bands, key=lambda b: b.minimum)})
    for level, rules in (("person", profile.person_rules), ("household", profile.household_rules)):
        for r in rules:
            d: dict[str, Any] = {"id": r.id, "label": r.label, "when": r.when, "points": r.points}
            if r.category is not None:
                d["category"] = r.category
            if not r.enabled:
                d["enabled"] = False
            lines += ["", f"[[{level}]]"] + _table(d)
    return "\n".join(lines) + "\n"


def save_profile(profile: Profile, path: str | Path, *, version: int | None = None) -> Profile:
    """Write ``profile`` to ``path`` with its version bumped (or set to ``version``).

    The profile is checked first: a profile that would not load is never written
    (:class:`ProfileError`).  The file is replaced atomically.  Returns the saved profile.
    """
    path = Path(path)
    new = replace(profile, version=profile.version + 1 if version is None else version, source=path.name)
    compile_profile(new)
    text = profile_to_toml(new)
    tmp = path.with_name(path.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8", newline="\n")
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ConfigError(path.name, f"保存できません: {e.strerror or e}") from None
    return new
