"""A year of スマホ教室 in the demo ward: courses, sessions, participants, sign-ups, attendance, surveys.

Built through the outreach services a coordinator uses (:mod:`wardapp.outreach`), in one
transaction, so every conflict rule, the waiting list and the call list behave as they do for
real.  Deterministic for a seed and size (timestamps of *when the demo was built*, such as
``updated_at``, aside).

What it looks like, for the default 40,000 residents (scaled with the ward's size):

- about 50 sessions in the 年度 before the reference date and a handful in the two months after
  it, at the ward's 地区センター, 地域ケアプラザ and コミュニティハウス, mostly on weekday mornings;
  a four-week 「はじめてのスマホ教室」 series, LINE, マイナンバーカード, 防災アプリ (more before the
  typhoon season), 詐欺対策 with the 老人クラブ, a few オンライン/ハイブリッド sessions; partners are
  a carrier shop (民間事業者), an NPO and community groups; a few sessions 中止 (台風 …);
- participants mostly 65 and over, many without a smartphone (持っていない/ガラケー), some needing
  大きな文字, 補聴, 車いす or 付き添い; signed up mostly by phone, at the counter or by postcard,
  some by family (代理); living near the venue, a quarter of them regulars;
- popular sessions full with waiting lists, cancellations moving people up (the calls made for
  past sessions, still to make for the coming ones), no-shows and walk-ins, surveys from most
  of those present.

Names are common Japanese names combined at random; phone numbers start with 000 (no such
numbers exist); places are the demo's invented ones.  Nothing is taken from the demo registry:
outreach participants are never filled from the registry (docs/outreach.md).
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
import random
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wardapp.demo import names
from wardapp.errors import ConflictError
from wardapp.outreach import attendance, courses, enrolment, sessions, surveys
from wardapp.outreach.participants import ParticipantData, register_participant
from wardapp.outreach.vocabulary import ABSENT, DEVICES, ENROLLED, HELD, WAITING
from wardapp.security.access import SYSTEM
from wardapp.store.db import Store
from wardapp.store.models import ClassEnrolment, ClassSession, ClassSurvey, Course, Facility, ParticipantId, Town
from wardapp.wareki import fiscal_year

#: Facility kinds that host classes in the demo, with how often each is chosen.
_VENUE_WEIGHTS = {"地区センター": 1.0, "地域ケアプラザ": 0.8, "コミュニティハウス": 0.55}

CARRIER = "架空モバイル みどり区ショップ"
CARRIER2 = "見本テレコム"
NPO = "NPO法人 見本ICTサポート"
JICHIKAI = "見本町連合自治会"
ROJIN = "みどり区老人クラブ連合会"
SHAKYO = "みどり区地区社会福祉協議会"


@dataclass(frozen=True, slots=True)
class _Template:
    data: courses.CourseData
    length: int = 1
    every_days: int = 7
    capacity: int = 15
    #: Applicants per seat on average (above 1: a waiting list).
    demand: float = 1.0
    #: Relative number of offerings in a year.
    weight: float = 1.0
    delivery: str = "対面"
    instructors: int = 2
    loan_devices: int = 0
    slots: tuple[tuple[dt.time, dt.time], ...] = ((dt.time(10), dt.time(12)), (dt.time(13, 30), dt.time(15, 30)))
    months: dict[int, float] = field(default_factory=dict)


T = dt.time
_TEMPLATES: tuple[_Template, ...] = (
    _Template(courses.CourseData("はじめてのスマホ教室（全4回）", ("基本操作", "電話・カメラ", "LINE", "地図"), "入門",
                                 "民間事業者", CARRIER, "国の制度",
                                 "スマートフォンを持っていない方・買ったばかりの方向け。貸出端末あり。"),
              length=4, capacity=12, demand=1.3, weight=1.6, loan_devices=8, slots=((T(10), T(12)),)),
    _Template(courses.CourseData("LINEをはじめよう", ("LINE", "基本操作"), "入門", "民間事業者", CARRIER2, "国の制度"),
              capacity=15, demand=1.3, weight=1.6, loan_devices=6),
    _Template(courses.CourseData("マイナンバーカードとマイナポータル", ("マイナンバーカード・マイナポータル", "オンライン申請"),
                                 "初級", "NPO", NPO, "区予算", "マイナンバーカードと暗証番号を持参。"),
              length=2, capacity=16, demand=1.1, weight=1.0, loan_devices=4),
    _Template(courses.CourseData("スマホで防災 ― 防災アプリを入れよう", ("防災アプリ・防災情報", "地図"), "入門",
                                 "地域団体", JICHIKAI, "区予算", "ハザードマップと避難所の確認もします。"),
              capacity=20, demand=0.95, weight=1.2, loan_devices=4, months={5: 2.0, 6: 2.5, 7: 2.0, 9: 1.5, 1: 1.5}),
    _Template(courses.CourseData("スマホ詐欺にご用心", ("詐欺対策", "基本操作"), "入門", "地域団体", ROJIN, "市補助"),
              capacity=25, demand=0.8, weight=1.0, instructors=1, slots=((T(13, 30), T(15)),)),
    _Template(courses.CourseData("スマホで地図・乗換案内", ("地図", "インターネット検索"), "初級", "NPO", NPO, "区予算"),
              capacity=15, demand=0.75, weight=0.8, loan_devices=4),
    _Template(courses.CourseData("オンライン申請を体験しよう", ("オンライン申請", "マイナンバーカード・マイナポータル"), "中級",
                                 "NPO", NPO, "区予算"),
              capacity=12, demand=0.7, weight=0.6, delivery="ハイブリッド"),
    _Template(courses.CourseData("自宅で学ぶスマホ講座（オンライン）", ("基本操作", "LINE"), "初級", "NPO", NPO, "市補助",
                                 "ビデオ会議で参加。事前に接続の練習日あり。"),
              capacity=10, demand=0.5, weight=0.35, delivery="オンライン", instructors=1, slots=((T(14), T(15, 30)),)),
    _Template(courses.CourseData("キャッシュレス決済入門", ("キャッシュレス決済", "詐欺対策"), "初級", "民間事業者", CARRIER2,
                                 "国の制度"),
              capacity=15, demand=0.7, weight=0.7, loan_devices=6),
    _Template(courses.CourseData("タブレットではじめるデジタル", ("基本操作", "インターネット検索"), "入門", "地域団体", SHAKYO,
                                 "市補助", "地区社協のサロンと共催。"),
              length=3, every_days=14, capacity=10, demand=0.9, weight=0.5, loan_devices=10, slots=((T(10), T(11, 30)),)),
)

_CANCEL_REASONS = ("台風接近のため", "講師の体調不良のため", "会場の設備点検のため", "大雪のため")
_PROXIES = ("長女", "長男", "次女", "妻", "夫", "民生委員", "ケアマネジャー", "地域包括支援センター職員")
_COMMENTS = (
    "文字が大きい資料で分かりやすかった。", "先生が優しく教えてくれたので安心しました。",
    "LINEで孫に写真を送れるようになりました。", "もう少しゆっくり説明してほしかった。",
    "家でも練習したいので資料をもらえて良かった。", "次は地図アプリの使い方を習いたい。",
    "スマホを買うか迷っていたが、使ってみたくなった。", "マイナポータルは難しかった。もう一度受けたい。",
    "詐欺の手口がよく分かった。家族にも伝えます。", "防災アプリを入れてもらえて心強い。",
    "2時間は少し長かった。", "補助の方が隣についてくれて助かった。", "会場が近くて参加しやすかった。",
    "同じくらいの年の人ばかりで質問しやすかった。", "貸出のスマホと自分の機種が違って戸惑った。",
)
#: 理解度 weights (levels 1–5) by course level.
_UNDERSTANDING = {"入門": (2, 5, 14, 43, 36), "初級": (3, 7, 18, 42, 30), "中級": (5, 10, 25, 38, 22)}
_HARD_TOPICS = {"マイナンバーカード・マイナポータル", "オンライン申請", "キャッシュレス決済"}


@dataclass
class DemoClasses:
    """What the demo's year of classes holds (goes into the demo run's counts)."""

    courses: int = 0
    sessions: int = 0
    sessions_held: int = 0
    sessions_cancelled: int = 0
    participants: int = 0
    enrolments: int = 0
    attendances: int = 0
    no_shows: int = 0
    walk_ins: int = 0
    waiting: int = 0
    calls_pending: int = 0
    surveys: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


@dataclass
class _Person:
    data: ParticipantData
    age: int
    lat: float | None
    lon: float | None
    interest: float
    id: ParticipantId | None = None


@dataclass
class _Venue:
    id: int
    name: str
    lat: float | None
    lon: float | None
    weight: float


def _weighted(rng: random.Random, items: list[_Person], weights: list[float], k: int) -> list[_Person]:
    """``k`` distinct items, each drawn with probability proportional to its weight (Efraimidis–Spirakis)."""
    keys = sorted(((rng.random() ** (1.0 / w) if w > 0 else 0.0, i) for i, w in enumerate(weights)), reverse=True)
    return [items[i] for _, i in keys[:k]]


class _Builder:
    def __init__(self, s: Session, seed: int, persons: int, on: dt.date) -> None:
        self.s = s
        self.rng = random.Random(f"wardapp-demo-outreach-{seed}-{persons}")
        self.on = on
        self.past_from = dt.date(fiscal_year(on - dt.timedelta(days=1)), 4, 1)
        self.future_to = on + dt.timedelta(days=60)
        self.n_past = min(600, max(12, round(50 * persons / 40_000)))
        self.n_future = max(3, round(self.n_past * 0.12))
        self.phone_no = 0
        self.result = DemoClasses()

    # --- people ---------------------------------------------------------------------------------
    def _phone(self, mobile: bool) -> str:
        self.phone_no += 1
        n = self.phone_no
        return f"000-9{n // 10000:03d}-{n % 10000:04d}" if mobile else f"000-{300 + n // 10000}-{n % 10000:04d}"

    def make_person(self, towns: list[tuple[int, float | None, float | None]]) -> _Person:
        rng = self.rng
        age = rng.choices((57, 62, 67, 72, 77, 82, 87, 92), (4, 6, 14, 24, 25, 17, 8, 2))[0] + rng.randint(-2, 2)
        birth = self.on - dt.timedelta(days=round(age * 365.25) + rng.randint(1, 364))
        female = rng.random() < 0.64
        era = bisect.bisect_left(names.NAME_ERAS, birth.year)
        given = (names.FEMALE_GIVEN if female else names.MALE_GIVEN)[era]
        sur = rng.choices(names.SURNAMES, [w for _, _, w in names.SURNAMES])[0]
        g = rng.choice(given)
        old = age >= 75
        device = rng.choices(DEVICES, (38, 27, 18, 10, 7) if old else (18, 17, 33, 22, 10))[0]
        if device == "持っていない":
            phone = self._phone(False) if rng.random() < 0.93 else None
        else:
            phone = self._phone(rng.random() < (0.65 if device == "ガラケー" else 0.8))
        needs = tuple(n for n, p in (("大きな文字", 0.18 + 0.2 * (age >= 80)), ("補聴", 0.05 + 0.1 * (age >= 80)),
                                     ("車いす", 0.02 + 0.03 * (age >= 85)), ("付き添い", 0.03 + 0.07 * (age >= 85)))
                      if rng.random() < p)
        town_id, lat, lon = rng.choice(towns) if towns else (None, None, None)
        known = rng.random() < 0.72
        from wardapp.outreach.vocabulary import age_band

        data = ParticipantData(
            f"{sur[0]}\u3000{g[0]}", f"{sur[1]}\u3000{g[1]}", phone, birth if known else None,
            None if known else age_band(age), town_id, None, device, needs, rng.random() < 0.82,
            "耳が遠いので前の席を希望" if "補聴" in needs and rng.random() < 0.5 else None)
        interest = rng.lognormvariate(0, 0.6) * (3.0 if rng.random() < 0.25 else 1.0)
        return _Person(data, age, lat, lon, interest)

    def ensure_registered(self, p: _Person, at: dt.datetime) -> ParticipantId:
        if p.id is None:
            p.id = register_participant(self.s, p.data, user="デモ", at=at, actor=SYSTEM)
            self.result.participants += 1
        return p.id

    # --- schedule -------------------------------------------------------------------------------
    def _date_weight(self, d: dt.date, t: _Template) -> float:
        if d.weekday() >= 5 or (d.month, d.day) >= (12, 27) or (d.month, d.day) <= (1, 5):
            return 0.0
        w = 0.35 if d.month == 8 else 1.0
        return w * t.months.get(d.month, 1.0)

    def schedule(self, course_ids: list[int], venues: list[_Venue], lo: dt.date, hi: dt.date, target: int,
                 instructors: dict[str, list[str]]) -> list[int]:
        """Create offerings between ``lo`` and ``hi`` (inclusive) until ``target`` sessions exist."""
        rng = self.rng
        days = [lo + dt.timedelta(days=i) for i in range((hi - lo).days + 1)]
        made: list[int] = []
        tries = 0
        # Every kind of course once (when the year is long enough), then by how often each runs.
        forced = list(range(len(_TEMPLATES))) if target >= 2 * len(_TEMPLATES) else []
        while len(made) < target and tries < target * 40:
            tries += 1
            k = forced.pop(0) if forced else rng.choices(range(len(_TEMPLATES)), [t.weight for t in _TEMPLATES])[0]
            t = _TEMPLATES[k]
            if t.length > 1 and len(made) + t.length > target + 2:
                continue
            span = (t.length - 1) * t.every_days
            options = [d for d in days if d + dt.timedelta(days=span) <= hi]
            if not options:
                continue
            first = rng.choices(options, [self._date_weight(d, t) for d in options])[0]
            if self._date_weight(first, t) == 0:
                continue
            venue = None if t.delivery == "オンライン" else rng.choices(venues, [v.weight for v in venues])[0]
            start, end = rng.choice(t.slots)
            pool = instructors[t.data.partner_name or ""]
            plan = sessions.SessionPlan(first, start, end, t.capacity, venue.id if venue else None, None,
                                        t.loan_devices, tuple(rng.sample(pool, t.instructors)), t.delivery)
            try:
                if t.length == 1:
                    made.append(sessions.create_session(self.s, course_ids[k], plan, actor=SYSTEM))
                else:
                    r = sessions.create_series(self.s, course_ids[k], plan, count=t.length, every_days=t.every_days,
                                               actor=SYSTEM)
                    made += list(r.session_ids)
            except ConflictError:
                continue
        return made

    # --- a session's life -----------------------------------------------------------------------
    def _applicants(self, people: list[_Person], venue: Facility | None, k: int) -> list[_Person]:
        weights = []
        for p in people:
            w = p.interest
            if venue is not None and None not in (venue.lat, venue.lon, p.lat, p.lon):
                dkm = math.hypot((p.lon - venue.lon) * 91.0, (p.lat - venue.lat) * 111.0)  # type: ignore[operator]
                w /= 1.0 + (dkm / 1.2) ** 2
            weights.append(w)
        return _weighted(self.rng, people, weights, k)

    def _office_time(self, d: dt.date) -> dt.datetime:
        return dt.datetime.combine(d, dt.time(self.rng.randint(9, 16), self.rng.randrange(0, 60, 5)))

    def sign_up(self, group: list[int], template: _Template, people: list[_Person]) -> None:
        """Applications for a session (or a whole series: the same people for each of its sessions)."""
        rng, s = self.rng, self.s
        first = s.get(ClassSession, group[0])
        assert first is not None
        venue = s.get(Facility, first.facility_id) if first.facility_id is not None else None
        n = max(2, round(template.capacity * template.demand * rng.uniform(0.55, 1.35)))
        chosen = self._applicants(people, venue, min(n, len(people)))
        lead_days = [rng.randint(3, 40) for _ in chosen]
        order = sorted(range(len(chosen)), key=lambda i: -lead_days[i])
        for i in order:
            p = chosen[i]
            at = self._office_time(first.date - dt.timedelta(days=lead_days[i]))
            if at.date() >= self.on and first.date >= self.on:
                at = self._office_time(self.on - dt.timedelta(days=rng.randint(1, 20)))
            channel = rng.choices(("電話", "窓口", "はがき", "FAX", "オンライン", "代理"), (52, 16, 13, 4, 6, 9))[0]
            proxy = f"{rng.choice(_PROXIES)}" if channel == "代理" else None
            pid = self.ensure_registered(p, at)
            for sid in group:
                try:
                    enrolment.enrol(s, sid, pid, channel, applied_at=at, proxy_name=proxy, actor=SYSTEM)
                except ConflictError:
                    pass
        # A few withdraw before the day; the first on the waiting list moves up.
        for sid in group:
            x = s.get(ClassSession, sid)
            assert x is not None
            rows = s.scalars(select(ClassEnrolment).where(ClassEnrolment.session_id == sid,
                                                          ClassEnrolment.status.in_((ENROLLED, WAITING)))
                             .order_by(ClassEnrolment.id)).all()
            for e in rows:
                if rng.random() < 0.06:
                    when = max(e.applied_at + dt.timedelta(days=1),
                               dt.datetime.combine(x.date - dt.timedelta(days=rng.randint(1, 5)), dt.time(10)))
                    if x.date >= self.on:
                        when = min(when, dt.datetime.combine(self.on - dt.timedelta(days=1), dt.time(15)))
                    if e.status not in (ENROLLED, WAITING) or when.date() >= x.date:
                        continue
                    res = enrolment.cancel_enrolment(s, e.id, at=when, note="本人より電話で取消", actor=SYSTEM)
                    if x.date < self.on:
                        for pe in res.promoted:
                            enrolment.mark_called(s, pe, at=when + dt.timedelta(hours=2), note="電話で連絡済み", actor=SYSTEM)

    def hold(self, sid: int, template: _Template, people: list[_Person], towns: list[tuple[int, float | None, float | None]]) -> None:
        """The day itself: check-in, waiting-list people who come anyway, walk-ins, no-shows, surveys."""
        rng, s = self.rng, self.s
        x = s.get(ClassSession, sid)
        assert x is not None
        if rng.random() < 0.04:
            res = sessions.cancel_session(s, sid, rng.choice(_CANCEL_REASONS), actor=SYSTEM)
            for eid in res.to_call:
                enrolment.mark_called(s, eid, at=dt.datetime.combine(x.date - dt.timedelta(days=1), dt.time(16)),
                                      actor=SYSTEM)
            self.result.sessions_cancelled += 1
            return
        start = dt.datetime.combine(x.date, x.start)
        rows = attendance.checkin_rows(s, sid, actor=SYSTEM)
        present = 0
        for r in rows:
            if r.status == ENROLLED and rng.random() < 0.92:
                attendance.check_in(s, r.enrolment_id, at=start + dt.timedelta(minutes=rng.randint(-25, 5)),
                                    actor=SYSTEM)
                present += 1
        for r in rows:
            if r.status == WAITING and present < x.capacity and rng.random() < 0.2:
                attendance.check_in(s, r.enrolment_id, at=start + dt.timedelta(minutes=rng.randint(-20, 0)),
                                    allow_over_capacity=True, actor=SYSTEM)
                present += 1
        if x.delivery != "オンライン" and present < x.capacity and rng.random() < 0.35:
            for _ in range(rng.randint(1, 2)):
                if present >= x.capacity:
                    break
                at = start + dt.timedelta(minutes=rng.randint(-10, 10))
                if rng.random() < 0.5:
                    p = self.make_person(towns)
                    people.append(p)
                    walk = attendance.add_walk_in(s, sid, p.data, at=at, allow_over_capacity=True, user="デモ",
                                                  actor=SYSTEM)
                    p.id = walk.participant_id
                    self.result.participants += 1
                else:
                    known = [p for p in people if p.id is not None]
                    p = self._applicants(known, None, 1)[0]
                    assert p.id is not None
                    attendance.add_walk_in(s, sid, p.id, at=at, allow_over_capacity=True, actor=SYSTEM)
                present += 1
        attendance.complete_session(s, sid, on=x.date, actor=SYSTEM)
        # Surveys from most of those present (some handed in without a name).
        course = s.get(Course, x.course_id)
        assert course is not None
        topics = courses.course_topics(course)
        level_w = _UNDERSTANDING.get(course.level, _UNDERSTANDING["初級"])
        ages = {p.id: p.age for p in people if p.id is not None}
        for r in attendance.checkin_rows(s, sid, actor=SYSTEM):
            if r.attendance != "出席" or rng.random() > 0.85:
                continue
            w = [float(x) for x in level_w]
            if ages.get(r.participant_id, 75) >= 82:
                w = [w[0] * 1.5, w[1] * 1.4, w[2] * 1.2, w[3], w[4] * 0.7]
            u = rng.choices((1, 2, 3, 4, 5), w)[0] if rng.random() > 0.04 else None
            interest = None if rng.random() < 0.04 else rng.random() < (0.93 if (u or 4) >= 3 else 0.7)
            could = {}
            for tp in topics:
                if rng.random() < 0.08:
                    continue
                p_yes = (0.55 if tp in _HARD_TOPICS else 0.78) - (0.25 if (u or 4) <= 2 else 0.0)
                could[tp] = rng.random() < p_yes
            comment = rng.choice(_COMMENTS) if rng.random() < 0.2 else None
            anon = rng.random() < 0.12
            surveys.record_survey(s, sid, surveys.SurveyAnswer(u, interest, could, comment,
                                                               None if anon else r.participant_id),
                                  at=dt.datetime.combine(x.date, x.end), actor=SYSTEM)


def _instructor_pool(rng: random.Random) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    for partner in (CARRIER, CARRIER2, NPO, JICHIKAI, ROJIN, SHAKYO):
        people: list[str] = []
        while len(people) < 4:
            sur = rng.choices(names.SURNAMES, [w for _, _, w in names.SURNAMES])[0][0]
            era = rng.choice((1, 2, 3))
            g = rng.choice((names.FEMALE_GIVEN if rng.random() < 0.5 else names.MALE_GIVEN)[era])[0]
            name = f"{sur}\u3000{g}"
            if name not in people:
                people.append(name)
        pools[partner] = people
    return pools


def add_demo_classes(store: Store, *, seed: int = 1, persons: int = 40_000,
                     on: dt.date | None = None) -> DemoClasses:
    """Build the demo's year of classes up to ``on`` (the demo's reference date) and two months on.

    Does nothing when the store already holds classes or has no class venues.
    """
    on = on or dt.date.today()
    with store.transaction() as s:
        if (s.scalar(select(func.count()).select_from(ClassSession)) or 0) > 0:
            return DemoClasses()
        venue_rows = s.execute(select(Facility.id, Facility.name, Facility.kind, Facility.lat, Facility.lon)
                               .where(Facility.kind.in_(tuple(_VENUE_WEIGHTS)))
                               .order_by(Facility.id)).all()
        if not venue_rows:
            return DemoClasses()
        b = _Builder(s, seed, persons, on)
        venues = [_Venue(i, n, la, lo, _VENUE_WEIGHTS[k]) for i, n, k, la, lo in venue_rows]
        towns = [(int(i), la, lo) for i, la, lo in s.execute(select(Town.id, Town.lat, Town.lon)
                                                            .order_by(Town.id))]
        instructors = _instructor_pool(b.rng)
        course_ids = [int(courses.create_course(s, t.data, actor=SYSTEM)) for t in _TEMPLATES]
        b.result.courses = len(course_ids)
        people = [b.make_person(towns) for _ in range(max(60, round(b.n_past * 7.5)))]
        past = b.schedule(course_ids, venues, b.past_from, on - dt.timedelta(days=1), b.n_past, instructors)
        future = b.schedule(course_ids, venues, on + dt.timedelta(days=7), b.future_to, b.n_future, instructors)
        template_of: dict[int, _Template] = dict(zip(course_ids, _TEMPLATES))
        # Sign-ups per offering (a series as one), then each past session's day, in date order.
        groups: dict[object, list[ClassSession]] = {}
        for sid in past + future:
            x = s.get(ClassSession, sid)
            assert x is not None
            groups.setdefault(("s", x.series_id) if x.series_id is not None else ("x", x.id), []).append(x)
        for key, members in sorted(groups.items(), key=lambda kv: (kv[1][0].date, kv[1][0].start, kv[1][0].id)):
            b.sign_up([m.id for m in members], template_of[members[0].course_id], people)
        by_date = sorted((s.get(ClassSession, sid) for sid in past), key=lambda x: (x.date, x.start, x.id))  # type: ignore[union-attr]
        for x in by_date:
            assert x is not None
            b.hold(x.id, template_of[x.course_id], people, towns)
        # Coming sessions: those within a month are confirmed (venue booked, instructors agreed);
        # one moved by half an hour, so its participants are on the call list (日時・会場変更).
        moved = False
        for sid in future:
            x = s.get(ClassSession, sid)
            assert x is not None
            if x.date <= on + dt.timedelta(days=30):
                sessions.confirm_session(s, sid, actor=SYSTEM)
            elif not moved and x.series_id is None:
                later = (dt.datetime.combine(x.date, x.start) + dt.timedelta(minutes=30)).time()
                end = (dt.datetime.combine(x.date, x.end) + dt.timedelta(minutes=30)).time()
                try:
                    sessions.update_session(s, sid, sessions.SessionEdit(start=later, end=end,
                                                                         notes="講師の都合で30分繰り下げ"), actor=SYSTEM)
                    moved = True
                except ConflictError:
                    pass
        _count(s, b.result)
        return b.result


def _count(s: Session, r: DemoClasses) -> None:
    e = ClassEnrolment
    r.sessions = int(s.scalar(select(func.count()).select_from(ClassSession)) or 0)
    r.sessions_held = int(s.scalar(select(func.count()).select_from(ClassSession)
                                   .where(ClassSession.status == HELD)) or 0)
    r.enrolments = int(s.scalar(select(func.count()).select_from(e)) or 0)
    r.attendances = int(s.scalar(select(func.count()).select_from(e).where(e.attendance == "出席")) or 0)
    r.no_shows = int(s.scalar(select(func.count()).select_from(e).where(e.attendance == ABSENT)) or 0)
    r.walk_ins = int(s.scalar(select(func.count()).select_from(e).where(e.channel == "当日")) or 0)
    r.waiting = int(s.scalar(select(func.count()).select_from(e).where(e.status == WAITING)) or 0)
    r.calls_pending = int(s.scalar(select(func.count()).select_from(e).where(
        e.call_reason.is_not(None), e.called_at.is_(None))) or 0)
    r.surveys = int(s.scalar(select(func.count()).select_from(ClassSurvey)) or 0)
