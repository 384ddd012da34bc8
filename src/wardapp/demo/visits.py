"""A year of ICTアドバイザー visits in the demo ward: advisers, community groups, visits, grants.

Built through the services a coordinator uses (:mod:`wardapp.outreach.ict`) in one transaction,
after the year of classes, so the double-booking rules (an adviser, a venue, a class at the
venue) hold as they do for real.  Deterministic for a seed and size (timestamps of *when the
demo was built* aside).

What it holds, for the default 40,000 residents (scaled with the ward's size):

- 6 advisers (an NPO, the city's ICT adviser association, a carrier shop, デジタル推進委員) with
  their skills, weekdays and hours, a few days off and a weekly cap;
- about 30 groups: 自治会町内会 of the residential 町, 老人クラブ, 地区社協, NPOs, 子育てサークル,
  each with the 町字 it covers, a representative, a (non-existent, 000-) phone and its usual place
  (a 地区センター, 地域ケアプラザ or コミュニティハウス of its 町 when there is one, else its 会館);
- about 150 requests over the 年度 before the reference date and the two months after it: past
  ones 実施済 with a report (attendees, what was done, outcome, some follow-ups) or 取消 with a
  reason; coming ones 受付, 調整中 or 確定; about one in ten online;
- about 10 grant applications (ICT機器整備 / 活用講座): most 交付決定, some 申請中, one 不交付,
  one 取下げ.

Names are common Japanese names combined at random; nothing is taken from the demo registry.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import asdict, dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from wardapp.demo import names
from wardapp.errors import ConflictError, UsageError
from wardapp.outreach.ict import advisers, grants, groups, visits
from wardapp.outreach.ict.vocabulary import CANCELLED, DONE, ONLINE
from wardapp.security.access import SYSTEM
from wardapp.store.db import Store
from wardapp.store.models import CommunityGroup, Facility, IctGrant, IctVisit, Town
from wardapp.wareki import fiscal_year

T = dt.time

#: (affiliation, skills, weekly windows {weekday: ((start, end), …)}, cap)
_ADVISERS: tuple[tuple[str, tuple[str, ...], dict[int, tuple[tuple[dt.time, dt.time], ...]], int], ...] = (
    ("NPO法人 見本ICTサポート", ("LINE連絡網", "端末設定", "Wi-Fi設定", "ウェブ会議の導入", "詐欺対策"),
     {0: ((T(9), T(17)),), 2: ((T(9), T(17)),), 4: ((T(9), T(17)),)}, 4),
    ("NPO法人 見本ICTサポート", ("LINE連絡網", "端末設定", "SNSでの情報発信", "表計算・名簿管理"),
     {1: ((T(13), T(21)),), 3: ((T(13), T(21)),)}, 3),
    ("架空市ICTアドバイザー協会", ("ウェブ会議の導入", "Wi-Fi設定", "表計算・名簿管理", "SNSでの情報発信"),
     {0: ((T(10), T(16)),), 1: ((T(10), T(16)),), 3: ((T(10), T(16)),), 5: ((T(9), T(12)),)}, 3),
    ("架空市ICTアドバイザー協会", ("マイナンバーカード・マイナポータル", "キャッシュレス決済", "詐欺対策", "端末設定"),
     {1: ((T(9), T(17)),), 2: ((T(9), T(17)),), 4: ((T(9), T(17)),)}, 3),
    ("架空モバイル みどり区ショップ", ("端末設定", "LINE連絡網", "キャッシュレス決済", "詐欺対策"),
     {2: ((T(10), T(16)),), 5: ((T(10), T(16)),), 6: ((T(10), T(15)),)}, 2),
    ("みどり区デジタル推進委員", ("LINE連絡網", "マイナンバーカード・マイナポータル", "詐欺対策", "端末設定"),
     {0: ((T(13), T(17)),), 3: ((T(9), T(12)), (T(13), T(17))), 5: ((T(9), T(17)),)}, 2),
)

#: Kind → (how many per 30 groups, name patterns, topics they ask for with weights, members range)
_KINDS: dict[str, tuple[int, tuple[str, ...], dict[str, float], tuple[int, int]]] = {
    "自治会町内会": (11, ("{town}自治会", "{town}町内会"),
                  {"LINE連絡網": 4, "ウェブ会議の導入": 2, "Wi-Fi設定": 2, "表計算・名簿管理": 2, "SNSでの情報発信": 1},
                  (80, 600)),
    "老人クラブ": (7, ("{town}老人クラブ 寿会", "{town}シニアクラブ 若葉会", "{town}老人クラブ 長生会"),
               {"LINE連絡網": 3, "詐欺対策": 3, "マイナンバーカード・マイナポータル": 2, "端末設定": 2,
                "キャッシュレス決済": 1}, (20, 90)),
    "地区社協": (4, ("{town}地区社会福祉協議会",), {"ウェブ会議の導入": 3, "表計算・名簿管理": 2, "LINE連絡網": 2,
                                             "SNSでの情報発信": 1}, (15, 40)),
    "NPO": (3, ("NPO法人 {town}見守りネット", "NPO法人 {town}まちづくりの会", "NPO法人 {town}ふれあい食堂"),
            {"SNSでの情報発信": 3, "ウェブ会議の導入": 2, "表計算・名簿管理": 2, "Wi-Fi設定": 1}, (10, 50)),
    "子育てサークル": (3, ("{town}子育てひろば ぴよぴよ", "{town}親子サークル にこにこ", "{town}子育てサロン"),
                 {"LINE連絡網": 2, "詐欺対策": 1, "SNSでの情報発信": 2, "キャッシュレス決済": 1}, (10, 40)),
    "その他": (2, ("{town}囲碁クラブ", "{town}体操サークル"), {"LINE連絡網": 2, "端末設定": 2, "詐欺対策": 1}, (10, 40)),
}

_SLOTS = ((T(10), T(12)), (T(13, 30), T(15, 30)), (T(14), T(16)), (T(19), T(20, 30)), (T(10), T(11, 30)))
_CANCEL_REASONS = ("台風接近のため", "団体の行事と重なったため", "会場の都合がつかなかったため",
                   "参加希望者が少なかったため", "感染症の流行のため延期（改めて依頼予定）")
_DONE = {
    "LINE連絡網": ("LINEの友だち追加とグループ作成、既読の見方", "役員のグループができ、回覧の連絡をLINEで流せるようになった"),
    "ウェブ会議の導入": ("Zoomの参加・ミュート・画面共有の練習", "役員会を月1回オンラインで開くことになった"),
    "Wi-Fi設定": ("会館のWi-Fiルーターの設定と接続の練習", "会館で参加者の端末がWi-Fiにつながるようになった"),
    "端末設定": ("文字の大きさ・音量・ホーム画面の整理", "参加者の多くが自分で文字を大きくできた"),
    "詐欺対策": ("迷惑電話・SMS詐欺の実例と着信拒否の設定", "全員が迷惑SMSの見分け方を確認できた"),
    "マイナンバーカード・マイナポータル": ("マイナポータルへのログインと保険証利用の確認", "半数がログインまでできた"),
    "キャッシュレス決済": ("QRコード決済の仕組みと少額での支払い体験", "買い物で試してみたいという声が多かった"),
    "SNSでの情報発信": ("活動紹介の投稿と写真の載せ方、公開範囲", "団体のページに最初の投稿をした"),
    "表計算・名簿管理": ("会員名簿の表計算ソフトへの移行と保存のしかた", "名簿の更新を担当者が自分でできるようになった"),
}
_FOLLOW_UPS = ("次回は応用編（ビデオ通話）を希望", "新しい役員向けにもう一度説明してほしい",
               "設定がうまくいかなかった数名の個別相談", "グループの運用ルールづくりの相談")
_EQUIPMENT = ("プロジェクター・スクリーン", "貸出用タブレット5台", "モバイルWi-Fiルーター", "延長コード", "")


@dataclass
class DemoVisits:
    """What the demo's year of visits holds (goes into the demo run's counts)."""

    advisers: int = 0
    groups: int = 0
    visits: int = 0
    done: int = 0
    cancelled: int = 0
    open: int = 0
    online: int = 0
    follow_ups: int = 0
    grants: int = 0

    def to_json(self) -> dict[str, int]:
        return asdict(self)


def _person(rng: random.Random) -> str:
    sur = rng.choice(names.SURNAMES)[0]
    pool = rng.choice((names.MALE_GIVEN, names.FEMALE_GIVEN))
    given = rng.choice(pool[rng.randrange(1, 3)])[0]
    return f"{sur}\u3000{given}"


def _phone(rng: random.Random) -> str:
    return f"000-{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}"


def _weighted_topics(rng: random.Random, weights: dict[str, float]) -> tuple[str, ...]:
    topics = list(weights)
    first = rng.choices(topics, [weights[t] for t in topics])[0]
    if rng.random() < 0.3:
        second = rng.choices(topics, [weights[t] for t in topics])[0]
        if second != first:
            return (first, second)
    return (first,)


class _Builder:
    def __init__(self, s: Session, seed: int, persons: int, on: dt.date) -> None:
        self.s = s
        self.on = on
        self.rng = random.Random(f"wardapp-demo-visits-{seed}-{persons}")
        self.scale = min(3.0, max(0.25, persons / 40_000))
        self.result = DemoVisits()

    # --- advisers and groups ----------------------------------------------------------------

    def advisers(self) -> list[int]:
        rng, out, used = self.rng, [], set()
        for affiliation, skills, weekly, cap in _ADVISERS:
            name = _person(rng)
            while name in used:
                name = _person(rng)
            used.add(name)
            off = tuple(sorted({self.on - dt.timedelta(days=rng.randrange(-60, 300)) for _ in range(rng.randrange(2, 6))}))
            out.append(advisers.save_adviser(self.s, advisers.AdviserData(
                name, affiliation, skills, weekly, off, cap), actor=SYSTEM))
        return out

    def groups(self) -> list[tuple[int, str, dict[str, float], int | None, str]]:
        """(id, kind, topic weights, facility id, place name) of each group."""
        rng, s = self.rng, self.s
        towns = s.execute(select(Town.id, Town.name, Town.oaza).order_by(Town.id)).all()
        by_oaza: dict[str, list[int]] = {}
        for tid, _name, oaza in towns:
            by_oaza.setdefault(oaza or "", []).append(int(tid))
        residential = [o for o, _k in names.RESIDENTIAL_OAZA if o in by_oaza] or [o for o in by_oaza if o]
        venues = s.execute(select(Facility.id, Facility.name, Facility.town_id)
                           .where(Facility.kind.in_(("地区センター", "地域ケアプラザ", "コミュニティハウス")))
                           .order_by(Facility.id)).all()
        town_oaza = {int(t): (o or "") for t, _n, o in towns}
        venue_by_oaza: dict[str, list[tuple[int, str]]] = {}
        for fid, fname, ftown in venues:
            if ftown is not None:
                venue_by_oaza.setdefault(town_oaza.get(int(ftown), ""), []).append((int(fid), fname))
        out: list[tuple[int, str, dict[str, float], int | None, str]] = []
        taken: set[str] = set()
        for kind, (count, patterns, topics, (lo, hi)) in _KINDS.items():
            for _ in range(max(1, round(count * self.scale))):
                if not residential:
                    break
                for _try in range(12):  # a 町 has one 自治会: draw again rather than number a second one
                    oaza = rng.choice(residential)
                    name = rng.choice(patterns).format(town=oaza)
                    if name not in taken:
                        break
                else:
                    continue
                taken.add(name)
                covered = by_oaza[oaza] if kind in ("自治会町内会", "地区社協") else \
                    rng.sample(by_oaza[oaza], k=min(len(by_oaza[oaza]), rng.randrange(1, 3)))
                own = venue_by_oaza.get(oaza) or []
                facility: tuple[int, str] | None = rng.choice(own) if own and rng.random() < 0.75 else None
                place = facility[1] if facility else f"{oaza}会館"
                gid = groups.save_group(self.s, groups.GroupData(
                    name, kind, tuple(sorted(covered)), _person(rng), _phone(rng), (place,), rng.randrange(lo, hi)),
                    actor=SYSTEM)
                out.append((gid, kind, topics, facility[0] if facility else None, place))
        return out

    # --- visits ---------------------------------------------------------------------------------

    def _schedule(self, vid: int, day: dt.date, confirm: bool, group_kind: str) -> bool:
        """Try the group's day and the next ones at the usual times, with the first adviser suggested."""
        rng = self.rng
        slots = list(_SLOTS)
        rng.shuffle(slots)
        if group_kind in ("自治会町内会",) and rng.random() < 0.4:
            slots.insert(0, (T(19), T(20, 30)))  # 役員会 after work
        for shift in (0, 1, 2, 7, 8, 14):
            d = day + dt.timedelta(days=shift)
            for start, end in slots:
                try:
                    options = visits.suggest_for_visit(self.s, vid, d, start, end, actor=SYSTEM)
                except UsageError:
                    continue
                if not options:
                    continue
                try:
                    visits.schedule_visit(self.s, vid, d, start, end, adviser_id=options[0].adviser.id,
                                          confirm=confirm, actor=SYSTEM)
                    return True
                except ConflictError:
                    continue
        return False

    def _report(self, vid: int, expected: int, topics: tuple[str, ...]) -> None:
        rng = self.rng
        info = visits.get_visit(self.s, vid, actor=SYSTEM)
        assert info.start is not None and info.end is not None and info.date is not None
        late = rng.choice((0, 0, 5, 10))
        start = (dt.datetime.combine(info.date, info.start) + dt.timedelta(minutes=late)).time()
        end = (dt.datetime.combine(info.date, info.end) + dt.timedelta(minutes=rng.choice((-10, 0, 0, 10, 15)))).time()
        done = "、".join(_DONE.get(t, (t, ""))[0] for t in topics)
        outcome = _DONE.get(topics[0], ("", "参加者の関心が高かった"))[1]
        follow, when = None, None
        if rng.random() < 0.25:
            follow = rng.choice(_FOLLOW_UPS)
            when = info.date + dt.timedelta(days=rng.choice((30, 45, 60, 90)))
            self.result.follow_ups += 1
        attendees = max(3, round(expected * rng.uniform(0.6, 1.05)))
        visits.record_report(self.s, vid, visits.VisitReport(start, end, attendees, done, outcome, follow, when),
                             actor=SYSTEM)

    def visits(self, group_rows: list[tuple[int, str, dict[str, float], int | None, str]]) -> None:
        rng, on = self.rng, self.on
        past_from = dt.date(fiscal_year(on - dt.timedelta(days=1)), 4, 1)
        future_to = on + dt.timedelta(days=60)
        n = max(12, round(150 * self.scale))
        n_future = max(3, round(n * 0.15))
        days = [past_from + dt.timedelta(days=rng.randrange((on - past_from).days)) for _ in range(n - n_future)]
        days += [on + dt.timedelta(days=rng.randrange(3, (future_to - on).days)) for _ in range(n_future)]
        weights = [3.0 if kind in ("自治会町内会", "老人クラブ") else 1.5 for _g, kind, *_ in group_rows]
        for day in sorted(days):
            gid, kind, topic_weights, facility, place = rng.choices(group_rows, weights)[0]
            topics = _weighted_topics(rng, topic_weights)
            online = rng.random() < 0.1 and kind != "老人クラブ"
            expected = rng.randrange(8, 40)
            preferred = tuple(sorted({day, day + dt.timedelta(days=rng.choice((1, 7, 14)))}))
            req = visits.VisitRequest(gid, topics, preferred, None if online else facility,
                                      None if online or facility else place, expected,
                                      rng.choice(_EQUIPMENT) or None, ONLINE if online else "対面")
            vid = visits.request_visit(self.s, req, actor=SYSTEM)
            if online:
                self.result.online += 1
            if day < on:
                if rng.random() < 0.07:
                    visits.cancel_visit(self.s, vid, rng.choice(_CANCEL_REASONS), actor=SYSTEM)
                    continue
                if not self._schedule(vid, day, True, kind):
                    visits.cancel_visit(self.s, vid, "アドバイザーの日程が合わなかったため", actor=SYSTEM)
                    continue
                self._report(vid, expected, topics)
            else:
                r = rng.random()
                if r < 0.3:
                    continue  # 受付: not yet looked at
                if not self._schedule(vid, day, r > 0.55, kind):
                    visits.set_status(self.s, vid, "調整中", actor=SYSTEM)

    # --- grants ------------------------------------------------------------------------------------

    def grants(self, group_rows: list[tuple[int, str, dict[str, float], int | None, str]]) -> None:
        rng, on = self.rng, self.on
        past_from = dt.date(fiscal_year(on - dt.timedelta(days=1)), 4, 1)
        n = max(3, round(10 * self.scale))
        chosen = rng.sample(group_rows, k=min(n, len(group_rows)))
        outcomes = ["交付決定"] * max(1, n - 4) + ["申請中", "申請中", "不交付", "取下げ"]
        for i, (gid, kind, *_rest) in enumerate(chosen):
            purpose = "活用講座" if kind in ("老人クラブ", "子育てサークル") or rng.random() < 0.3 else "ICT機器整備"
            applied = rng.randrange(5, 31) * 10_000 if purpose == "ICT機器整備" else rng.randrange(3, 13) * 10_000
            status = outcomes[i % len(outcomes)]
            day = past_from + dt.timedelta(days=rng.randrange(20, (on - past_from).days))
            if status == "申請中":
                day = on - dt.timedelta(days=rng.randrange(1, 20))
            note = "タブレット3台とWi-Fiルーター" if purpose == "ICT機器整備" else "会員向けスマホ講座 全3回"
            g = grants.apply_grant(self.s, gid, purpose, applied, day, note, actor=SYSTEM)
            if status == "交付決定":
                grants.decide_grant(self.s, g, status, applied - rng.choice((0, 0, 10_000, 20_000)) if applied > 30_000
                                    else applied, actor=SYSTEM)
            elif status != "申請中":
                grants.decide_grant(self.s, g, status, actor=SYSTEM)


def add_demo_visits(store: Store, *, seed: int = 1, persons: int = 40_000, on: dt.date | None = None) -> DemoVisits:
    """Build the demo's year of ICTアドバイザー visits up to ``on`` and two months on.

    Does nothing when the store already holds visits or has no towns.
    """
    on = on or dt.date.today()
    with store.transaction() as s:
        if (s.scalar(select(func.count()).select_from(IctVisit)) or 0) > 0:
            return DemoVisits()
        if (s.scalar(select(func.count()).select_from(Town)) or 0) == 0:
            return DemoVisits()
        b = _Builder(s, seed, persons, on)
        adviser_ids = b.advisers()
        rows = b.groups()
        if rows:
            b.visits(rows)
            b.grants(rows)
        r = b.result
        r.advisers = len(adviser_ids)
        r.groups = int(s.scalar(select(func.count()).select_from(CommunityGroup)) or 0)
        r.visits = int(s.scalar(select(func.count()).select_from(IctVisit)) or 0)
        r.done = int(s.scalar(select(func.count()).select_from(IctVisit).where(IctVisit.status == DONE)) or 0)
        r.cancelled = int(s.scalar(select(func.count()).select_from(IctVisit)
                                   .where(IctVisit.status == CANCELLED)) or 0)
        r.open = r.visits - r.done - r.cancelled
        r.grants = int(s.scalar(select(func.count()).select_from(IctGrant)) or 0)
        return r
