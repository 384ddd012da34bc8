"""スマホ教室 documents (issue 7): 受付名簿, 受講案内, 募集ポスター — checked by their text."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from pdf_text import fonts, page_count, pages, requires_poppler, words

from wardapp.reports.document import HANDLE_WITH_CARE
from wardapp.reports.outreach import (
    CourseGuide,
    GuideSession,
    Need,
    SessionPoster,
    SignInParticipant,
    SignInSheet,
    render_course_guide,
    render_session_poster,
    render_sign_in_sheet,
)

pytestmark = requires_poppler

AT = dt.datetime(2025, 6, 1, 9, 30)
PRINTED = "印刷: suzuki 2025-06-01 09:30"

#: Deliberately not in 50音順; hiragana, katakana and half-width kana mixed as registries do.
PEOPLE = [
    SignInParticipant("やまだ たろう", "山田 太郎", "090-****-1234", (Need.LARGE_PRINT,)),
    SignInParticipant("アオキ ハナコ", "青木 花子", None, (Need.HEARING, Need.COMPANION)),
    SignInParticipant("ﾜﾀﾅﾍﾞ ｹﾝ", "渡辺 \ue000", None, ()),
    SignInParticipant("いとう けんじ", "伊藤 健二", None, (Need.WHEELCHAIR,)),
    SignInParticipant("", "読み 不明", None, ()),
    SignInParticipant("かとう みつこ", "加藤 美津子", None, ("手話",)),
]
KANA_ORDER = ["青木 花子", "伊藤 健二", "加藤 美津子", "山田 太郎", "渡辺 〓", "読み 不明"]


def _sheet(participants: list[SignInParticipant] = PEOPLE, blank_rows: int = 8) -> SignInSheet:
    return SignInSheet(
        session_title="第2回 LINEを使ってみよう", course_title="はじめてのスマホ教室",
        date=dt.date(2025, 6, 12), start=dt.time(10, 0), end=dt.time(12, 0),
        venue_name="東町地区センター 2階 会議室", venue_address="みどり区東町1-2-3",
        instructors=("ICTアドバイザー 鈴木",), participants=participants, blank_rows=blank_rows)


SESSIONS = [GuideSession(dt.date(2025, 6, 5), dt.time(10), dt.time(12), "第1回 電話とカメラ"),
            GuideSession(dt.date(2025, 6, 12), dt.time(13, 30), dt.time(15, 30), "第2回 LINE")]


# ----------------------------------------------------------------------------- 受付名簿

def test_sign_in_sheet_header_footer_and_session(tmp_path: Path) -> None:
    pdf = render_sign_in_sheet(_sheet(), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    texts = pages(pdf)
    n = len(texts)
    for i, t in enumerate(texts, start=1):
        assert "受付名簿" in t and HANDLE_WITH_CARE in t and PRINTED in t and f"{i} / {n} ページ" in t
        # the session, date and venue are in the header of every page
        assert "第2回 LINEを使ってみよう" in t and "令和7年6月12日（木）" in t and "東町地区センター" in t
    first = texts[0]
    assert "はじめてのスマホ教室" in first
    assert "令和7年6月12日（木）（2025年6月12日）" in first and "10:00〜12:00" in first
    assert "みどり区東町1-2-3" in first and "ICTアドバイザー 鈴木" in first
    assert "申込 6 名" in first


def test_sign_in_sheet_kana_order_tick_boxes_and_blank_rows(tmp_path: Path) -> None:
    pdf = render_sign_in_sheet(_sheet(blank_rows=8), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    body = "\n".join(t for t in pages(pdf) if "外字一覧" not in t)
    positions = [body.index(name) for name in KANA_ORDER]
    assert positions == sorted(positions), "names are not in 50音順"
    assert body.count("□") == len(PEOPLE) + 8
    assert body.count("当日参加") == 8 + 1  # 8 rows + the 「当日参加 ＿ 名」 count line
    numbers = [int(m) for m in re.findall(r"^\s*(\d+)\s+□", body, re.M)]
    assert numbers == list(range(1, len(PEOPLE) + 8 + 1))


def test_sign_in_sheet_needs_marks_and_phone(tmp_path: Path) -> None:
    pdf = render_sign_in_sheet(_sheet(), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    body = pages(pdf)[0]
    assert "配慮の記号" in body and "大＝大きな文字" in body and "耳＝補聴" in body
    assert re.search(r"青木 花子.*耳\s*付", body)
    assert "ワタナベ ケン" in body  # half-width kana printed full-width
    assert re.search(r"伊藤 健二.*車", body)
    assert re.search(r"山田 太郎.*090-\*\*\*\*-1234.*大", body)
    assert re.search(r"加藤 美津子.*手話", body)


def test_sign_in_sheet_without_phones_has_no_phone_column(tmp_path: Path) -> None:
    people = [SignInParticipant("いとう", "伊藤")]
    pdf = render_sign_in_sheet(_sheet(people, blank_rows=2), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    text = pages(pdf)[0]
    assert "電話" not in text and text.count("□") == 3


def test_sign_in_sheet_large_type(tmp_path: Path) -> None:
    pdf = render_sign_in_sheet(_sheet(), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    ws = {w.text: w for w in words(pdf, 1)}
    for name in ("青木", "花子", "伊藤", "健二"):
        assert ws[name].height >= 14, ws[name]
    assert ws["□"].height >= 14


def test_sign_in_sheet_gaiji_listed_at_the_end(tmp_path: Path) -> None:
    pdf = render_sign_in_sheet(_sheet(), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    texts = pages(pdf)
    assert "渡辺 〓" in texts[0]
    assert not any("\ue000" in t for t in texts)
    last = texts[-1]
    assert "外字一覧" in last and "U+E000" in last and re.search(r"受付名簿 5行目 氏名\s+U\+E000", last)


def test_sign_in_sheet_long_list_repeats_header(tmp_path: Path) -> None:
    people = [SignInParticipant(f"さとう {i:02d}", f"佐藤 {i:02d}") for i in range(40)]
    pdf = render_sign_in_sheet(_sheet(people, blank_rows=5), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    texts = pages(pdf)
    assert len(texts) >= 3
    for t in texts:
        assert re.search(r"No\.\s+出席\s+ふりがな／氏名", t)
    assert sum(t.count("□") for t in texts) == 45


def test_sign_in_sheet_fonts_embedded(tmp_path: Path) -> None:
    pdf = render_sign_in_sheet(_sheet(), tmp_path / "s.pdf", printed_by="suzuki", printed_at=AT)
    rows = fonts(pdf)
    assert rows and all(r.embedded for r in rows), rows


# ----------------------------------------------------------------------------- 受講案内

def _guide(name: str = "山田 太郎") -> CourseGuide:
    return CourseGuide("はじめてのスマホ教室", SESSIONS, "東町地区センター", "みどり区東町1-2-3",
                       participant_name=name, access="みどり駅 東口から徒歩5分", contact_name="みどり区役所 地域振興課",
                       contact_phone="045-000-1234")


def test_course_guide_contents(tmp_path: Path) -> None:
    pdf = render_course_guide(_guide(), tmp_path / "g.pdf", printed_by="suzuki", printed_at=AT)
    (text,) = pages(pdf)
    assert "山田 太郎" in text and "様" in text
    assert "受講のご案内" in text and "はじめてのスマホ教室" in text
    assert "令和7年6月5日（木）" in text and "10:00〜12:00" in text
    assert "令和7年6月12日（木）" in text and "13:30〜15:30" in text
    assert "東町地区センター" in text and "みどり区東町1-2-3" in text and "徒歩5分" in text
    for item in ("スマートフォン（お持ちの方）", "筆記用具", "眼鏡"):
        assert item in text
    assert "045-000-1234" in text
    # handed to the participant: no 取扱注意, but traceable
    assert HANDLE_WITH_CARE not in text and PRINTED in text and "1 / 1 ページ" in text


def test_course_guides_one_page_each_numbered_on_their_own(tmp_path: Path) -> None:
    guides = [_guide("山田 太郎"), _guide("青木 花子"), _guide("")]
    pdf = render_course_guide(guides, tmp_path / "g.pdf", printed_by="suzuki", printed_at=AT)
    texts = pages(pdf)
    assert len(texts) == 3
    assert "山田 太郎" in texts[0] and "青木 花子" in texts[1] and "様" in texts[2]
    for i, t in enumerate(texts, start=1):
        assert "1 / 1 ページ" in t and f"通し {i} / 3" in t


def test_course_guide_large_type(tmp_path: Path) -> None:
    pdf = render_course_guide(_guide(), tmp_path / "g.pdf", printed_by="suzuki", printed_at=AT)
    ws = words(pdf, 1)
    dates = [w for w in ws if w.text.startswith("令和7年6月5日")]
    assert dates and all(w.height >= 14 for w in dates)


def test_course_guide_needs_someone() -> None:
    with pytest.raises(ValueError):
        render_course_guide([], "x.pdf", printed_by="suzuki", printed_at=AT)


# ----------------------------------------------------------------------------- ポスター

def _poster() -> SessionPoster:
    return SessionPoster(
        "はじめてのスマホ教室", SESSIONS, "東町地区センター", "みどり区東町1-2-3",
        catch="電話のかけ方から LINE まで", contents=("電話のかけ方", "LINEで家族とやりとり"),
        target="区内在住の65歳以上の方", capacity="各回 20名（先着順）", bring="スマートフォン（お持ちの方）",
        apply_phone="045-000-1234", apply_counter="区役所 3階 地域振興課", apply_period="5月15日（木）から受付",
        organizer="主催・問合せ：みどり区役所 地域振興課")


def test_poster_contents_and_no_personal_marks(tmp_path: Path) -> None:
    pdf = render_session_poster(_poster(), tmp_path / "p.pdf", printed_by="suzuki", printed_at=AT)
    assert page_count(pdf) == 1
    text = pages(pdf)[0]
    for s in ("はじめてのスマホ教室", "令和7年（2025年）", "6月5日（木）", "6月12日（木）", "13:30〜15:30",
              "東町地区センター", "みどり区東町1-2-3", "対象", "区内在住の65歳以上の方", "定員", "各回 20名（先着順）",
              "費用", "無料", "申込方法", "045-000-1234", "区役所 3階 地域振興課", "5月15日（木）から受付"):
        assert s in text, s
    assert HANDLE_WITH_CARE not in text and "印刷:" not in text and "ページ" not in text


def test_poster_very_large_type(tmp_path: Path) -> None:
    pdf = render_session_poster(_poster(), tmp_path / "p.pdf", printed_by="suzuki", printed_at=AT)
    ws = words(pdf, 1)
    title = [w for w in ws if "スマホ教室" in w.text]
    assert title and max(w.height for w in title) >= 36
    assert max(w.height for w in ws if "045-000-1234" in w.text) >= 24
    assert all(r.embedded for r in fonts(pdf))


def test_poster_with_much_text_still_fits_one_page(tmp_path: Path) -> None:
    p = _poster()
    many = SessionPoster(**{**p.__dict__, "sessions": SESSIONS * 5, "contents": tuple(f"内容その{i}" for i in range(10))})
    pdf = render_session_poster(many, tmp_path / "p.pdf", printed_by="suzuki", printed_at=AT)
    assert page_count(pdf) == 1
    assert "内容その9" in pages(pdf)[0]


def test_course_guide_with_many_dates_stays_on_one_page(tmp_path: Path) -> None:
    many = [GuideSession(dt.date(2025, 6, 5) + dt.timedelta(weeks=i), dt.time(10), dt.time(12), f"第{i + 1}回")
            for i in range(10)]
    g = CourseGuide("はじめてのスマホ教室", many, "東町地区センター", "みどり区東町1-2-3", participant_name="山\ue000 太郎",
                    contact_name="みどり区役所", contact_phone="045-000-1234")
    pdf = render_course_guide([g, _guide()], tmp_path / "g.pdf", printed_by="suzuki", printed_at=AT)
    texts = pages(pdf)
    assert len(texts) == 3  # two guides and the 外字一覧
    assert "第10回" in texts[0] and "令和7年8月7日（木）" in texts[0]
    # the 外字 is listed once, although the page was laid out more than once to fit
    assert texts[2].count("U+E000") == 1 and "職員用" in texts[2]
    # one line per date keeps them in large type
    dates = [w for w in words(pdf, 1) if re.match(r"令和7年[678]月\d+日（木）", w.text)]
    assert len(dates) == 10 and all(w.height >= 14 for w in dates)
