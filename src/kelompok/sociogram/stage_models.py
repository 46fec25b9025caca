"""The two models of group development a signal can be read in: Tuckman (forming … adjourning;
Tuckman 1965, Tuckman & Jensen 1977) and the Boston model (Garland, Jones & Kolodny 1965),
which Indonesian schools of social work teach. The user picks one in the settings
(`Settings.stage_model`); stage names come from the catalogue (`sessions/catalog/stages.toml`).

Imports nothing, so the light `stats` module can map a cached result to either model.
"""

from __future__ import annotations

STAGE_MODELS = ("tuckman", "boston")

BOSTON_STAGES = {
    "forming": "pre_affiliation", "storming": "power_control", "norming": "intimacy",
    "performing": "differentiation", "adjourning": "separation",
}  # fmt: skip
"""Tuckman stage → the Boston stage that describes the same moment of group life."""


def stage_in(stage: str | None, model: str) -> str | None:
    """A Tuckman stage id in the chosen model's ids (None and `member` pass through)."""
    if model == "boston" and stage in BOSTON_STAGES:
        return BOSTON_STAGES[stage]
    return stage
