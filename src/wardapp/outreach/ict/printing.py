"""The two A4 documents of a visit: 派遣決定通知 (to the group) and the 訪問報告書 form.

* **派遣決定通知** — a letter to the group's representative (団体名 + 代表者 様) with the 文書番号 and
  date line, the date and time, place, adviser, topics, what the group should prepare and whom to
  ask at the ward.  Only for a visit with a date, a time and an adviser (確定 or 実施済).
* **訪問報告書** — the form the adviser takes along: the visit printed, the report left blank to
  be filled in by hand (actual time, attendees, what was done, outcome, follow-up).

Both carry the representative's name and phone, so they are personal data: the document keeps
its 取扱注意 header and the printed-by footer, the service needs ``outreach.manage``, and every
PDF written is an :func:`wardapp.security.audit.record_output` entry, committed together with
the file being put in place (a refused or failed render leaves neither).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from wardapp.errors import UsageError
from wardapp.outreach.db import Db, reading
from wardapp.outreach.ict.visits import VisitInfo, _get_visit
from wardapp.outreach.ict.vocabulary import CANCELLED, ONLINE
from wardapp.reports.document import DocumentInfo, ReportDocument, ReportStyles
from wardapp.reports.outreach import gap, time_range, wareki_with_weekday
from wardapp.security import audit
from wardapp.security.access import Actor, requires
from wardapp.store.db import Store
from wardapp.store.models import CommunityGroup, Facility, IctAdviser
from wardapp.wareki import to_wareki

NOTICE_TITLE = "ICTアドバイザー派遣決定通知書"
REPORT_TITLE = "ICTアドバイザー訪問報告書"
#: What a notice says that is not stored (the office fills these in when printing).
NOTICE_TEXTS = ("number", "issuer", "contact", "phone", "prepare", "note")
#: Said when the office leaves 「ご準備いただくもの」 empty and the group asked for no equipment.
DEFAULT_PREPARE = "参加される方のスマートフォン・タブレット（お持ちの方）、会場の電源"


@dataclass(frozen=True)
class VisitDocument:
    """A visit as both documents print it."""

    visit: VisitInfo
    representative: str | None
    contact: str | None
    venue: str
    venue_address: str
    adviser: str | None
    affiliation: str | None

    @property
    def when(self) -> str:
        v = self.visit
        if v.date is None or v.start is None or v.end is None:
            return "（未定）"
        return f"{wareki_with_weekday(v.date)}{gap(2)}{time_range(v.start, v.end)}"


def visit_document(db: Db, visit_id: int) -> VisitDocument:
    """The visit with its group's representative, the place's address and the adviser."""
    info = _get_visit(db, visit_id)
    with reading(db) as s:
        group = s.get(CommunityGroup, info.group_id)
        address = ""
        if info.request.facility_id is not None:
            fac = s.get(Facility, info.request.facility_id)
            address = (fac.address or "") if fac is not None else ""
        adviser = s.get(IctAdviser, info.adviser_id) if info.adviser_id is not None else None
        return VisitDocument(info, group.representative if group else None, group.contact if group else None,
                             info.venue or "（未定）", address, adviser.name if adviser else None,
                             adviser.affiliation if adviser else None)


def _texts(texts: Mapping[str, str] | None) -> dict[str, str]:
    return {k: v.strip() for k, v in (texts or {}).items() if k in NOTICE_TEXTS and v and v.strip()}


def _box_style(font: str, z: float = 1.0) -> TableStyle:
    return TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), font),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.HexColor("#444444")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEEEEE")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2.5 * mm * z),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2.5 * mm * z),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm * z),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm * z),
    ])


# --- 派遣決定通知 ---------------------------------------------------------------------------------

def _notice_story(doc: ReportDocument, d: VisitDocument, t: dict[str, str], issued: dt.date,
                  st: ReportStyles) -> list[Flowable]:
    v, where = d.visit, f"派遣決定通知（{d.visit.group_name}）"
    right = st.make(11, align="right", leading=16)
    out: list[Flowable] = [
        Paragraph(doc.markup(t.get("number") or "第　　　　号", where + " 文書番号"), right),
        Paragraph(to_wareki(issued), right),
        Spacer(0, 4 * mm * st.scale),
        Paragraph(doc.markup(v.group_name, where + " 宛先"), st.make(14, leading=20)),
        Paragraph("代表　" + (doc.markup(d.representative, where + " 代表者") if d.representative else gap(16))
                  + gap(2) + "様", st.make(14, leading=20, space_after=3 * mm)),
        Paragraph(doc.markup(t.get("issuer") or "区役所　地域振興課", where + " 発信者"), right),
        Spacer(0, 6 * mm * st.scale),
        Paragraph(NOTICE_TITLE, st.make(17, bold=True, leading=24, align="center", space_after=5 * mm)),
        Paragraph("先にご依頼のありましたICTアドバイザーの派遣について、下記のとおり決定しましたので通知します。",
                  st.make(11.5, leading=18, space_after=3 * mm)),
        Paragraph("記", st.make(12, align="center", space_after=3 * mm)),
    ]
    label, value = st.make(11, bold=True, leading=15), st.make(11.5, leading=17)
    adviser = doc.markup(d.adviser or "", where + " アドバイザー")
    if d.affiliation:
        adviser += f"（{doc.markup(d.affiliation, where + ' 所属')}）"
    place = doc.markup(d.venue, where + " 会場")
    if d.venue_address:
        place += "<br/>" + doc.markup(d.venue_address, where + " 住所")
    if v.delivery == ONLINE:
        place += "<br/>接続先は別途ご連絡します。"
    prepare = [x for x in ((v.request.equipment or ""), t.get("prepare", "")) if x] or [DEFAULT_PREPARE]
    rows: list[list[object]] = [
        [Paragraph("日時", label), Paragraph(d.when, value)],
        [Paragraph("会場", label), Paragraph(place, value)],
        [Paragraph("実施方法", label), Paragraph(v.delivery, value)],
        [Paragraph("アドバイザー", label), Paragraph(adviser, value)],
        [Paragraph("内容", label), Paragraph("<br/>".join("・" + doc.markup(x, where + " 内容")
                                                          for x in v.request.topics) or "（ご依頼のとおり）", value)],
        [Paragraph("参加予定人数", label),
         Paragraph(f"{v.request.expected}名" if v.request.expected is not None else "（未定）", value)],
        [Paragraph("ご準備いただくもの", label),
         Paragraph("<br/>".join("・" + doc.markup(x, where + " 準備") for x in prepare), value)],
    ]
    if t.get("note"):
        rows.append([Paragraph("備考", label), Paragraph(doc.markup(t["note"], where + " 備考"), value)])
    table = Table(rows, colWidths=[40 * mm * st.scale, doc.frame_width - 40 * mm * st.scale])
    table.setStyle(_box_style(doc.font.name, st.scale))
    out += [table, Spacer(0, 4 * mm * st.scale)]
    out.append(Paragraph("日程の変更・中止のご連絡は、下記までお願いします。", st.make(11, leading=16, space_after=2 * mm)))
    contact = doc.markup(t.get("contact") or t.get("issuer") or "区役所　地域振興課", where + " 問合せ")
    if t.get("phone"):
        contact += gap(3) + "電話　" + doc.markup(t["phone"], where + " 電話")
    box = Table([[Paragraph("お問い合わせ", label), Paragraph(contact, value)]],
                colWidths=[40 * mm * st.scale, doc.frame_width - 40 * mm * st.scale])
    box.setStyle(_box_style(doc.font.name, st.scale))
    out += [box, Spacer(0, 5 * mm * st.scale), Paragraph("以上", st.make(11.5, align="right"))]
    return out


def render_notice(d: VisitDocument, out: Path, *, printed_by: str, printed_at: dt.datetime,
                  texts: Mapping[str, str] | None = None, issued: dt.date | None = None) -> Path:
    v = d.visit
    if v.status == CANCELLED or v.date is None or v.start is None or v.adviser_id is None:
        raise UsageError("派遣決定通知は、日時とアドバイザーが決まった訪問（確定・実施済）だけ印刷できます"
                         f"（この訪問は「{v.status}」です）。")
    info = DocumentInfo(title=NOTICE_TITLE, printed_by=printed_by, printed_at=printed_at,
                        scope=f"{v.group_name}　{d.when.replace(gap(2), ' ')}", subject=f"{NOTICE_TITLE} {v.group_name}")
    doc = ReportDocument(info)
    t = _texts(texts)
    story = doc.fit_page(partial(_notice_story, doc, d, t, issued or printed_at.date()))
    return doc.build(story, out)


# --- 訪問報告書 -------------------------------------------------------------------------------------

def _report_story(doc: ReportDocument, d: VisitDocument, st: ReportStyles) -> list[Flowable]:
    v, where = d.visit, f"訪問報告書（{d.visit.group_name}）"
    label, value = st.make(10.5, bold=True, leading=14), st.make(10.5, leading=15)
    z = st.scale
    out: list[Flowable] = [Paragraph(REPORT_TITLE, st.make(16, bold=True, leading=22, align="center",
                                                            space_after=3 * mm)),
                           Paragraph("訪問の内容（事務局記入済み）", st.make(11.5, bold=True, space_after=1.5 * mm))]
    rep = doc.markup(d.representative or "", where + " 代表者")
    if d.contact:
        rep += gap(3) + "連絡先　" + doc.markup(d.contact, where + " 連絡先")
    adviser = doc.markup(d.adviser or "（未定）", where + " アドバイザー")
    pre: list[list[object]] = [
        [Paragraph("訪問番号", label), Paragraph(str(v.id), value)],
        [Paragraph("団体名", label), Paragraph(doc.markup(v.group_name, where + " 団体名"), value)],
        [Paragraph("代表者", label), Paragraph(rep, value)],
        [Paragraph("予定日時", label), Paragraph(d.when, value)],
        [Paragraph("会場", label), Paragraph(doc.markup(d.venue, where + " 会場") + f"（{v.delivery}）", value)],
        [Paragraph("アドバイザー", label), Paragraph(adviser, value)],
        [Paragraph("依頼内容", label), Paragraph("・".join(doc.markup(x, where + " 内容") for x in v.request.topics)
                                              or "", value)],
        [Paragraph("参加予定人数", label),
         Paragraph(f"{v.request.expected}名" if v.request.expected is not None else "", value)],
        [Paragraph("必要な機材", label), Paragraph(doc.markup(v.request.equipment or "", where + " 機材"), value)],
    ]
    w0 = 42 * mm * z
    t = Table(pre, colWidths=[w0, doc.frame_width - w0])
    t.setStyle(_box_style(doc.font.name, z))
    out += [t, Spacer(0, 4 * mm * z),
            Paragraph("報告（アドバイザー記入）", st.make(11.5, bold=True, space_after=1.5 * mm))]
    blank = gap(6)
    tall = 30 * mm * z
    filled: list[list[object]] = [
        [Paragraph("実際の時間", label),
         Paragraph(f"{blank}時{blank}分　〜　{blank}時{blank}分", value)],
        [Paragraph("参加者数", label), Paragraph(f"{gap(14)}名", value)],
        [Paragraph("実施内容", label), ""],
        [Paragraph("成果・参加者の様子", label), ""],
        [Paragraph("フォローアップ", label), Paragraph("□ 不要　　□ 要（内容を下に）", value)],
        [Paragraph("フォローアップ内容", label), ""],
        [Paragraph("フォローアップ期日", label), Paragraph(f"令和{blank}年{blank}月{blank}日", value)],
        [Paragraph("記入者・提出日", label), Paragraph(f"{gap(30)}令和{blank}年{blank}月{blank}日", value)],
    ]
    heights = [11 * mm * z, 11 * mm * z, tall, tall, 11 * mm * z, 20 * mm * z, 11 * mm * z, 11 * mm * z]
    form = Table(filled, colWidths=[w0, doc.frame_width - w0], rowHeights=heights)
    form.setStyle(_box_style(doc.font.name, z))
    form.setStyle(TableStyle([("VALIGN", (0, 2), (-1, 3), "TOP"), ("VALIGN", (0, 5), (-1, 5), "TOP")]))
    out.append(form)
    return out


def render_report_form(d: VisitDocument, out: Path, *, printed_by: str, printed_at: dt.datetime) -> Path:
    v = d.visit
    if v.status == CANCELLED:
        raise UsageError("取消の訪問の報告書は印刷できません。")
    info = DocumentInfo(title=REPORT_TITLE, printed_by=printed_by, printed_at=printed_at,
                        scope=v.group_name, subject=f"{REPORT_TITLE} {v.group_name}")
    doc = ReportDocument(info)
    story = doc.fit_page(partial(_report_story, doc, d))
    return doc.build(story, out)


# --- services -----------------------------------------------------------------------------------------

def _audited(db: Db, actor: Actor, out: Path, document: str, d: VisitDocument, reason: str,
             kind: str, write: Callable[[Path], Path]) -> Path:
    """Write the PDF to a temporary name, record the output, then move it into place."""
    if not (reason or "").strip():
        raise UsageError("印刷・書き出しの理由を入力してください（監査ログに記録されます）。")
    out = Path(out)
    tmp = out.with_name(out.name + ".part")
    write(tmp)
    try:
        area = f"{d.visit.group_name} 訪問{d.visit.id}"
        if isinstance(db, Store):
            with db.transaction() as s:
                audit.record_output(s, actor, kind=kind, document=document, area=area, mode="PDF", reason=reason,
                                    persons=1 if d.representative else 0, file=out.name)
                tmp.replace(out)
        else:
            audit.record_output(db, actor, kind=kind, document=document, area=area, mode="PDF", reason=reason,
                                persons=1 if d.representative else 0, file=out.name)
            tmp.replace(out)
    finally:
        if tmp.exists():
            tmp.unlink()
    return out


@requires("outreach.manage")
def print_notice(db: Db, visit_id: int, out: Path, *, actor: Actor, reason: str = "派遣決定の通知",
                 texts: Mapping[str, str] | None = None, issued: dt.date | None = None,
                 printed_at: dt.datetime | None = None, kind: str = "export") -> Path:
    """Write the 派遣決定通知 of ``visit_id`` to ``out`` (``texts``: keys :data:`NOTICE_TEXTS`)."""
    d = visit_document(db, visit_id)
    at = printed_at or dt.datetime.now()
    who = actor.display_name or actor.user
    return _audited(db, actor, out, NOTICE_TITLE, d, reason, kind,
                    lambda p: render_notice(d, p, printed_by=who, printed_at=at, texts=texts, issued=issued))


@requires("outreach.manage")
def print_report_form(db: Db, visit_id: int, out: Path, *, actor: Actor, reason: str = "訪問報告書の記入用",
                      printed_at: dt.datetime | None = None, kind: str = "export") -> Path:
    """Write the 訪問報告書 form of ``visit_id`` to ``out`` (the report fields left blank)."""
    d = visit_document(db, visit_id)
    at = printed_at or dt.datetime.now()
    who = actor.display_name or actor.user
    return _audited(db, actor, out, REPORT_TITLE, d, reason, kind,
                    lambda p: render_report_form(d, p, printed_by=who, printed_at=at))
