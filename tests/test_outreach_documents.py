"""募集ポスター and 受講案内 built from a stored session (wardapp.outreach.printing), without Qt."""

from __future__ import annotations

import datetime as dt

from outreach_helpers import DAY, STAFF, Ward, ward  # noqa: F401 — fixture

from wardapp import outreach as o
from wardapp.outreach.printing import guide_data, poster_data


def test_poster_of_a_series_lists_its_sessions_not_cancelled(ward: Ward) -> None:
    series = o.create_series(ward.store, ward.course, ward.plan(capacity=12), count=4, actor=STAFF)
    o.cancel_session(ward.store, series.session_ids[2], "会場の都合", actor=STAFF)
    poster = poster_data(ward.store, series.session_ids[0],
                         {"apply_phone": " 000-1-2 ", "catch": "", "unknown": "x", "target": "区内の方"}, actor=STAFF)
    assert poster.title == "はじめてのスマホ"
    assert [(s.date, s.label) for s in poster.sessions] == [(DAY, "第1回"), (DAY + dt.timedelta(days=7), "第2回"),
                                                           (DAY + dt.timedelta(days=21), "第4回")]
    assert (poster.venue_name, poster.capacity, poster.contents) == ("みどり地区センター", "12名（先着順）",
                                                                     ("基本操作", "LINE", "地図"))
    assert (poster.apply_phone, poster.catch, poster.target, poster.fee) == ("000-1-2", "", "区内の方", "無料")


def test_poster_of_a_single_session(ward: Ward) -> None:
    sid = o.create_session(ward.store, ward.course, ward.plan(), actor=STAFF)
    assert [(s.date, s.label) for s in poster_data(ward.store, sid, actor=STAFF).sessions] == [(DAY, "")]


def test_guide_lists_the_dates_the_participant_holds_a_seat_for(ward: Ward) -> None:
    series = o.create_series(ward.store, ward.course, ward.plan(capacity=2), count=3, actor=STAFF)
    a, b, c, d = ward.people(4)
    o.enrol_series(ward.store, series.series_id, a, "電話", actor=STAFF)
    o.enrol(ward.store, series.session_ids[2], b, "はがき", actor=STAFF)  # joined at 第3回
    o.enrol(ward.store, series.session_ids[0], c, "電話", actor=STAFF)
    o.enrol(ward.store, series.session_ids[0], d, "電話", actor=STAFF)  # full: only waiting
    guides = guide_data(ward.store, series.session_ids[0], [a, b, d], {"contact_phone": "000-9-9"}, actor=STAFF)
    assert [g.participant_name for g in guides] == ["試験　1郎", "試験　2郎", "試験　4郎"]
    assert [s.label for s in guides[0].sessions] == ["第1回", "第2回", "第3回"]
    assert [s.label for s in guides[1].sessions] == ["第3回"]
    assert [s.label for s in guides[2].sessions] == ["第1回", "第2回", "第3回"]  # no seat: the whole course
    assert {g.contact_phone for g in guides} == {"000-9-9"}
    assert guides[0].venue_name == "みどり地区センター"
