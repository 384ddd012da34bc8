"""受講者: entry from their own sign-up, duplicates caught at entry, and the explicit registry link."""

from __future__ import annotations

import datetime as dt

import pytest
from outreach_helpers import STAFF, Ward, ward  # noqa: F401 — fixture
from sqlalchemy import inspect, select

from wardapp import outreach as o
from wardapp.errors import ConflictError, PermissionDenied, UsageError
from wardapp.outreach.participants import DuplicateParticipantError, age_band_of, phone_key
from wardapp.store import Base, Household, Person
from wardapp.security import audit
from wardapp.security.access import Actor
from wardapp.security.roles import Role
from wardapp.store.models import ClassParticipant, ParticipantLink


def _hanako(**kw: object) -> o.ParticipantData:
    base: dict[str, object] = {"name": "架空　花子", "kana": "カクウ　ハナコ", "phone": "000-123-4567",
                               "birth_date": dt.date(1950, 3, 3), "device": "ガラケー"}
    return o.ParticipantData(**{**base, **kw})  # type: ignore[arg-type]


@pytest.mark.parametrize(("kana", "phone"), [
    ("カクウ　ハナコ", "000-123-4567"),
    ("かくう はなこ", "000-123-4567"),
    ("ｶｸｳ ﾊﾅｺ", "0001234567"),
    ("カクウハナコ", "０００－１２３－４５６７"),
    ("かくう　はなこ", "(000)123-4567"),
])
def test_same_kana_and_phone_is_a_duplicate(ward: Ward, kana: str, phone: str) -> None:
    first = o.register_participant(ward.store, _hanako(), actor=STAFF)
    with pytest.raises(DuplicateParticipantError) as e:
        o.register_participant(ward.store, _hanako(name="架空 はなこ", kana=kana, phone=phone, birth_date=None), actor=STAFF)
    assert e.value.existing_id == first
    assert isinstance(e.value, ConflictError)
    assert e.value.message_ja == ("架空　花子（カクウ　ハナコ・電話 000-123-4567・生年月日 1950-03-03）さんは既に"
                                  f"受講者として登録されています（受講者ID {first}）。その方を選んでください。")


def test_not_duplicates(ward: Ward) -> None:
    o.register_participant(ward.store, _hanako(), actor=STAFF)
    o.register_participant(ward.store, _hanako(phone="000-999-0000"), actor=STAFF)             # 同姓同名, other phone
    o.register_participant(ward.store, _hanako(name="架空　一郎", kana="カクウ　イチロウ"), actor=STAFF)  # spouse, same landline
    matches = o.find_duplicates(ward.store, "かくう はなこ", "000-555-5555", actor=STAFF)
    assert len(matches) == 2 and not any(m.exact for m in matches)  # shown as 同姓同名 hints


def test_without_phone_kana_and_birth_date_decide(ward: Ward) -> None:
    first = o.register_participant(ward.store, _hanako(phone=None), actor=STAFF)
    with pytest.raises(DuplicateParticipantError) as e:
        o.register_participant(ward.store, _hanako(phone=None), actor=STAFF)
    assert e.value.existing_id == first
    o.register_participant(ward.store, _hanako(phone=None, birth_date=dt.date(1951, 1, 1)), actor=STAFF)
    o.register_participant(ward.store, _hanako(phone=None, birth_date=None, age_band="70代"), actor=STAFF)


def test_find_duplicates_puts_the_same_person_first(ward: Ward) -> None:
    other = o.register_participant(ward.store, _hanako(phone="000-999-0000"), actor=STAFF)
    same = o.register_participant(ward.store, _hanako(), actor=STAFF)
    found = o.find_duplicates(ward.store, "カクウ　ハナコ", "0001234567", actor=STAFF)
    assert [(m.id, m.exact) for m in found] == [(same, True), (other, False)]


def test_update_into_a_duplicate_is_refused(ward: Ward) -> None:
    a = o.register_participant(ward.store, _hanako(), actor=STAFF)
    b = o.register_participant(ward.store, _hanako(phone="000-999-0000"), actor=STAFF)
    o.update_participant(ward.store, b, _hanako(phone="000-999-0000", device="iPhone"), actor=STAFF)
    with pytest.raises(DuplicateParticipantError) as e:
        o.update_participant(ward.store, b, _hanako(), actor=STAFF)
    assert e.value.existing_id == a
    o.update_participant(ward.store, a, _hanako(needs=("補聴", "大きな文字")), actor=STAFF)
    assert o.get_participant(ward.store, a, actor=STAFF).needs == ("大きな文字", "補聴")


@pytest.mark.parametrize(("kw", "message"), [
    ({"name": "  "}, "氏名を入力"),
    ({"kana": "架空 花子"}, "フリガナはカナで"),
    ({"device": "スマホ"}, "端末「スマホ」"),
    ({"needs": ("送迎",)}, "配慮事項「送迎」"),
    ({"birth_date": None, "age_band": "70歳代"}, "年代「70歳代」"),
    ({"birth_date": dt.date(2100, 1, 1)}, "生年月日 2100-01-01"),
])
def test_invalid_entries(ward: Ward, kw: dict[str, object], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        o.register_participant(ward.store, _hanako(**kw), actor=STAFF)


def test_entry_is_normalised(ward: Ward) -> None:
    pid = o.register_participant(ward.store, _hanako(name=" 架空 花子 ", kana="かくう  はなこ", phone="０００-１２３-４５６７"), actor=STAFF)
    d = o.get_participant(ward.store, pid, actor=STAFF)
    assert (d.name, d.kana, d.phone) == ("架空　花子", "カクウ　ハナコ", "000-123-4567")


def test_age_band() -> None:
    on = dt.date(2026, 4, 1)
    assert age_band_of(dt.date(1950, 4, 2), None, on) == "70代"
    assert age_band_of(dt.date(1956, 4, 1), None, on) == "70代"
    assert age_band_of(dt.date(1966, 4, 2), None, on) == "50代以下"
    assert age_band_of(dt.date(1930, 1, 1), None, on) == "90歳以上"
    assert age_band_of(None, "80代", on) == "80代"
    assert phone_key("ー") is None and phone_key("045(123)4567") == "0451234567"


def test_search_by_kana_name_or_phone(ward: Ward) -> None:
    a = o.register_participant(ward.store, _hanako(), actor=STAFF)
    b = o.register_participant(ward.store, o.ParticipantData("見本　花子", "ミホン　ハナコ", "000-777-1111"), actor=STAFF)
    assert [m.id for m in o.search_participants(ward.store, "はなこ", actor=STAFF)] == [a, b]
    assert [m.id for m in o.search_participants(ward.store, "ﾐﾎﾝ", actor=STAFF)] == [b]  # beginning of カナ first
    assert [m.id for m in o.search_participants(ward.store, "見本", actor=STAFF)] == [b]
    assert [m.id for m in o.search_participants(ward.store, "7771", actor=STAFF)] == [b]
    assert o.search_participants(ward.store, " ", actor=STAFF) == []


# --- privacy: apart from the registry, linked only explicitly -------------------------------------

def test_participants_have_no_foreign_key_to_the_registry() -> None:
    t = Base.metadata.tables["class_participants"]
    assert {fk.column.table.name for fk in t.foreign_keys} == {"towns"}
    for name, table in Base.metadata.tables.items():
        if name.startswith("class_") or name == "participant_links":
            assert "persons" not in {fk.column.table.name for fk in table.foreign_keys}, name


def _registry_person(ward: Ward, person_no: str = "0000012345") -> None:
    with ward.store.transaction() as s:
        h = Household(household_no="0001", address="みどり一丁目1番1号")
        s.add(h)
        s.flush()
        s.add(Person(person_no=person_no, household_id=h.id, name="架空　花子", kana="カクウ　ハナコ",
                     kana_key="カクウハナコ", birth_date=dt.date(1950, 3, 3), sex=2, relationship_="世帯主",
                     address="みどり一丁目1番1号"))


def test_registering_reads_nothing_from_the_registry(ward: Ward) -> None:
    _registry_person(ward)
    pid = o.register_participant(ward.store, _hanako(birth_date=None, phone=None, age_band="70代"), actor=STAFF)
    d = o.get_participant(ward.store, pid, actor=STAFF)
    assert (d.birth_date, d.phone, d.address) == (None, None, None)  # not filled from the registry
    assert o.participant_links(ward.store, pid, actor=_staff("区民活動支援課 架空")) == []


def test_link_is_explicit_and_logged(ward: Ward) -> None:
    _registry_person(ward)
    pid = o.register_participant(ward.store, _hanako(), actor=STAFF)
    link = o.link_participant(ward.store, pid, "0000012345", actor=_staff("区民活動支援課 架空"),
                              reason="本人の申出（防災アプリ講座の案内）")
    assert link.active and link.linked_by == "区民活動支援課 架空" and link.person_no == "0000012345"
    with pytest.raises(ConflictError, match="既に宛名番号「0000012345」と紐付いています"):
        o.link_participant(ward.store, pid, "0000012345", actor=_staff("別の職員"), reason="重複")
    gone = o.unlink_participant(ward.store, pid, actor=_staff("別の職員"), reason="誤り")
    assert not gone.active and gone.removed_by == "別の職員"
    o.link_participant(ward.store, pid, "0000012345", actor=_staff("区民活動支援課 架空"), reason="再確認")
    history = o.participant_links(ward.store, pid, actor=_staff("区民活動支援課 架空"))
    assert [h.active for h in history] == [True, False]  # rows are never deleted
    assert [r.linked for r in o.list_participants(ward.store, actor=STAFF)] == [True]
    logged = [e.action for e in audit.entries(ward.store, _staff("監査", Role.ADMIN))]
    assert logged.count("participant.link") == 2 and logged.count("participant.unlink") == 1


def test_outreach_staff_may_not_link(ward: Ward) -> None:
    """地域支援担当 never reaches registry details: linking is refused and nothing is written."""
    _registry_person(ward)
    pid = o.register_participant(ward.store, _hanako(), actor=STAFF)
    with pytest.raises(PermissionDenied):
        o.link_participant(ward.store, pid, "0000012345", actor=_staff("教室担当", Role.OUTREACH), reason="案内")
    with ward.store.session() as s:
        assert s.scalars(select(ParticipantLink)).all() == []


def _staff(name: str, role: Role = Role.REGISTRY) -> Actor:
    return Actor(name, role)


@pytest.mark.parametrize(("person_no", "user", "reason", "message"), [
    ("0000012345", "", "理由", "職員名"),
    ("0000012345", "職員", " ", "理由を入力"),
    ("9999999999", "職員", "理由", "宛名番号「9999999999」は住民記録にありません"),
])
def test_link_refusals(ward: Ward, person_no: str, user: str, reason: str, message: str) -> None:
    _registry_person(ward)
    pid = o.register_participant(ward.store, _hanako(), actor=STAFF)
    with pytest.raises(UsageError, match=message):
        o.link_participant(ward.store, pid, person_no, actor=_staff(user), reason=reason)
    with ward.store.session() as s:
        assert s.scalars(select(ParticipantLink)).all() == []


def test_merge_two_entries_of_one_person(ward: Ward) -> None:
    r = o.create_series(ward.store, ward.course, ward.plan(), count=2, actor=STAFF)
    keep = o.register_participant(ward.store, _hanako(), actor=STAFF)
    drop = o.register_participant(ward.store, _hanako(kana="カクウ　ハナ", phone=None), actor=STAFF)
    o.enrol(ward.store, r.session_ids[0], keep, "電話", actor=STAFF)
    e = o.enrol(ward.store, r.session_ids[0], drop, "窓口", actor=STAFF)
    o.enrol(ward.store, r.session_ids[1], drop, "窓口", actor=STAFF)
    o.check_in(ward.store, e.enrolment_id, actor=STAFF)
    o.merge_participants(ward.store, keep, drop, actor=STAFF)
    hist = o.participant_history(ward.store, keep, actor=STAFF)
    assert sorted((h.session_id, h.attendance) for h in hist) == [(r.session_ids[0], "出席"), (r.session_ids[1], None)]
    with ward.store.session() as s:
        assert s.get(ClassParticipant, drop) is None


def test_erase_keeps_the_figures_but_not_the_person(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    pid = o.register_participant(ward.store, _hanako(needs=("補聴",)), actor=STAFF)
    e = o.enrol(ward.store, sid, pid, "電話", actor=STAFF)
    o.check_in(ward.store, e.enrolment_id, actor=STAFF)
    o.record_survey(ward.store, sid, o.SurveyAnswer(5, True, participant_id=pid), actor=STAFF)
    o.erase_participant(ward.store, pid, on=dt.date(2026, 4, 1), actor=STAFF)
    d = o.get_participant(ward.store, pid, actor=STAFF)
    assert (d.name, d.phone, d.birth_date, d.needs, d.age_band) == ("（削除済み）", None, None, (), "70代")
    assert o.list_sessions(ward.store, actor=STAFF)[0].present == 1
    assert o.list_surveys(ward.store, sid, actor=STAFF)[0].answer.participant_id is None


def test_schema_has_the_outreach_tables(ward: Ward) -> None:
    names = set(inspect(ward.store.engine).get_table_names())
    assert {"class_courses", "class_series", "class_sessions", "class_participants", "class_enrolments",
            "class_surveys", "class_topics", "participant_links"} <= names
