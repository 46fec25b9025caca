"""Sync a workspace between machines on git (headless; no Textual).

`engine.sync()` commits local changes, fetches, merges (session files and group.toml through the
model-level merge driver in `driver.py`) and pushes; `status.workspace_status()` says what is not
sent yet and what arrived at the last sync.
"""
