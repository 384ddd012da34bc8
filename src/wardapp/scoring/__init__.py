"""援護度 (support score): 個人スコア and 世帯スコア from an editable profile of rules.

Headless core (no Qt).  Public API::

    load_profile(path) / default_profile() / parse_profile(text) -> Profile   # ProfileError
    save_profile(profile, path) -> Profile                                   # version bumped
    ScoringInput.load(store)                # fields read once; re-score without the database
    score(store_or_input, profile, on) -> ScoreResult
    explain_household(result, household_id) -> Explanation
    band_counts(result) -> {band: households}
    save_scores(store, result, actor=…) -> run id;  latest_scores(store) -> StoredScores | None
    list_profiles() / user_profiles_dir() / save_new_version(profile, actor=…, store=…)  # the ward's saved versions
    HouseholdLabels.load(store, input, actor=…); top_households(result, labels, n)  # the ranking table

docs/scoring.md describes the profile format, the condition language and how runs are stored.
"""

from wardapp.scoring.engine import (
    Explanation,
    MemberExplanation,
    RuleHit,
    ScoreResult,
    band_counts,
    category_string,
    explain_household,
    score,
)
from wardapp.scoring.fields import ScoringInput
from wardapp.scoring.profile import (
    CATEGORIES,
    CATEGORY_LETTERS,
    Band,
    Profile,
    ProfileError,
    ProfileProblem,
    Rule,
    compile_profile,
    default_profile,
    load_profile,
    parse_profile,
    save_profile,
)
from wardapp.scoring.profile_files import ProfileFile, list_profiles, save_new_version, user_profiles_dir
from wardapp.scoring.ranking import HouseholdLabels, RankedHousehold, top_households
from wardapp.scoring.report import BandRow, band_rows
from wardapp.scoring.runs import (
    ScoreRunInfo,
    StoredScores,
    latest_run,
    latest_scores,
    run_profile,
    save_scores,
    score_runs,
)

__all__ = [
    "Band", "BandRow", "HouseholdLabels", "ProfileFile", "RankedHousehold", "band_rows", "list_profiles",
    "save_new_version", "top_households", "user_profiles_dir", "CATEGORIES", "CATEGORY_LETTERS", "Explanation", "MemberExplanation", "Profile", "ProfileError",
    "ProfileProblem", "Rule", "RuleHit", "ScoreResult", "ScoreRunInfo", "ScoringInput", "StoredScores",
    "band_counts", "category_string", "compile_profile", "default_profile", "explain_household",
    "latest_run", "latest_scores", "load_profile", "parse_profile", "run_profile", "save_profile", "save_scores", "score",
    "score_runs",
]
