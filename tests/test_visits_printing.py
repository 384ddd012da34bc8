"""The 派遣決定通知 and 訪問報告書 PDFs: their text, fonts embedded, refusals and the audit entry."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from outreach_helpers import DAY, T
from pdf_text import fonts, pages, requires_poppler
from visits_helpers import ACTOR, Visits, visits  # noqa: F401 — fixture

from wardapp.errors import PermissionDenied, UsageError
from wardapp.outreach import ict
from wardapp.outreach.ict import printing
from wardapp.security import audit
from wardapp.security.access import Actor
from wardapp.security.roles import Role

AT = dt.datetime(2026, 5, 1, 9, 30)
ADMIN = Actor(user="kanri", role=Role.ADMIN)


def _confirmed(v: Visits) -> int:
    visit = ict.request_visit(v.store, ict.VisitRequest(v.group, ("LINE", "詐欺対策"), (DAY,), v.ward.center,
                                                        expected=25, equipment="プロジェクター"), actor=ACTOR)
    ict.schedule_visit(v.store, visit, DAY, T(10), T(12), adviser_id=v.sato, confirm=True, actor=ACTOR)
    return visit


def _flat(text: str) -> str:
    return "".join(text.split())


@requires_poppler
def test_notice_names_the_group_the_visit_and_the_contact(visits: Visits, tmp_path: Path) -> None:
    v = _confirmed(visits)
    out = printing.print_notice(visits.store, v, tmp_path / "notice.pdf", actor=ACTOR, printed_at=AT,
                                issued=dt.date(2026, 5, 1),
                                texts={"number": "みどり区地振第45号", "issuer": "みどり区役所　地域振興課",
                                       "phone": "000-111-2222", "prepare": "延長コード"})
    [page] = pages(out)
    flat = _flat(page)
    for expected in ("ICTアドバイザー派遣決定通知書", "みどり区地振第45号", "令和8年5月1日", "みどり一丁目自治会",
                     "代表代表一郎様", "令和8年5月12日（火）10:00〜12:00", "みどり地区センター", "佐藤明",
                     "（架空ICT協会）", "・LINE", "・詐欺対策", "25名", "・プロジェクター", "・延長コード",
                     "000-111-2222", "取扱注意（個人情報）", "印刷:地域支援2026-05-0109:30", "1/1ページ"):
        assert expected in flat, expected
    assert all(f.embedded for f in fonts(out))


@requires_poppler
def test_report_form_prefills_the_visit_and_leaves_the_report_blank(visits: Visits, tmp_path: Path) -> None:
    v = _confirmed(visits)
    out = printing.print_report_form(visits.store, v, tmp_path / "form.pdf", actor=ACTOR, printed_at=AT)
    [page] = pages(out)
    flat = _flat(page)
    for expected in ("ICTアドバイザー訪問報告書", "みどり一丁目自治会", "代表一郎", "000-200-0001",
                     "令和8年5月12日（火）10:00〜12:00", "みどり地区センター（対面）", "佐藤明", "LINE・詐欺対策",
                     "プロジェクター", "実際の時間", "時分〜時分", "参加者数", "実施内容", "成果・参加者の様子",
                     "□不要□要", "フォローアップ期日"):
        assert expected in flat, expected
    assert all(f.embedded for f in fonts(out))


def test_a_notice_needs_a_date_and_an_adviser(visits: Visits, tmp_path: Path) -> None:
    v = visits.request()
    with pytest.raises(UsageError, match="派遣決定通知は、日時とアドバイザーが決まった訪問"):
        printing.print_notice(visits.store, v, tmp_path / "out" / "n.pdf", actor=ACTOR)
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())  # no file, no half file


def test_printing_needs_outreach_manage_and_is_audited(visits: Visits, tmp_path: Path) -> None:
    v = _confirmed(visits)
    with pytest.raises(PermissionDenied):
        printing.print_notice(visits.store, v, tmp_path / "out" / "n.pdf", actor=Actor("etsuran", Role.VIEWER))
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    printing.print_notice(visits.store, v, tmp_path / "out" / "n.pdf", actor=ACTOR, reason="団体へ郵送")
    printing.print_report_form(visits.store, v, tmp_path / "out" / "r.pdf", actor=ACTOR)
    outputs = [r for r in audit.entries(visits.store, ADMIN) if r.action == "export"]
    assert [(r.object, r.details["reason"], r.details["file"], r.counts["persons"]) for r in outputs] == [
        ("ICTアドバイザー派遣決定通知書", "団体へ郵送", "n.pdf", 1),
        ("ICTアドバイザー訪問報告書", "訪問報告書の記入用", "r.pdf", 1)]
    assert "みどり一丁目自治会" in outputs[0].details["area"]
    with pytest.raises(UsageError, match="理由"):
        printing.print_notice(visits.store, v, tmp_path / "out" / "x.pdf", actor=ACTOR, reason=" ")
    assert not (tmp_path / "out" / "x.pdf").exists()
