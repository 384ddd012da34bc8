"""The whole demo ward as data, generated deterministically from a seed (no I/O, no clock).

Each stage draws from its own child of ``SeedSequence(seed)`` so that, for example, changing
how the extract is spelled does not move a single house.  The reference date is fixed: ages,
認定 periods and 出産予定日 are relative to it, never to today, so the same seed gives the same
ward on any day.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import shapely

from wardapp.demo import names
from wardapp.demo.geography import Geography, build_geography
from wardapp.demo.population import build_population
from wardapp.demo.welfare import build_welfare

#: Bump when the generator's output changes, so stored demos are rebuilt instead of reused.
GENERATOR_VERSION = 4
#: 基準日: the day the demo extract describes (4月1日, the start of a 年度).
REFERENCE_DATE = dt.date(2026, 4, 1)
WARD_NAME = f"{names.WARD_FULL}（架空）"

_STAGES = ("geography", "population", "welfare", "extract")


@dataclass
class Ward:
    """A generated ward.  See :class:`Geography` and :class:`Population` for the table columns."""

    seed: int
    persons_requested: int
    reference_date: dt.date
    geography: Geography
    households: pd.DataFrame
    persons: pd.DataFrame
    welfare: pd.DataFrame

    name: str = WARD_NAME

    def seed_sequence(self, stage: str) -> np.random.SeedSequence:
        """The random stream of one generation stage (stable across runs and versions of numpy)."""
        return _stage_seed(self.seed, stage)

    @property
    def towns(self) -> pd.DataFrame:
        return self.geography.towns

    @property
    def facilities(self) -> pd.DataFrame:
        return self.geography.facilities


def _stage_seed(seed: int, stage: str) -> np.random.SeedSequence:
    return np.random.SeedSequence([int(seed) & 0xFFFFFFFF, _STAGES.index(stage)])


def generate_ward(seed: int = 1, persons: int = 40_000) -> Ward:
    """Generate the fictional ward 架空市みどり区 with about ``persons`` residents (exactly that many).

    Pure: no files, no database, no clock.  The same ``seed`` and ``persons`` give the same ward.
    """
    if persons < 1:
        raise ValueError("persons must be at least 1")
    geo = build_geography(np.random.default_rng(_stage_seed(seed, "geography")), persons)
    pop = build_population(np.random.default_rng(_stage_seed(seed, "population")), persons, geo.points,
                           REFERENCE_DATE)
    households = pop.households
    # 浸水想定区域 rank at each household's point (0 = outside): the household rule of the score.
    pts = geo.points
    lon = pts["lon"].to_numpy()[households["point"].to_numpy()]
    lat = pts["lat"].to_numpy()[households["point"].to_numpy()]
    rank = np.zeros(len(households), np.int64)
    for r, g in zip(geo.flood["rank"], geo.flood_geoms):
        shapely.prepare(g)
        rank = np.where(shapely.contains_xy(g, lon, lat), np.maximum(rank, int(r)), rank)
    households["flood_rank"] = rank
    welfare = build_welfare(np.random.default_rng(_stage_seed(seed, "welfare")), pop.persons, households,
                            REFERENCE_DATE)
    return Ward(seed=seed, persons_requested=persons, reference_date=REFERENCE_DATE, geography=geo,
                households=households, persons=pop.persons, welfare=welfare)
