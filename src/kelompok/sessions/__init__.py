"""The domain of groups and sessions. Runs headless: nothing here imports Textual."""
