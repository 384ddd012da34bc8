"""Every service × every role: refused or allowed exactly as ``roles.MATRIX`` says (issue 9).

「Permissions are enforced in the core services, not only by hiding widgets: a test calls each
service as each role and checks what is refused.」

* **Discovery.**  Every headless ``wardapp`` module is imported and every function (or method)
  carrying ``__permission__`` (:func:`wardapp.security.access.requires`) is a service; so is
  every function whose body calls ``require(actor, …)`` (found in the source with :mod:`ast`).
  A service missing from the tables below fails :func:`test_every_service_has_a_case` — a new
  decorated service needs a case here.
* **Cases.**  The services of the registry, address, map, scoring and residents families get a
  real call on a small ward (:data:`CASES`): refused → :class:`PermissionDenied` naming the
  permission, and the database (rows and audit log) byte for byte as before; allowed → the call
  succeeds.  The スマホ教室 / ICT services (other modules, decorated) get a generic case
  (:data:`GENERIC`): the store for ``db``/``store`` and ``None`` for every other required
  argument — ``@requires`` checks before the body runs, so a refusal is a PermissionDenied with
  nothing changed, and an allowed call gets past the check (whatever the ``None`` arguments then
  do).  Services whose check sits inside the body and needs real arguments are covered by the
  test file named in :data:`ELSEWHERE` (checked to exist and to test PermissionDenied).
* **Audit.**  Each import, each household view, each profile change and the other changes leave
  exactly one audit entry with the right counts.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import pkgutil
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from address_samples import isj_town, write_isj_town
from core_helpers import dump_db
from data_factory import base_extract, write_csv
from geo_samples import facility_csv
from roster_ward import ON, build_roster_ward, town_id
from security_helpers import fast_argon2  # noqa: F401 — fixture

import wardapp
from wardapp.address.dictionary import import_addresses
from wardapp.address.matcher import address_key, fix_address, households_with_status, match_households
from wardapp.address.review import address_groups, load_review, manual_fixes, undo_fix
from wardapp.errors import PermissionDenied
from wardapp.geo.layers import import_layer
from wardapp.geo.mapdata import load_map_data
from wardapp.geo.selection import (
    TownsArea,
    delete_selection,
    save_selection,
    search_households,
    select_area,
)
from wardapp.mappack import import_map_pack
from wardapp.registry.importer import import_registry, import_registry_and_match
from wardapp.residents import household_members, load_residents
from wardapp.scoring import ScoringInput, default_profile, save_new_version, save_scores, score
from wardapp.scoring.ranking import HouseholdLabels
from wardapp.security import SYSTEM
from wardapp.security.access import Actor
from wardapp.security.audit import AuditFilter, entries
from wardapp.security.roles import BY_KEY, MATRIX, Role, allowed
from wardapp.store import Household, Store, open_store
from wardapp.welfare.importer import import_welfare
from wardapp.welfare.query import active_attributes

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "wardapp"
SAVED = "保存済みの範囲"
FIX_LAT, FIX_LON = 35.8012, 139.5013


def actor_of(role: Role) -> Actor:
    return Actor(user=f"matrix-{role.value}", role=role, user_id=None, display_name=f"試験{role.name_ja}")


# --------------------------------------------------------------------------- the small ward


@dataclass(frozen=True)
class Ward:
    """What the cases need of the ward: its files, one household and one address with a fix."""

    db: Path
    files: Path
    household_id: int
    household_no: str
    address: str
    town_id: int


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Ward:
    d = tmp_path_factory.mktemp("matrix")
    store = build_roster_ward(d / "ward.sqlite3")
    try:
        with store.session() as s:
            h = s.query(Household).order_by(Household.household_no).first()
            assert h is not None
            hid, hno = int(h.id), str(h.household_no)
            address = str(s.query(Household.address).order_by(Household.household_no.desc()).first()[0])
        tid = town_id(store, "見本町一丁目")
        fix_address(store, address, actor=SYSTEM, lat=FIX_LAT, lon=FIX_LON, town_id=tid)
        save_selection(store, SAVED, TownsArea((tid,)), actor=SYSTEM)
    finally:
        store.close()
    files = d / "files"
    files.mkdir()
    write_csv(files / "registry.csv", base_extract())
    (files / "welfare.csv").write_text("宛名番号,種別,区分,開始日,終了日\n0000000001,要介護,要介護2,2024/4/1,\n"
                                       "0000000002,身体障害者手帳,1級,2024/4/1,\n", encoding="utf-8")
    write_isj_town(files / "towns.csv", [isj_town("119990001001", "見本町一丁目", 35.802, 139.502),
                                         isj_town("119990002001", "見本町二丁目", 35.802, 139.506)])
    facility_csv(files / "facilities.csv")
    (files / "manifest.toml").write_text(
        'format = 2\nname = "試験の地図パック"\nfictional = true\n\n'
        '[[imports]]\nimporter = "layer"\nkind = "facility"\ntitle = "施設"\nfiles = ["facilities.csv"]\n',
        encoding="utf-8")
    return Ward(d / "ward.sqlite3", files, hid, hno, address, tid)


@pytest.fixture
def ward(template: Ward, tmp_path: Path) -> Iterator[tuple[Store, Ward]]:
    """A private copy of the template (the audit head file too, so the log stays verifiable)."""
    db = tmp_path / "ward.sqlite3"
    shutil.copy(template.db, db)
    head = Path(str(template.db) + ".audit-head")
    if head.exists():
        shutil.copy(head, str(db) + ".audit-head")
    store = open_store(db)
    yield store, Ward(db, template.files, template.household_id, template.household_no, template.address,
                      template.town_id)
    store.close()


# --------------------------------------------------------------------------- the cases

#: (store, actor, ward, a scratch folder) → the call.
Call = Callable[[Store, Actor, Ward, Path], Any]

CASES: dict[str, Call] = {
    "wardapp.registry.importer.import_registry":
        lambda s, a, w, t: import_registry(s, w.files / "registry.csv", actor=a),
    "wardapp.registry.importer.import_registry_and_match":
        lambda s, a, w, t: import_registry_and_match(s, w.files / "registry.csv", actor=a),
    "wardapp.welfare.importer.import_welfare":
        lambda s, a, w, t: import_welfare(s, w.files / "welfare.csv", actor=a, today=ON),
    "wardapp.address.dictionary.import_addresses":
        lambda s, a, w, t: import_addresses(s, [w.files / "towns.csv"], actor=a, format="isj", today=ON),
    "wardapp.geo.layers.import_layer":
        lambda s, a, w, t: import_layer(s, w.files / "facilities.csv", kind="facility", actor=a),
    "wardapp.mappack.import_map_pack":
        lambda s, a, w, t: import_map_pack(s, w.files / "manifest.toml", actor=a),
    "wardapp.address.matcher.match_households": lambda s, a, w, t: match_households(s, actor=a, on=ON),
    "wardapp.address.matcher.fix_address":
        lambda s, a, w, t: fix_address(s, w.address, actor=a, lat=FIX_LAT + 0.001, lon=FIX_LON, town_id=w.town_id),
    "wardapp.address.review.undo_fix": lambda s, a, w, t: undo_fix(s, address_key(w.address), actor=a, on=ON),
    "wardapp.address.review.load_review": lambda s, a, w, t: load_review(s, actor=a),
    "wardapp.address.review.address_groups": lambda s, a, w, t: address_groups(s, "unmatched", actor=a),
    "wardapp.address.review.manual_fixes": lambda s, a, w, t: manual_fixes(s, actor=a),
    "wardapp.address.matcher.households_with_status":
        lambda s, a, w, t: households_with_status(s, ["unmatched", "manual"], actor=a),
    "wardapp.scoring.runs.save_scores": lambda s, a, w, t: save_scores(s, score(s, default_profile(), ON), actor=a),
    "wardapp.scoring.profile_files.save_new_version":
        lambda s, a, w, t: save_new_version(default_profile(), t / "profiles", actor=a, store=s),
    "wardapp.scoring.ranking.HouseholdLabels.load":
        lambda s, a, w, t: HouseholdLabels.load(s, ScoringInput.load(s), actor=a),
    "wardapp.residents.load_residents": lambda s, a, w, t: load_residents(s, ON, actor=a),
    "wardapp.residents.household_members": lambda s, a, w, t: household_members(s, w.household_id, ON, actor=a),
    "wardapp.welfare.query.active_attributes": lambda s, a, w, t: active_attributes(s, ON, actor=a),
    "wardapp.geo.mapdata.load_map_data": lambda s, a, w, t: load_map_data(s, actor=a, on=ON),
    "wardapp.geo.selection.select_area":
        lambda s, a, w, t: select_area(s, TownsArea((w.town_id,)), actor=a, on=ON),
    "wardapp.geo.selection.search_households": lambda s, a, w, t: search_households(s, "見本町", actor=a),
    "wardapp.geo.selection.save_selection":
        lambda s, a, w, t: save_selection(s, "新しい範囲", TownsArea((w.town_id,)), actor=a),
    "wardapp.geo.selection.delete_selection": lambda s, a, w, t: delete_selection(s, SAVED, actor=a),
}

#: Services of other modules (decorated with @requires) called with the store and None for the
#: rest: the check runs before the body.  Listed one by one so that a new service fails
#: test_every_service_has_a_case until it is added (here or to CASES).
GENERIC: frozenset[str] = frozenset({
    *(f"wardapp.outreach.attendance.{n}" for n in (
        "add_walk_in", "check_in", "checkin_rows", "complete_session", "mark_absent", "participant_history",
        "participation", "undo_check_in", "walk_in_candidates")),
    *(f"wardapp.outreach.courses.{n}" for n in (
        "create_course", "delete_course", "get_course", "list_courses", "set_topics", "topics", "update_course")),
    *(f"wardapp.outreach.enrolment.{n}" for n in (
        "call_list", "cancel_enrolment", "enrol", "enrol_series", "mark_called", "waiting_list")),
    *(f"wardapp.outreach.ict.advisers.{n}" for n in ("get_adviser", "list_advisers", "save_adviser")),
    *(f"wardapp.outreach.ict.grants.{n}" for n in (
        "apply_grant", "correct_grant", "decide_grant", "get_grant", "list_grants")),
    *(f"wardapp.outreach.ict.groups.{n}" for n in ("get_group", "list_groups", "save_group")),
    *(f"wardapp.outreach.ict.printing.{n}" for n in ("print_notice", "print_report_form")),
    *(f"wardapp.outreach.ict.visits.{n}" for n in (
        "adviser_refusals", "cancel_visit", "follow_ups_due", "get_visit", "list_visits", "record_report",
        "request_visit", "schedule_visit", "scheduling_choices", "set_status", "suggest_advisers",
        "suggest_for_visit")),
    *(f"wardapp.outreach.participants.{n}" for n in (
        "erase_participant", "find_duplicates", "get_participant", "link_participant", "merge_participants",
        "participant_links", "register_participant", "search_participants", "unlink_participant",
        "update_participant")),
    *(f"wardapp.outreach.printing.{n}" for n in (
        "guide_data", "poster_data", "print_course_guides", "print_poster", "print_sign_in_sheet",
        "sign_in_sheet_data")),
    *(f"wardapp.outreach.queries.{n}" for n in (
        "attendance_sheet", "fiscal_years", "list_participants", "list_sessions", "venues", "year_summary")),
    *(f"wardapp.outreach.sessions.{n}" for n in (
        "add_to_series", "cancel_series", "cancel_session", "confirm_session", "create_series", "create_session",
        "delete_session", "get_session", "reopen_session", "series_sessions", "update_series", "update_session")),
    *(f"wardapp.outreach.surveys.{n}" for n in (
        "aggregate_surveys", "delete_survey", "list_surveys", "record_survey", "update_survey")),
    # require() in the body, first thing, with the store and None enough to reach it.
    "wardapp.outreach.calendar.calendar_events", "wardapp.outreach.calendar.calendar_filters",
    "wardapp.outreach.yearly.outreach_report", "wardapp.outreach.yearly.set_past_figure",
    "wardapp.outreach.yearly.clear_past_figure", "wardapp.outreach.yearly.list_past_figures",
    "wardapp.outreach.yearly.import_past_figures", "wardapp.outreach.yearly.report_years",
    "wardapp.outreach.reach.outreach_reach",
    # Account services whose first statement is the check (the others: ELSEWHERE).
    "wardapp.security.users.enable_user",
})

#: Services whose check is inside the body (or depends on the arguments) and that a test of
#: their own calls as refused roles: service → that test file.
ELSEWHERE: dict[str, str] = {
    "wardapp.rosters.service.make_roster": "tests/test_rosters_service.py",
    "wardapp.security.users.add_user": "tests/test_security_roles.py",
    "wardapp.security.users.list_users": "tests/test_security_roles.py",
    "wardapp.security.users.disable_user": "tests/test_security_roles.py",
    "wardapp.security.users.set_role": "tests/test_security_roles.py",
    "wardapp.security.users.change_password": "tests/test_security_roles.py",
    "wardapp.security.backup.backup": "tests/test_security_roles.py",
    "wardapp.security.backup.restore": "tests/test_security_roles.py",
    "wardapp.security.audit.entries": "tests/test_security_roles.py",
    "wardapp.security.audit.export_csv": "tests/test_security_roles.py",
}


# --------------------------------------------------------------------------- discovery


def _modules() -> list[str]:
    names = []
    for m in pkgutil.walk_packages(wardapp.__path__, "wardapp."):
        # The GUI calls the services (it is not one); migrations run under Alembic only.
        if m.name.startswith(("wardapp.ui", "wardapp.__main__", "wardapp.store.migrations")):
            continue
        names.append(m.name)
    return names


def decorated_services() -> dict[str, str]:
    """``module.qualname`` → permission of every function or method carrying ``__permission__``."""
    found: dict[str, str] = {}
    for name in _modules():
        mod = importlib.import_module(name)
        for attr, obj in vars(mod).items():
            members = [(attr, obj)]
            if inspect.isclass(obj) and obj.__module__ == name:
                members = [(f"{attr}.{k}", getattr(v, "__func__", v)) for k, v in vars(obj).items()]
            for qual, fn in members:
                perm = getattr(fn, "__permission__", None)
                if perm and getattr(fn, "__module__", None) == name:
                    found[f"{name}.{qual}"] = perm
    return found


def body_checked_services() -> dict[str, set[str | None]]:
    """``module.qualname`` → the keys of the ``require(actor, "key")`` calls in its body (None:
    not a literal), for functions without ``@requires``."""
    found: dict[str, set[str | None]] = {}
    for name in _modules():
        path = SRC.joinpath(*name.split(".")[1:])
        path = path / "__init__.py" if path.is_dir() else path.with_suffix(".py")
        tree = ast.parse(path.read_text(encoding="utf-8"))

        def visit(node: ast.AST, prefix: str) -> None:
            for child in ast.iter_child_nodes(node):
                if isinstance(child, ast.ClassDef):
                    visit(child, f"{prefix}{child.name}.")
                elif isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    decorated = any(isinstance(d, ast.Call) and getattr(d.func, "id", None) == "requires"
                                    for d in child.decorator_list)
                    keys: set[str | None] = set()
                    for call in ast.walk(child):
                        if (isinstance(call, ast.Call) and getattr(call.func, "id", None) == "require"
                                and call.args and getattr(call.args[0], "id", None) == "actor"):
                            key = call.args[1] if len(call.args) > 1 else None
                            keys.add(key.value if isinstance(key, ast.Constant) else None)
                    if keys and not decorated and child.name not in ("wrapper", "require", "requires"):
                        found[f"{name}.{prefix}{child.name}"] = keys

        visit(tree, "")
    return found


DECORATED = decorated_services()
BODY_CHECKED = body_checked_services()


def test_discovery_finds_the_services_of_every_family() -> None:
    """The walk reaches every family (a broken walk would make the completeness check vacuous)."""
    assert DECORATED["wardapp.registry.importer.import_registry"] == "registry.import"
    assert DECORATED["wardapp.scoring.ranking.HouseholdLabels.load"] == "households.view_personal"
    assert DECORATED["wardapp.outreach.participants.link_participant"] == "outreach.link_registry"
    assert "wardapp.rosters.service.make_roster" in BODY_CHECKED
    assert "roster.print" not in BODY_CHECKED["wardapp.rosters.service.make_roster"]  # by format: PERMISSIONS[fmt]
    assert all(p in BY_KEY for p in DECORATED.values())
    assert len(DECORATED) >= 100


def test_every_service_has_a_case() -> None:
    """A service that checks a permission and has no case here fails — add one."""
    services = set(DECORATED) | set(BODY_CHECKED)
    covered = set(CASES) | GENERIC | set(ELSEWHERE)
    assert sorted(services - covered) == []
    assert sorted(covered - services) == []  # no stale case: a renamed service or a dropped check
    assert not set(CASES) & GENERIC and not set(CASES) & set(ELSEWHERE) and not GENERIC & set(ELSEWHERE)


@pytest.mark.parametrize("service", sorted(ELSEWHERE))
def test_services_checked_elsewhere_are_tested_for_refusals(service: str) -> None:
    text = (ROOT / ELSEWHERE[service]).read_text(encoding="utf-8")
    assert service.rsplit(".", 1)[1] in text and "PermissionDenied" in text


def _permission(service: str) -> str:
    if service in DECORATED:
        return DECORATED[service]
    (key,) = BODY_CHECKED[service]
    assert key is not None, f"{service}: a generic case needs one literal permission"
    return key


def _resolve(service: str) -> Callable[..., Any]:
    module, _, rest = service.rpartition(".")
    obj: Any = None
    while module:
        try:
            obj = importlib.import_module(module)
            break
        except ModuleNotFoundError:
            module, _, head = module.rpartition(".")
            rest = f"{head}.{rest}"
    for part in rest.split("."):
        obj = getattr(obj, part)
    return obj  # type: ignore[no-any-return]


ROLE_IDS = [r.value for r in Role]


def _refused(service: str, permission: str, call: Callable[[], Any], store_path: Path) -> None:
    before = dump_db(store_path)
    with pytest.raises(PermissionDenied) as e:
        call()
    assert e.value.permission == permission
    assert BY_KEY[permission].label_ja in e.value.message_ja
    assert dump_db(store_path) == before, f"{service} changed the store although refused"


@pytest.mark.parametrize("role", list(Role), ids=ROLE_IDS)
@pytest.mark.parametrize("service", sorted(CASES))
def test_service_as_role(service: str, role: Role, ward: tuple[Store, Ward], tmp_path: Path) -> None:
    store, w = ward
    permission = DECORATED[service]
    actor = actor_of(role)
    call = CASES[service]
    if allowed(role, permission):
        assert permission in MATRIX[role]
        call(store, actor, w, tmp_path)
    else:
        _refused(service, permission, lambda: call(store, actor, w, tmp_path), w.db)
        assert not (tmp_path / "profiles").exists() or not list((tmp_path / "profiles").iterdir())


@pytest.fixture(scope="module")
def shared_ward(template: Ward, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, Path]]:
    """One copy for all generic cases: refused calls are checked against a dump taken just before."""
    db = tmp_path_factory.mktemp("generic") / "ward.sqlite3"
    shutil.copy(template.db, db)
    store = open_store(db)
    yield store, db
    store.close()


def _generic_call(fn: Callable[..., Any], store: Store, actor: Actor) -> Callable[[], Any]:
    """Every required argument by keyword: the store for ``db``/``store``, None for the rest."""
    kwargs: dict[str, Any] = {"actor": actor}
    for name, p in inspect.signature(fn).parameters.items():
        if name == "actor" or p.default is not inspect.Parameter.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        assert p.kind is not p.POSITIONAL_ONLY
        kwargs[name] = store if name in ("db", "store") else None
    return lambda: fn(**kwargs)


@pytest.mark.filterwarnings("ignore::sqlalchemy.exc.SAWarning")  # s.get(Model, None) of the None arguments
@pytest.mark.parametrize("role", list(Role), ids=ROLE_IDS)
@pytest.mark.parametrize("service", sorted(GENERIC))
def test_generic_service_as_role(service: str, role: Role, shared_ward: tuple[Store, Path]) -> None:
    store, db = shared_ward
    permission = _permission(service)
    call = _generic_call(_resolve(service), store, actor_of(role))
    if allowed(role, permission):
        try:
            call()
        except PermissionDenied as e:  # past the service's own check, nothing else may refuse
            pytest.fail(f"{service} refused {role.name_ja}: {e.message_ja}")
        except Exception:  # noqa: BLE001 — the None arguments, after the check: that is all we test
            pass
    else:
        _refused(service, permission, call, db)


# --------------------------------------------------------------------------- the audit log


def _log(store: Store) -> list[Any]:
    return entries(store, SYSTEM, AuditFilter())


def _new(store: Store, before: int) -> list[Any]:
    return [e for e in _log(store) if e.seq > before]


def _last_seq(store: Store) -> int:
    log = _log(store)
    return log[-1].seq if log else 0


REGISTRAR = actor_of(Role.REGISTRY)
DISASTER = actor_of(Role.DISASTER)


def test_each_import_is_one_entry_with_its_counts(ward: tuple[Store, Ward]) -> None:
    store, w = ward
    seq = _last_seq(store)
    r = import_registry(store, w.files / "registry.csv", actor=REGISTRAR)
    (e,) = _new(store, seq)
    assert (e.action, e.object, e.user, e.role) == ("import.registry", "registry.csv", REGISTRAR.user, "registry")
    assert e.counts == {"added": r.added, "changed": r.changed, "removed": r.removed, "rejected": 0,
                        "persons": r.persons}
    assert r.persons == 7 and r.changed == 7 and r.removed > 0  # the roster ward replaced by the extract

    seq = _last_seq(store)
    wr = import_welfare(store, w.files / "welfare.csv", actor=REGISTRAR, today=ON, lenient=True)
    (e,) = _new(store, seq)
    assert e.action == "import.welfare" and e.object == "welfare.csv"
    assert e.counts == {"added": wr.added, "changed": wr.changed, "removed": wr.removed,
                        "rejected": wr.skipped_rows, "attributes": wr.attributes}

    seq = _last_seq(store)
    ar = import_addresses(store, [w.files / "towns.csv"], actor=REGISTRAR, format="isj", today=ON)
    (e,) = _new(store, seq)
    assert e.action == "import.addresses" and e.object == "towns.csv"
    assert (e.counts["added"], e.counts["removed"], e.counts["towns_added"]) == (
        ar.points_added, ar.points_removed, ar.towns_added)

    seq = _last_seq(store)
    lr = import_layer(store, w.files / "facilities.csv", kind="facility", actor=REGISTRAR)
    (e,) = _new(store, seq)
    assert e.action == "import.layer" and e.details["kind"] == "facility"
    assert e.counts == {"added": lr.added, "changed": lr.changed, "removed": lr.removed, "rejected": 0}

    seq = _last_seq(store)
    pack = import_map_pack(store, w.files / "manifest.toml", actor=REGISTRAR)
    (e,) = _new(store, seq)  # one entry per file the pack imports
    assert e.action == "import.layer" and len(pack.steps) == 1


def test_a_refused_import_leaves_no_entry_and_no_run(ward: tuple[Store, Ward]) -> None:
    store, w = ward
    before = dump_db(w.db)
    for role in (Role.ADMIN, Role.DISASTER, Role.OUTREACH, Role.VIEWER):
        with pytest.raises(PermissionDenied, match="住基データの取り込み"):
            import_registry(store, w.files / "registry.csv", actor=actor_of(role))
    assert dump_db(w.db) == before


def test_each_household_view_is_one_entry(ward: tuple[Store, Ward]) -> None:
    store, w = ward
    seq = _last_seq(store)
    members = household_members(store, w.household_id, ON, actor=DISASTER)
    (e,) = _new(store, seq)
    assert (e.action, e.object, e.counts, e.details["what"]) == ("view", w.household_no,
                                                                 {"persons": len(members)}, "household")
    household_members(store, w.household_id, ON, actor=DISASTER, what="map")
    assert [x.details["what"] for x in _new(store, seq)] == ["household", "map"]
    # Lists of names are not views of a household: only opening one is.
    seq = _last_seq(store)
    load_residents(store, ON, actor=DISASTER)
    select_area(store, TownsArea((w.town_id,)), actor=DISASTER, on=ON)
    assert _new(store, seq) == []


def test_a_profile_change_is_one_entry_with_its_version(ward: tuple[Store, Ward], tmp_path: Path) -> None:
    store, _ = ward
    seq = _last_seq(store)
    saved, path = save_new_version(default_profile(), tmp_path, actor=DISASTER, store=store)
    (e,) = _new(store, seq)
    assert (e.action, e.object, e.details["version"], e.details["file"]) == (
        "profile.change", saved.name, saved.version, path.name)
    assert saved.version == 2
    assert e.counts == {"person_rules": len(saved.person_rules), "household_rules": len(saved.household_rules)}


@pytest.mark.parametrize(("service", "actor", "action"), [
    ("wardapp.address.matcher.match_households", REGISTRAR, "address.match"),
    ("wardapp.address.matcher.fix_address", REGISTRAR, "address.fix"),
    ("wardapp.address.review.undo_fix", REGISTRAR, "address.fix_undo"),
    ("wardapp.scoring.runs.save_scores", DISASTER, "scores.save"),
    ("wardapp.geo.selection.save_selection", DISASTER, "selection.save"),
    ("wardapp.geo.selection.delete_selection", DISASTER, "selection.delete"),
])
def test_other_changes_are_one_entry_each(service: str, actor: Actor, action: str, ward: tuple[Store, Ward],
                                          tmp_path: Path) -> None:
    store, w = ward
    seq = _last_seq(store)
    CASES[service](store, actor, w, tmp_path)
    (e,) = _new(store, seq)
    assert e.action == action and e.user == actor.user
    if action in ("address.fix", "address.fix_undo"):
        assert e.object == w.address and e.counts["households"] == 1


# --------------------------------------------------------------------------- the CLI signs in


@pytest.mark.usefixtures("fast_argon2")
def test_cli_commands_sign_in_and_refuse_like_the_services(ward: tuple[Store, Ward], tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """On a store with users, import/match/score sign in (``--as`` + WARDAPP_PASSWORD); a role
    without the permission gets exit 5 and the Japanese refusal, with the store unchanged (the
    failure JSON for --json); the allowed user's work is logged under their name."""
    import json

    from wardapp.cli import main
    from wardapp.security import users

    store, w = ward
    admin = users.create_admin(store, "kanri", "admin-pass-1")
    users.add_user(store, admin, "etsuran", Role.VIEWER, "viewer-pass-1")
    users.add_user(store, admin, "juki", Role.REGISTRY, "registry-pass-1")
    db = ["--db", str(w.db)]
    # Signing in is logged (login) and stamps the user's row; nothing else may change.
    before, seq = dump_db(w.db, exclude=("audit_log", "users")), _last_seq(store)
    monkeypatch.setenv("WARDAPP_PASSWORD", "viewer-pass-1")
    commands = [["import", "registry", str(w.files / "registry.csv")],
                ["import", "welfare", str(w.files / "welfare.csv")],
                ["import", "addresses", str(w.files / "towns.csv"), "--format", "isj"],
                ["import", "layer", str(w.files / "facilities.csv"), "--kind", "facility"],
                ["import", "pack", str(w.files / "manifest.toml")],
                ["match"], ["score"]]
    for cmd in commands:
        assert main([*cmd, *db, "--as", "etsuran"]) == 5, cmd
        err = capsys.readouterr().err
        assert "閲覧（etsuran）には「" in err and "の権限がありません" in err, cmd
    assert main(["import", "registry", str(w.files / "registry.csv"), *db, "--as", "etsuran", "--json"]) == 5
    failure = json.loads(capsys.readouterr().out)
    assert failure["rejected"] is True and "住基データの取り込み" in failure["message"]
    assert dump_db(w.db, exclude=("audit_log", "users")) == before
    assert {e.action for e in _new(store, seq)} == {"login"}
    monkeypatch.setenv("WARDAPP_PASSWORD", "wrong-password")
    assert main(["match", *db, "--as", "juki"]) == 5
    capsys.readouterr()
    monkeypatch.setenv("WARDAPP_USER", "juki")  # --as may come from the environment
    monkeypatch.setenv("WARDAPP_PASSWORD", "registry-pass-1")
    assert main(["import", "registry", str(w.files / "registry.csv"), *db, "--no-match"]) == 0
    assert main(["match", *db]) == 0
    capsys.readouterr()
    log = [(e.action, e.user) for e in _log(store) if e.action in ("import.registry", "address.match")]
    assert log == [("import.registry", "juki"), ("address.match", "juki")]


# --------------------------------------------------------------------------- a ward with another split


def test_registry_import_without_matching_rights_imports_and_says_so(ward: tuple[Store, Ward],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A ward whose 住基担当 may import but not match: the import stands, matching is left for
    someone who may, and the report says so (no refusal after the import was written)."""
    store, w = ward
    monkeypatch.setitem(MATRIX, Role.REGISTRY, MATRIX[Role.REGISTRY] - {"address.edit"})
    seq = _last_seq(store)
    report = import_registry_and_match(store, w.files / "registry.csv", actor=REGISTRAR)
    assert report.match is None and report.persons == 7
    assert any("照合していません" in p.message for p in report.warnings)
    assert [e.action for e in _new(store, seq)] == ["import.registry"]


def test_a_map_pack_with_addresses_needs_both_permissions(ward: tuple[Store, Ward],
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    store, w = ward
    (w.files.parent / "pack2").mkdir(exist_ok=True)
    manifest = w.files.parent / "pack2" / "manifest.toml"
    shutil.copy(w.files / "facilities.csv", manifest.parent / "facilities.csv")
    shutil.copy(w.files / "towns.csv", manifest.parent / "towns.csv")
    manifest.write_text(
        'format = 2\nname = "住所つきの地図パック"\nfictional = true\n\n'
        '[[imports]]\nimporter = "layer"\nkind = "facility"\ntitle = "施設"\nfiles = ["facilities.csv"]\n\n'
        '[[imports]]\nimporter = "addresses"\nformat = "isj"\ntitle = "住所"\nfiles = ["towns.csv"]\n',
        encoding="utf-8")
    monkeypatch.setitem(MATRIX, Role.REGISTRY, MATRIX[Role.REGISTRY] - {"address.import"})
    before = dump_db(w.db)
    with pytest.raises(PermissionDenied, match="住所辞書データの取り込み"):
        import_map_pack(store, manifest, actor=REGISTRAR)
    assert dump_db(w.db) == before  # refused before the first file, not half-way
    monkeypatch.undo()
    report = import_map_pack(store, manifest, actor=REGISTRAR, today=ON)
    assert [s.importer for s in report.steps] == ["layer", "addresses"]


def test_welfare_category_marks_only_for_welfare_view(ward: tuple[Store, Ward]) -> None:
    """住基担当 may list the residents (names) but not welfare details: the marks 妊・障・医 next
    to the names are dropped for them, 高・乳 (ages, the registry's own data) stay."""
    from wardapp.residents import AGE_CATEGORY_BITS

    store, w = ward
    import_welfare(store, w.files / "welfare.csv", actor=SYSTEM, today=ON)
    save_scores(store, score(store, default_profile(), ON), actor=SYSTEM)
    full = load_residents(store, ON, actor=DISASTER)
    registry = load_residents(store, ON, actor=REGISTRAR)
    assert full.scores is not None and registry.scores is not None
    welfare_bits = full.scores.categories & ~np.uint8(AGE_CATEGORY_BITS)
    assert welfare_bits.any()  # the 手帳 of 0000000001 gives its household 障
    assert not (registry.scores.categories & ~np.uint8(AGE_CATEGORY_BITS)).any()
    assert ((registry.scores.categories & AGE_CATEGORY_BITS) == (full.scores.categories & AGE_CATEGORY_BITS)).all()
    assert (registry.scores.score == full.scores.score).all()
