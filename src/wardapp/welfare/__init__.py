"""Welfare attributes (福祉情報): import from the ward's 介護・障害・母子保健・要支援者 systems,
joined to residents by 宛名番号, and the attributes valid on a 基準日.

Public API::

    import_welfare(store, path, *, mapping=None, lenient=False, progress=None, user=None,
                   today=None) -> WelfareImportReport
    active_attributes(store_or_conn, on, *, actor, kinds=None, grace=None, registered_only=False)
        -> pandas.DataFrame

See docs/welfare-format.md for the file format and the rules.
"""

from wardapp.welfare.columns import GRADES, KINDS, normalize_grade, normalize_kind
from wardapp.welfare.importer import KindCounts, WelfareImportReport, import_welfare, parse_welfare
from wardapp.welfare.query import active_attributes

__all__ = [
    "GRADES", "KINDS", "KindCounts", "WelfareImportReport", "active_attributes", "import_welfare",
    "normalize_grade", "normalize_kind", "parse_welfare",
]
