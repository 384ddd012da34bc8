"""スマホ教室 documents (issue 7): 受付名簿, 受講案内, 募集ポスター.

Inputs are small plain dataclasses, so the outreach model (``wardapp.outreach``) fills them
and tests build them by hand.  Many participants are older people, so everything a participant
reads is in large type (≥ 14 pt; names 16 pt, poster headings 40 pt and more).

Personal data, and what each document therefore carries (architecture.md, "Printing"):

* 受付名簿 lists participants' names (and optionally masked phone numbers and care needs): it is
  personal data → header with 「取扱注意（個人情報）」, 印刷者・日時 and page x / y on every page.
* 受講案内 is addressed to one participant and shows only that person's own name: it is handed
  or mailed to them, so it carries **no** 取扱注意 mark (it would alarm the reader and says
  nothing to them).  It keeps the small footer (印刷者・日時, page x / y per participant) so a
  stray copy can be traced.  The caller still writes the print to the audit log.
* 募集ポスター holds no personal data and is posted in public: no header, no footer (no staff
  name on a public wall).
"""

from __future__ import annotations

import datetime as dt
import enum
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wardapp.kana import kana_key
from wardapp.reports.document import DocumentInfo, Margins, ReportDocument, ReportStyles
from wardapp.wareki import to_wareki

WEEKDAYS = "月火水木金土日"
#: The tick box printed in the 出席 column (a glyph, so it also shows in extracted text).
TICK_BOX = "□"


class Need(enum.StrEnum):
    """Care needs a participant may state when signing up (printed as one-character marks)."""

    LARGE_PRINT = "大きな文字"
    HEARING = "補聴"
    WHEELCHAIR = "車いす"
    COMPANION = "付き添い"


NEED_MARKS: dict[str, str] = {Need.LARGE_PRINT: "大", Need.HEARING: "耳", Need.WHEELCHAIR: "車",
                              Need.COMPANION: "付"}


def need_mark(need: str) -> str:
    """The short mark of a need (an unknown need is printed as written, e.g. ``手話``)."""
    return NEED_MARKS.get(need, need)


def gap(n: int = 2) -> str:
    """Space inside Paragraph markup (plain spaces, even U+3000, collapse to one)."""
    return "&#160;" * n


def wareki_with_weekday(d: dt.date) -> str:
    """``令和7年6月12日（木）``."""
    return f"{to_wareki(d)}（{WEEKDAYS[d.weekday()]}）"


def seireki(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def time_range(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}〜{end:%H:%M}"


def kana_order_key(kana: str, name: str) -> tuple[int, str, str]:
    """50音順 by the reading; people without a reading go last, by name."""
    key = kana_key(kana)
    return (0 if key else 1, key, name)


# =============================================================================== 受付名簿

@dataclass(frozen=True)
class SignInParticipant:
    kana: str
    name: str
    #: Already masked by the caller (``090-****-1234``); ``None`` leaves the cell empty.
    phone_masked: str | None = None
    #: :class:`Need` values (or other short words, printed as written).
    needs: Sequence[str] = ()
    note: str = ""


@dataclass(frozen=True)
class SignInSheet:
    """One 回 (session) of a course: who signed up, and rows for those who come on the day."""

    session_title: str
    course_title: str
    date: dt.date
    start: dt.time
    end: dt.time
    venue_name: str
    venue_address: str = ""
    instructors: Sequence[str] = ()
    participants: Sequence[SignInParticipant] = ()
    #: Empty numbered rows for 当日参加 (walk-ins).
    blank_rows: int = 8


SIGN_IN_TITLE = "受付名簿"


def _info_table(doc: ReportDocument, rows: list[tuple[str, str]], *, size: float, label_width: float,
                where: str) -> Table:
    label = doc.styles.make(size, bold=True)
    value = doc.styles.make(size)
    data = [[Paragraph(doc.markup(k), label), Paragraph(doc.markup(v, f"{where} {k}"), value)] for k, v in rows]
    t = Table(data, colWidths=[label_width, "*"])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), doc.font.name),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return t


def render_sign_in_sheet(data: SignInSheet, out_path: str | Path, *, printed_by: str,
                         printed_at: dt.datetime) -> Path:
    """受付名簿: 50音順, 出席 tick boxes, care-need marks, numbered blank rows for walk-ins."""
    when = f"{wareki_with_weekday(data.date)} {time_range(data.start, data.end)}"
    info = DocumentInfo(
        title=SIGN_IN_TITLE, printed_by=printed_by, printed_at=printed_at, personal_data=True,
        scope=f"{data.course_title}　{data.session_title}　{when}　{data.venue_name}",
        subject=f"{SIGN_IN_TITLE} {data.course_title} {data.session_title}",
    )
    doc = ReportDocument(info)
    st = doc.styles
    story: list[Flowable] = [
        Paragraph(f"{SIGN_IN_TITLE}{gap(3)}{doc.markup(data.course_title, '講座名')}", st.make(20, bold=True, leading=26)),
        Paragraph(doc.markup(data.session_title, "回"), st.make(16, leading=22, space_after=2 * mm)),
    ]
    rows = [("日時", f"{wareki_with_weekday(data.date)}（{seireki(data.date)}）　{time_range(data.start, data.end)}"),
            ("会場", data.venue_name + (f"（{data.venue_address}）" if data.venue_address else ""))]
    if data.instructors:
        rows.append(("講師", "、".join(data.instructors)))
    story.append(_info_table(doc, rows, size=14, label_width=16 * mm, where="見出し"))
    n = len(data.participants)
    story.append(Paragraph(f"申込 {n} 名{gap(8)}出席 ＿＿＿ 名{gap(8)}当日参加 ＿＿＿ 名",
                           st.make(14, space_before=2 * mm, space_after=1 * mm)))
    legend = "配慮の記号:" + gap(2) + gap(4).join(f"{m}＝{k}" for k, m in NEED_MARKS.items())
    story.append(Paragraph(legend, st.make(12, space_after=2 * mm)))

    people = sorted(data.participants, key=lambda p: kana_order_key(p.kana, p.name))
    with_phone = any(p.phone_masked for p in people)
    fw = doc.frame_width
    widths = [12 * mm, 16 * mm, 0.0] + ([34 * mm] if with_phone else []) + [20 * mm, 30 * mm]
    widths[2] = fw - sum(widths)
    header = ["No.", "出席", "ふりがな／氏名"] + (["電話"] if with_phone else []) + ["配慮", "備考"]
    name_style = st.make(16, leading=20)
    big = st.make(14, leading=18, align="center")
    box = st.make(22, leading=24, align="center")
    kana_size = 10.5
    table_rows: list[list[object]] = []
    for i, p in enumerate(people, start=1):
        where = f"{SIGN_IN_TITLE} {i}行目"
        # Half-width ｶﾅ from older registries prints full-width (NFKC); hiragana stays hiragana.
        kana = doc.markup(unicodedata.normalize("NFKC", p.kana), f"{where} ふりがな")
        name = doc.markup(p.name, f"{where} 氏名")
        cells: list[object] = [Paragraph(str(i), big), Paragraph(TICK_BOX, box),
                               Paragraph(f'<font size="{kana_size}">{kana}</font><br/>{name}', name_style)]
        if with_phone:
            cells.append(Paragraph(doc.markup(p.phone_masked or "", f"{where} 電話"), st.make(12, leading=15)))
        cells.append(Paragraph(doc.markup(" ".join(need_mark(x) for x in p.needs), f"{where} 配慮"), big))
        cells.append(Paragraph(doc.markup(p.note, f"{where} 備考"), st.make(11, leading=14)))
        table_rows.append(cells)
    walk_in = st.make(kana_size, color="#777777")
    for j in range(data.blank_rows):
        i = n + j + 1
        cells = [Paragraph(str(i), big), Paragraph(TICK_BOX, box), Paragraph("当日参加", walk_in)]
        if with_phone:
            cells.append("")
        cells += ["", ""]
        table_rows.append(cells)
    story.append(doc.table(header, table_rows, widths, style=st.make(14), header_style=st.make(12, bold=True),
                           align=["center", "center", "left"] + (["left"] if with_phone else []) + ["center", "left"],
                           where=SIGN_IN_TITLE, min_row_height=14 * mm))
    return doc.build(story, out_path)


# =============================================================================== 受講案内

@dataclass(frozen=True)
class GuideSession:
    """One date of a course as the guide lists it."""

    date: dt.date
    start: dt.time
    end: dt.time
    label: str = ""  # 第1回 / 内容 (e.g. 「電話とカメラ」)


DEFAULT_BRING: tuple[str, ...] = ("スマートフォン（お持ちの方）", "筆記用具", "眼鏡（お使いの方）",
                                  "この案内")


@dataclass(frozen=True)
class CourseGuide:
    """受講案内 for one participant (``participant_name=""`` prints a blank line to write on)."""

    course_title: str
    sessions: Sequence[GuideSession]
    venue_name: str
    venue_address: str
    participant_name: str = ""
    access: str = ""                       # 「○○駅から徒歩5分。駐車場はありません。」
    bring: Sequence[str] = DEFAULT_BRING
    contact_name: str = ""                 # 「○○区役所 地域振興課」
    contact_phone: str = ""
    contact_hours: str = "平日 8:45〜17:00"
    notes: Sequence[str] = field(default_factory=lambda: (
        "スマートフォンをお持ちでない方には、練習用の機器をお貸しします。",
        "当日、体調がすぐれないときは無理をせず、お問い合わせ先までご連絡ください。",
    ))


GUIDE_TITLE = "受講のご案内"


def _guide_story(doc: ReportDocument, g: CourseGuide, issued: dt.date, st: ReportStyles) -> list[Flowable]:
    z = st.scale  # sizes not made by st.make (inline fonts, padding, spacers) follow the scale too
    where = f"受講案内（{g.participant_name or '氏名なし'}）"
    out: list[Flowable] = [Paragraph(to_wareki(issued), st.make(14, align="right"))]
    name = doc.markup(g.participant_name, f"{where} 氏名") if g.participant_name else gap(24)
    out.append(Paragraph(f'<u>{name}</u>{gap(2)}様', st.make(20, leading=28, space_after=6 * mm)))
    out.append(Paragraph(doc.markup(g.course_title, f"{where} 講座名"), st.make(24, bold=True, leading=32, align="center")))
    out.append(Paragraph(GUIDE_TITLE, st.make(20, bold=True, leading=28, align="center", space_after=6 * mm)))
    out.append(Paragraph("お申し込みいただき、ありがとうございます。次のとおり開催します。"
                         "気をつけてお越しください。", st.make(14, leading=21, space_after=5 * mm)))
    label = st.make(15, bold=True, leading=21)
    value = st.make(16, leading=23)
    small = st.make(14, leading=19)
    # Up to three dates: the label on a line of its own; more: one line per date to stay large.
    brk = "<br/>" if len(g.sessions) <= 3 else gap(2)
    dates = "<br/>".join(
        (f'<font size="{14 * z:g}">{doc.markup(s.label, where + " 回")}</font>{brk}' if s.label else "")
        + f"{wareki_with_weekday(s.date)}{gap(2)}{time_range(s.start, s.end)}" for s in g.sessions)
    venue = f"{doc.markup(g.venue_name, where + ' 会場')}<br/>" \
            f'<font size="{14 * z:g}">{doc.markup(g.venue_address, where + " 住所")}</font>'
    rows: list[list[object]] = [[Paragraph("日時", label), Paragraph(dates, value)],
                                [Paragraph("会場", label), [Paragraph(venue, value)]
                                 + ([Paragraph(doc.markup(g.access, where + " 交通"), small)] if g.access else [])],
                                [Paragraph("持ち物", label),
                                 Paragraph("<br/>".join("・" + doc.markup(b, where + " 持ち物") for b in g.bring), value)]]
    if g.contact_name or g.contact_phone:
        contact = doc.markup(g.contact_name, where + " 問合せ")
        if g.contact_phone:
            contact += f'<br/><font size="{18 * z:g}">電話 {doc.markup(g.contact_phone)}</font>'
        if g.contact_hours:
            contact += f'<br/><font size="{14 * z:g}">（受付 {doc.markup(g.contact_hours)}）</font>'
        rows.append([Paragraph("お問い合わせ", label), Paragraph(contact, st.make(15, leading=24))])
    t = Table(rows, colWidths=[42 * mm * z, doc.frame_width - 42 * mm * z])
    t.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), doc.font.name),
        ("GRID", (0, 0), (-1, -1), 0.8, colors.HexColor("#444444")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#EEEEEE")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3 * mm * z),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5 * mm * z),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3 * mm * z),
    ]))
    out.append(t)
    if g.notes:
        out.append(Spacer(0, 5 * mm * z))
        out += [Paragraph("※ " + doc.markup(n, where + " 注意"), st.make(14, leading=20)) for n in g.notes]
    return out


def render_course_guide(data: CourseGuide | Sequence[CourseGuide], out_path: str | Path, *,
                        printed_by: str, printed_at: dt.datetime) -> Path:
    """受講案内: one page per participant (each numbered on its own), large type."""
    guides = [data] if isinstance(data, CourseGuide) else list(data)
    if not guides:
        raise ValueError("受講案内を作る受講者がありません")
    info = DocumentInfo(title=GUIDE_TITLE, printed_by=printed_by, printed_at=printed_at,
                        personal_data=False, subject=f"{GUIDE_TITLE} {guides[0].course_title}")
    doc = ReportDocument(info, header=False, margins=Margins(left=20 * mm, right=20 * mm, top=15 * mm))
    story: list[Flowable] = []
    for g in guides:
        story += doc.section(g.participant_name or g.course_title)
        story += doc.fit_page(partial(_guide_story, doc, g, printed_at.date()))
    return doc.build(story, out_path)


# =============================================================================== ポスター

@dataclass(frozen=True)
class SessionPoster:
    """A4 募集ポスター / チラシ for a course (no personal data)."""

    title: str                              # 「はじめてのスマホ教室」
    sessions: Sequence[GuideSession]
    venue_name: str
    venue_address: str = ""
    catch: str = ""                         # 「電話のかけ方から LINE まで、ていねいに教えます」
    contents: Sequence[str] = ()            # what is taught, one line each
    target: str = ""                        # 対象: 「区内在住の65歳以上の方」
    capacity: str = ""                      # 定員: 「20名（先着順）」
    fee: str = "無料"
    bring: str = ""
    apply_phone: str = ""                   # 申込: 電話
    apply_counter: str = ""                 # 申込: 窓口 (「区役所3階 地域振興課」)
    apply_period: str = ""                  # 「5月1日（木）から受付」
    organizer: str = ""                     # 主催・問合せ
    note: str = ""


POSTER_BANNER = colors.HexColor("#0B5563")
POSTER_ACCENT = colors.HexColor("#F2F7F8")


def _poster_story(doc: ReportDocument, data: SessionPoster, st: ReportStyles) -> list[Flowable]:
    z = st.scale
    fw = doc.frame_width
    where = "ポスター"
    banner_rows: list[list[object]] = [[Paragraph(doc.markup(data.title, where + " 表題"),
                                                  st.make(44, bold=True, leading=54, align="center", color="#FFFFFF"))]]
    if data.catch:
        banner_rows.append([Paragraph(doc.markup(data.catch, where + " 見出し"),
                                      st.make(20, leading=27, align="center", color="#FFFFFF"))])
    banner = Table(banner_rows, colWidths=[fw])
    banner.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), doc.font.name),
                                ("BACKGROUND", (0, 0), (-1, -1), POSTER_BANNER),
                                ("TOPPADDING", (0, 0), (-1, 0), 7 * mm * z),
                                ("BOTTOMPADDING", (0, -1), (-1, -1), 7 * mm * z),
                                ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                                ("RIGHTPADDING", (0, 0), (-1, -1), 5 * mm)]))
    body: list[Flowable] = [banner, Spacer(0, 6 * mm * z)]

    dates = st.make(28, bold=True, leading=36, space_after=2 * mm)
    years = sorted({s.date.year for s in data.sessions})
    if len(years) == 1:  # the year once, in both calendars; each date then without it
        body.append(Paragraph(f"{to_wareki(data.sessions[0].date).split('年')[0]}年（{years[0]}年）",
                              st.make(18, leading=24)))
    for s in data.sessions:
        text = f"{s.date.month}月{s.date.day}日（{WEEKDAYS[s.date.weekday()]}）{gap(2)}{time_range(s.start, s.end)}"
        if len(years) > 1:
            text = f"{to_wareki(s.date).split('年')[0]}年 " + text
        if s.label:
            text = f'<font size="{16 * z:g}" color="#0B5563">{doc.markup(s.label, where + " 回")}</font><br/>' + text
        body.append(Paragraph(text, dates))
    body.append(Spacer(0, 4 * mm * z))
    if data.contents:
        body.append(Paragraph("<br/>".join("● " + doc.markup(c, where + " 内容") for c in data.contents),
                              st.make(18, leading=27, space_after=4 * mm)))

    label = st.make(18, bold=True, leading=24)
    value = st.make(18, leading=24)
    facts: list[tuple[str, str]] = [("会場", doc.markup(data.venue_name, where + " 会場")
                                     + (f'<br/><font size="{14 * z:g}">{doc.markup(data.venue_address, where + " 住所")}</font>'
                                        if data.venue_address else ""))]
    for k, v in (("対象", data.target), ("定員", data.capacity), ("費用", data.fee), ("持ち物", data.bring)):
        if v:
            facts.append((k, doc.markup(v, f"{where} {k}")))
    t = Table([[Paragraph(k, label), Paragraph(v, value)] for k, v in facts],
              colWidths=[30 * mm * z, fw - 30 * mm * z], hAlign="LEFT")
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), doc.font.name),
                           ("LINEBELOW", (0, 0), (-1, -1), 0.8, colors.HexColor("#9AB8BD")),
                           ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                           ("LEFTPADDING", (0, 0), (-1, -1), 0),
                           ("TOPPADDING", (0, 0), (-1, -1), 2 * mm * z),
                           ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5 * mm * z)]))
    body += [t, Spacer(0, 6 * mm * z)]

    apply: list[Flowable] = [Paragraph("申込方法", st.make(22, bold=True, leading=28, color="#0B5563"))]
    if data.apply_phone:
        apply.append(Paragraph(f'お電話で{gap(2)}<font size="{30 * z:g}">{doc.markup(data.apply_phone, where + " 電話")}</font>',
                               st.make(20, bold=True, leading=38)))
    if data.apply_counter:
        apply.append(Paragraph(f"窓口で{gap(2)}{doc.markup(data.apply_counter, where + ' 窓口')}", st.make(18, leading=26)))
    if data.apply_period:
        apply.append(Paragraph(doc.markup(data.apply_period, where + " 受付"), st.make(16, leading=22)))
    box = Table([[a] for a in apply], colWidths=[fw])
    box.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), doc.font.name),
                             ("BOX", (0, 0), (-1, -1), 2, POSTER_BANNER),
                             ("BACKGROUND", (0, 0), (-1, -1), POSTER_ACCENT),
                             ("LEFTPADDING", (0, 0), (-1, -1), 5 * mm),
                             ("TOPPADDING", (0, 0), (0, 0), 3 * mm * z),
                             ("BOTTOMPADDING", (0, -1), (-1, -1), 4 * mm * z)]))
    body.append(box)
    if data.note:
        body += [Spacer(0, 3 * mm * z), Paragraph("※ " + doc.markup(data.note, where + " 注意"), st.make(14, leading=20))]
    if data.organizer:
        body += [Spacer(0, 4 * mm * z),
                 Paragraph(doc.markup(data.organizer, where + " 主催"), st.make(14, leading=20, align="right"))]
    return body


def render_session_poster(data: SessionPoster, out_path: str | Path, *, printed_by: str,
                          printed_at: dt.datetime) -> Path:
    """募集ポスター on one page: title 44 pt, dates 28 pt (smaller only when the text needs it)."""
    info = DocumentInfo(title=data.title, printed_by=printed_by, printed_at=printed_at, personal_data=False,
                        subject="募集ポスター")
    doc = ReportDocument(info, header=False, footer=False,
                         margins=Margins(left=14 * mm, right=14 * mm, top=14 * mm, bottom=14 * mm))
    return doc.build(doc.fit_page(lambda st: _poster_story(doc, data, st)), out_path)
