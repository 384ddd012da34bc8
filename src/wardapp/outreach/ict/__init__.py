"""ICTアドバイザーの出前訪問と助成 (issue 8): the headless core.

Modules: :mod:`.advisers`, :mod:`.groups`, :mod:`.visits`, :mod:`.grants`, :mod:`.vocabulary`.
Same conventions as the スマホ教室 core: services take a Store or a Session
(:mod:`wardapp.outreach.db`), refuse with Japanese messages, and clashes are a
:class:`~wardapp.errors.ConflictError` naming each one.  Every service takes a keyword
``actor`` and needs ``outreach.manage`` (groups carry their representatives' names and phones).
"""

from wardapp.outreach.ict.advisers import AdviserData, AdviserInfo, get_adviser, list_advisers, save_adviser
from wardapp.outreach.ict.grants import (
    GrantInfo,
    apply_grant,
    correct_grant,
    decide_grant,
    get_grant,
    list_grants,
)
from wardapp.outreach.ict.groups import GroupData, GroupInfo, get_group, list_groups, save_group
from wardapp.outreach.ict.visits import (
    Choices,
    Refusals,
    Suggestion,
    VisitInfo,
    VisitReport,
    VisitRequest,
    adviser_refusals,
    cancel_visit,
    follow_ups_due,
    get_visit,
    list_visits,
    record_report,
    request_visit,
    schedule_visit,
    scheduling_choices,
    set_status,
    suggest_advisers,
    suggest_for_visit,
)

__all__ = [
    "AdviserData", "Choices", "AdviserInfo", "GrantInfo", "GroupData", "GroupInfo", "Refusals", "Suggestion", "VisitInfo",
    "VisitReport", "VisitRequest", "adviser_refusals", "apply_grant", "cancel_visit", "correct_grant",
    "decide_grant", "follow_ups_due", "get_adviser", "get_grant", "get_group", "get_visit", "list_advisers",
    "list_grants", "list_groups", "list_visits", "record_report", "request_visit", "save_adviser", "save_group",
    "schedule_visit", "scheduling_choices", "set_status", "suggest_advisers", "suggest_for_visit",
]
