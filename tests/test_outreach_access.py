"""Who may use the スマホ教室 services (issue 9): the check is in the services themselves.

Participants' names, カナ, phones and birth dates are for the staff who run the classes
(地域支援担当, ``outreach.manage``); 閲覧 and 防災担当 see the classes as figures only
(``figures.view``).  A refused call writes nothing.
"""

from __future__ import annotations

import datetime as dt
import inspect
import json
from pathlib import Path

import pytest
from outreach_helpers import DAY, STAFF, Ward, ward  # noqa: F401 — fixture
from security_helpers import fast_argon2  # noqa: F401 — fixture
from sqlalchemy import func, select

from wardapp import outreach as o
from wardapp.cli import main
from wardapp.errors import PermissionDenied, UsageError
from wardapp.outreach import printing
from wardapp.security import audit, users
from wardapp.security.access import SYSTEM, Actor
from wardapp.security.roles import Role
from wardapp.store.models import ClassEnrolment, ClassParticipant, ClassSession

VIEWER = Actor(user="etsuran", role=Role.VIEWER, display_name="閲覧　花子")
DISASTER = Actor(user="bousai", role=Role.DISASTER, display_name="防災　次郎")
ADMIN = Actor(user="kanri", role=Role.ADMIN)


def _module_services() -> dict[str, object]:
    """Every public function of the outreach modules (not ict) whose first parameter is the store."""
    import wardapp.outreach as pkg

    out: dict[str, object] = {}
    for mod in ("attendance", "courses", "enrolment", "participants", "printing", "queries", "sessions", "surveys"):
        m = __import__(f"wardapp.outreach.{mod}", fromlist=["_"])
        for name, fn in vars(m).items():
            if name.startswith("_") or not inspect.isfunction(fn) or fn.__module__ != m.__name__:
                continue
            params = list(inspect.signature(fn).parameters)
            if params and params[0] in ("db", "store"):
                out[f"{mod}.{name}"] = fn
    assert pkg.list_participants is out["queries.list_participants"]
    return out


def test_every_service_declares_its_permission_and_takes_actor() -> None:
    services = _module_services()
    assert len(services) >= 50
    missing = [k for k, fn in services.items() if not hasattr(fn, "__permission__")]
    assert missing == []
    for k, fn in services.items():
        p = inspect.signature(fn).parameters["actor"]
        assert p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty, k


@pytest.mark.parametrize(("name", "permission"), [
    ("queries.list_participants", "outreach.manage"), ("attendance.checkin_rows", "outreach.manage"),
    ("enrolment.enrol", "outreach.manage"), ("enrolment.call_list", "outreach.manage"),
    ("printing.print_sign_in_sheet", "outreach.manage"), ("surveys.list_surveys", "outreach.manage"),
    ("participants.participant_links", "outreach.link_registry"),
    ("queries.year_summary", "figures.view"), ("queries.list_sessions", "figures.view"),
    ("queries.venues", "figures.view"), ("queries.fiscal_years", "figures.view"),
    ("surveys.aggregate_surveys", "figures.view"), ("courses.list_courses", "figures.view"),
])
def test_permission_of_each_kind_of_service(name: str, permission: str) -> None:
    assert _module_services()[name].__permission__ == permission  # type: ignore[attr-defined]


def _held_session(ward: Ward) -> tuple[int, int]:
    sid = o.create_session(ward.store, ward.course, ward.plan(date=DAY), actor=STAFF)
    pid = ward.person(1)
    e = o.enrol(ward.store, sid, pid, "電話", actor=STAFF)
    o.check_in(ward.store, e.enrolment_id, actor=STAFF)
    o.complete_session(ward.store, sid, on=DAY, actor=STAFF)
    return sid, pid


@pytest.mark.parametrize("who", [VIEWER, DISASTER, ADMIN], ids=["閲覧", "防災担当", "管理者"])
def test_roles_without_outreach_manage_see_no_participant(ward: Ward, who: Actor) -> None:
    sid, pid = _held_session(ward)
    store = ward.store
    calls = [
        lambda: o.list_participants(store, actor=who),
        lambda: o.search_participants(store, "シケン", actor=who),
        lambda: o.get_participant(store, pid, actor=who),
        lambda: o.find_duplicates(store, "シケン　イロウ", actor=who),
        lambda: o.checkin_rows(store, sid, actor=who),
        lambda: o.waiting_list(store, sid, actor=who),
        lambda: o.call_list(store, actor=who),
        lambda: o.attendance_sheet(store, sid, actor=who),
        lambda: o.participant_history(store, pid, actor=who),
        lambda: o.participation(store, actor=who),
        lambda: o.list_surveys(store, sid, actor=who),
        lambda: printing.sign_in_sheet_data(store, sid, actor=who),
        lambda: printing.guide_data(store, sid, [pid], actor=who),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied) as e:
            call()
        assert e.value.permission == "outreach.manage"
    assert "「スマホ教室・ICTアドバイザー派遣の管理」の権限がありません" in str(e.value)


@pytest.mark.parametrize("who", [VIEWER, DISASTER], ids=["閲覧", "防災担当"])
def test_refused_writes_change_nothing(ward: Ward, who: Actor) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(date=DAY + dt.timedelta(days=30)), actor=STAFF)
    pid = ward.person(1)
    with pytest.raises(PermissionDenied):
        o.enrol(ward.store, sid, pid, "電話", actor=who)
    with pytest.raises(PermissionDenied):
        o.enrol_series(ward.store, 1, pid, "電話", actor=who)
    with pytest.raises(PermissionDenied):
        o.register_participant(ward.store, o.ParticipantData("別人　三郎", "ベツジン　サブロウ"), actor=who)
    with pytest.raises(PermissionDenied):
        o.create_session(ward.store, ward.course, ward.plan(date=DAY + dt.timedelta(days=31)), actor=who)
    with pytest.raises(PermissionDenied):
        o.cancel_session(ward.store, sid, "台風", actor=who)
    with ward.store.session() as s:
        assert s.scalar(select(func.count()).select_from(ClassEnrolment)) == 0
        assert s.scalar(select(func.count()).select_from(ClassParticipant)) == 1
        assert s.scalar(select(func.count()).select_from(ClassSession)) == 1
        assert s.get(ClassSession, sid).status == "予定"  # type: ignore[union-attr]


def test_viewer_may_read_the_figures(ward: Ward) -> None:
    sid, _ = _held_session(ward)
    summary = o.year_summary(ward.store, 2026, actor=VIEWER)
    assert (summary.sessions_held, summary.attendances, summary.participants) == (1, 1, 1)
    assert o.fiscal_years(ward.store, actor=VIEWER) == [2026]
    rows = o.list_sessions(ward.store, actor=VIEWER)
    assert [(r.id, r.present) for r in rows] == [(sid, 1)]
    assert [v.name for v in o.venues(ward.store, actor=VIEWER)] == ["みどり地区センター", "みどり地域ケアプラザ"]
    assert [c.title for c in o.list_courses(ward.store, actor=DISASTER)] == ["はじめてのスマホ"]


def test_survey_comments_are_not_figures(ward: Ward) -> None:
    """閲覧 gets the survey figures without the free-text comments (people write names in them)."""
    sid, pid = _held_session(ward)
    o.record_survey(ward.store, sid, o.SurveyAnswer(5, True, {}, "田中さんの説明が分かりやすかった", pid), actor=STAFF)
    staff, viewer = (o.aggregate_surveys(ward.store, session_ids=[sid], actor=a) for a in (STAFF, VIEWER))
    assert [c.text for c in staff.comments] == ["田中さんの説明が分かりやすかった"]
    assert viewer.comments == [] and (viewer.responses, viewer.understood) == (1, 1)
    assert o.year_summary(ward.store, 2026, actor=VIEWER).surveys.comments == []


def test_no_actor_is_refused_with_a_sign_in_message(ward: Ward) -> None:
    with pytest.raises(PermissionDenied, match="ログインが必要です"):
        o.list_participants(ward.store, actor=None)  # type: ignore[arg-type]


def test_outreach_staff_may_not_see_registry_links(ward: Ward) -> None:
    pid = ward.person(1)
    with pytest.raises(PermissionDenied):
        o.participant_links(ward.store, pid, actor=STAFF)
    assert o.participant_links(ward.store, pid, actor=Actor("juki", Role.REGISTRY)) == []


def test_sign_in_sheet_print_is_audited(ward: Ward, tmp_path: Path) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(date=DAY), actor=STAFF)
    for n in (1, 2):
        o.enrol(ward.store, sid, ward.person(n), "電話", actor=STAFF)
    out = printing.print_sign_in_sheet(ward.store, sid, tmp_path / "sheet.pdf", actor=STAFF)
    assert out.exists()
    [entry] = [e for e in audit.entries(ward.store, ADMIN) if e.action == "print"]
    assert (entry.user, entry.object, entry.counts) == ("chiiki", "受付名簿", {"persons": 2})
    assert entry.details["area"] == "はじめてのスマホ（2026-05-12・みどり地区センター）"
    assert (entry.details["file"], entry.details["mode"]) == ("sheet.pdf", "PDF")
    assert entry.details["reason"] == printing.SIGN_IN_REASON


def test_guides_print_is_audited_and_no_file_is_left_without_an_entry(ward: Ward, tmp_path: Path) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(date=DAY), actor=STAFF)
    pids = [ward.person(1), ward.person(2), ward.person(3)]
    printing.print_course_guides(ward.store, sid, pids, tmp_path / "guides.pdf", actor=SYSTEM, reason="郵送")
    [entry] = [e for e in audit.entries(ward.store, ADMIN) if e.action == "print"]
    assert (entry.role, entry.object, entry.counts["persons"], entry.details["reason"]) == (
        "system", "受講案内", 3, "郵送")
    with pytest.raises(PermissionDenied):
        printing.print_sign_in_sheet(ward.store, sid, tmp_path / "no.pdf", actor=VIEWER)
    assert not (tmp_path / "no.pdf").exists()
    # The entry cannot be written (no reason): the PDF just rendered is removed again.
    with pytest.raises(UsageError, match="理由"):
        printing.print_sign_in_sheet(ward.store, sid, tmp_path / "blank.pdf", actor=STAFF, reason=" ")
    assert not (tmp_path / "blank.pdf").exists()
    assert len([e for e in audit.entries(ward.store, ADMIN) if e.action == "print"]) == 1


def test_registered_by_the_actor_when_no_user_is_given(ward: Ward) -> None:
    pid = o.register_participant(ward.store, o.ParticipantData("記録　四郎", "キロク　シロウ"), actor=STAFF)
    with ward.store.session() as s:
        assert s.get(ClassParticipant, pid).created_by == "chiiki"  # type: ignore[union-attr]


@pytest.mark.usefixtures("fast_argon2")
def test_cli_signs_in_on_a_store_with_users(ward: Ward, db_path: Path, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """``classes list`` (figures) is open to 閲覧; ``attendance-sheet`` (names) is not, and the
    print is logged under the signed-in user."""
    sid = o.create_session(ward.store, ward.course, ward.plan(date=DAY), actor=STAFF)
    o.enrol(ward.store, sid, ward.person(1), "電話", actor=STAFF)
    admin = users.create_admin(ward.store, "kanri", "admin-pass-1")
    users.add_user(ward.store, admin, "etsuran", Role.VIEWER, "viewer-pass-1")
    users.add_user(ward.store, admin, "chiiki", Role.OUTREACH, "outreach-pass-1")
    monkeypatch.setenv("WARDAPP_PASSWORD", "viewer-pass-1")
    assert main(["classes", "list", "--db", str(db_path), "--as", "etsuran", "--json"]) == 0
    assert [s["id"] for s in json.loads(capsys.readouterr().out)["sessions"]] == [sid]
    sheet = tmp_path / "sheet.pdf"
    args = ["attendance-sheet", "--session", str(sid), "--db", str(db_path), "--out", str(sheet)]
    assert main([*args, "--as", "etsuran"]) == 5
    assert "閲覧" in capsys.readouterr().err and not sheet.exists()
    monkeypatch.setenv("WARDAPP_PASSWORD", "outreach-pass-1")
    assert main([*args, "--as", "chiiki"]) == 0 and sheet.exists()
    [entry] = [e for e in audit.entries(ward.store, admin) if e.action == "print"]
    assert (entry.user, entry.object, entry.counts) == ("chiiki", "受付名簿", {"persons": 1})
