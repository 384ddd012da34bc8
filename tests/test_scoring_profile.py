"""Scoring profiles: the shipped default is domain.md's table; errors name the rule; save/load round trip."""

from __future__ import annotations

import json
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from wardapp.errors import ConfigError
from wardapp.scoring.profile import (
    CATEGORIES,
    DEFAULT_PROFILE_PATH,
    Band,
    Profile,
    ProfileError,
    Rule,
    compile_profile,
    default_profile,
    load_profile,
    parse_profile,
    save_profile,
)

# domain.md, "Support score — a starting profile", rule by rule.
DOMAIN_PERSON = {
    "age75": 3, "age65": 1, "infant": 3, "toddler": 2, "pregnant": 3,
    "care_support": 1, "care_12": 3, "care_35": 5,
    "physical_12": 5, "physical_34": 3, "physical_56": 1,
    "ryoiku_severe": 4, "ryoiku_other": 2, "mental_1": 3, "mental_23": 2,
    "nanbyo": 2, "medical_care": 5, "japanese": 1,
}
DOMAIN_HOUSEHOLD = {"alone65": 3, "all75": 3, "no_helper": 2, "flood_05": 2, "flood_3": 4}

MINIMAL = """
[profile]
name = "試験"
version = 3

[[person]]
id = "old"
label = "高齢"
when = "年齢 >= 65"
points = 1
"""


def problems(text: str) -> ProfileError:
    with pytest.raises(ProfileError) as e:
        parse_profile(text, "試験.toml")
    return e.value


def rule_toml(level: str = "person", **kw: object) -> str:
    fields = {"id": "r1", "label": "規則", "when": "年齢 >= 65", "points": 1} | kw
    body = "\n".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" if isinstance(v, str) else
                     f"{k} = {str(v).lower() if isinstance(v, bool) else v}" for k, v in fields.items()
                     if v is not None)
    return f'[profile]\nname = "試験"\n\n[[{level}]]\n{body}\n'


# --- the default profile -----------------------------------------------------------------------


def test_default_profile_is_the_domain_table() -> None:
    p = default_profile()
    assert {r.id: r.points for r in p.person_rules} == DOMAIN_PERSON
    assert {r.id: r.points for r in p.household_rules} == DOMAIN_HOUSEHOLD
    assert all(r.enabled for r in p.person_rules + p.household_rules)
    assert [c for c, _ in p.categories] == list(CATEGORIES)
    assert [(b.name, b.minimum) for b in p.bands] == [("低", 0), ("中", 5), ("高", 10), ("最優先", 15)]
    assert "Ⓐ" in p.severe_ryoiku and "A" in p.severe_ryoiku
    assert p.version >= 1 and p.name
    cp = compile_profile(p)
    assert len(cp.person) == len(DOMAIN_PERSON) and len(cp.household) == len(DOMAIN_HOUSEHOLD)


def test_default_profile_file_is_plain_toml_with_quoted_japanese_keys() -> None:
    raw = tomllib.loads(DEFAULT_PROFILE_PATH.read_text(encoding="utf-8"))
    assert set(raw) == {"profile", "categories", "bands", "person", "household"}
    assert "重度療育" in raw["profile"]


# --- round trip and saving ---------------------------------------------------------------------


def test_round_trip_is_exact() -> None:
    p = default_profile()
    again = parse_profile(p.to_toml())
    assert again == p
    assert again.sha256 == p.sha256
    odd = replace(p, name='引用符 " と \\ と改行\nを含む名前', description="タブ\tも",
                  person_rules=p.person_rules + (Rule("x-1", "無効な規則", '療育手帳 == "Ⓐ"', -2, "障害者", False),))
    assert parse_profile(odd.to_toml()) == odd


def test_save_bumps_version_and_writes_loadable_toml(tmp_path: Path) -> None:
    p = parse_profile(MINIMAL)
    path = tmp_path / "区の設定.toml"
    saved = save_profile(p, path)
    assert saved.version == 4
    assert load_profile(path) == saved
    assert save_profile(saved, path).version == 5
    assert load_profile(path).version == 5
    assert save_profile(saved, path, version=10).version == 10
    assert [x.name for x in tmp_path.iterdir()] == ["区の設定.toml"]  # no temporary file left


def test_save_refuses_a_broken_profile_and_keeps_the_file(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    p = save_profile(parse_profile(MINIMAL), path)
    before = path.read_bytes()
    broken = replace(p, person_rules=(Rule("bad", "壊れた規則", "年齢 >=", 1),))
    with pytest.raises(ProfileError) as e:
        save_profile(broken, path)
    assert "bad" in str(e.value)
    assert path.read_bytes() == before


def test_sha256_ignores_comments_and_source() -> None:
    p = parse_profile(MINIMAL, "a.toml")
    q = parse_profile("# コメント\n" + MINIMAL.replace('points = 1', 'points = 1  # 1点'), "b.toml")
    assert p == q and p.sha256 == q.sha256
    assert replace(p, version=4).sha256 != p.sha256


# --- errors ------------------------------------------------------------------------------------


def test_profile_error_is_a_config_error_naming_the_file() -> None:
    e = problems(rule_toml(when="年齢 >="))
    assert isinstance(e, ConfigError) and e.exit_code == 3
    assert str(e).startswith("試験.toml: ")


@pytest.mark.parametrize(("text", "fragments"), [
    (rule_toml(when="年齢 >= 75 75"), ["個人の規則「r1」", "条件「年齢 >= 75 75」", "10文字目", "余分な"]),
    (rule_toml(when='年齢 >= "75"'), ["「r1」", "比べられません"]),
    (rule_toml(when="全員(年齢 >= 75)"), ["「r1」", "世帯の規則でだけ"]),
    (rule_toml(when="個人スコア >= 3"), ["「r1」", "個人スコア", "個人の規則では使えません"]),
    (rule_toml(when="浸水深 >= 3"), ["「r1」", "世帯の項目"]),
    (rule_toml("household", when="年齢 >= 75"), ["世帯の規則「r1」", "個人の項目"]),
    (rule_toml(when="年令 >= 75"), ["「r1」", "項目「年令」はありません", "年齢"]),
    (rule_toml(points=1.5), ["「r1」", "points", "整数"]),
    (rule_toml(points="3"), ["「r1」", "points", "整数"]),
    (rule_toml(points=5000), ["「r1」", "±1000"]),
    (rule_toml(category="老人"), ["「r1」", "category「老人」はありません"]),
    (rule_toml("household", when="独居", category="高齢者"), ["「r1」", "個人の規則にだけ"]),
    (rule_toml(id="a b"), ["「a b」", "id は"]),
    (rule_toml(id="a,b"), ["id は"]),
    (rule_toml(label=""), ["「r1」", "label", "空"]),
    (rule_toml(when=None), ["「r1」", "when がありません"]),
    (rule_toml(poins=2), ["「r1」", "不明なキー「poins」"]),
    (rule_toml(enabled="yes"), ["「r1」", "enabled"]),
    (rule_toml(when=3), ["「r1」", "when は文字列"]),
    (rule_toml(id=None), ["個人の規則 1番目", "id がありません"]),
])
def test_rule_errors_name_the_rule_and_the_problem(text: str, fragments: list[str]) -> None:
    msg = str(problems(text))
    for f in fragments:
        assert f in msg, msg


@pytest.mark.parametrize(("text", "fragments"), [
    ('[profile]\nname = "x"\n[categories]\n"老人" = "年齢 >= 65"\n', ["[categories]「老人」", "ありません"]),
    ('[profile]\nname = "x"\n[categories]\n"高齢者" = "年齢 >="\n', ["[categories]「高齢者」", "文字目"]),
    ('[profile]\nname = "x"\n[categories]\n"高齢者" = 65\n', ["[categories]「高齢者」", "文字列"]),
    ('[profile]\nname = "x"\n[bands]\n"低" = 0\n"高" = "10"\n', ["[bands]「高」", "整数"]),
    ('[profile]\nname = "x"\n[bands]\n"低" = 0\n"高" = 0\n', ["[bands]「高」", "「低」と同じ"]),
    ('[profile]\nname = "x"\n[bands]\n', ["[bands]", "1つもありません"]),
    ('[profile]\nname = "x"\n"重度療育" = "A"\n', ["[profile]", "重度療育"]),
    ('[profile]\nname = "x"\nversion = "2"\n', ["[profile]", "version は整数"]),
    ('[profile]\nversion = 1\n', ["name", "ありません"]),
    ('[profile]\nname = "x"\nauthor = "y"\n', ["[profile]", "不明なキー「author」"]),
    ('[profile]\nname = "x"\n[rules]\n', ["不明な表「rules」"]),
    ('person = 3\n[profile]\nname = "x"\n', ["[[person]]"]),
    ('[profile]\nname = "x"\n[categories]\n高齢者 = "年齢 >= 65"\n', ["TOML の書式", "引用符"]),
    ('[profile\nname = "x"\n', ["TOML の書式"]),
])
def test_section_errors(text: str, fragments: list[str]) -> None:
    msg = str(problems(text))
    for f in fragments:
        assert f in msg, msg


def test_duplicate_ids_across_levels() -> None:
    text = rule_toml() + '\n[[household]]\nid = "r1"\nlabel = "重複"\nwhen = "独居"\npoints = 1\n'
    e = problems(text)
    assert len(e.problems) == 1
    assert e.problems[0].rule_id == "r1"
    assert "重複しています" in e.problems[0].message and "個人の規則「r1」" in e.problems[0].message


def test_every_problem_is_reported_at_once() -> None:
    text = ('[profile]\nname = "x"\n'
            '[[person]]\nid = "a"\nlabel = "A"\nwhen = "年齢 >="\npoints = 1\n'
            '[[person]]\nid = "b"\nlabel = "B"\nwhen = "年齢 >= 1"\npoints = 1.5\n'
            '[[household]]\nid = "c"\nlabel = "C"\nwhen = "年齢 >= 1"\npoints = 1\n'
            '[bands]\n"低" = "0"\n')
    e = problems(text)
    assert [p.rule_id for p in e.problems if p.rule_id] == ["a", "b", "c"]
    assert len(e.problems) == 4
    assert str(e).count("\n・") == 4 and "4件の誤り" in str(e)


def test_load_profile_file_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as e:
        load_profile(tmp_path / "ない.toml")
    assert "ない.toml" in str(e.value)
    bad = tmp_path / "sjis.toml"
    bad.write_bytes('[profile]\nname = "試験"\n'.encode("cp932"))
    with pytest.raises(ConfigError) as e:
        load_profile(bad)
    assert "UTF-8" in str(e.value)
    bom = tmp_path / "bom.toml"
    bom.write_text(MINIMAL, encoding="utf-8-sig")
    assert load_profile(bom).name == "試験"


def test_profiles_built_in_code_are_checked_too() -> None:
    p = Profile("x", person_rules=(Rule("a", "A", "年齢 >= 1", 1), Rule("a", "B", "難病", 1)),
                bands=(Band("低", 0),), source="画面")
    with pytest.raises(ProfileError) as e:
        compile_profile(p)
    assert str(e.value).startswith("画面: ") and "重複" in str(e.value)
    ok = Profile("x", person_rules=(Rule("a", "A", "年齢 >= 1", 1),))
    assert compile_profile(ok) is compile_profile(ok)  # cached: re-scoring does not re-parse
