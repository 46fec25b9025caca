"""Interaction graphs and what they show. Runs headless: nothing here imports Textual.

Modules (import what you need; this package imports nothing, so `import kelompok.sociogram`
stays cheap — networkx is only loaded by the modules that build or measure graphs):

* `acts` — `SessionActs`, the analysis view of a session (`from_session`, `read_session_acts`).
* `build` — session / window / series graphs (networkx DiGraph).
* `metrics` — group and member metrics, with and without the facilitator.
* `positions` — sociometric signals: star, isolate, neglectee, rejectee, pairs, cliques, subgroups.
* `patterns` — maypole, round robin, hot seat, free-floating.
* `analysis` — one session or window analysed once (`analyse`).
* `dynamics` — metric series, member trajectories, development-stage signals.
* `layout` — stable seating-circle positions.
* `stats` + `cache` — `group_stats` (`kelompok stats --json`) with its on-disk cache.
"""
