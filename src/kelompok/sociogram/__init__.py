"""Interaction graphs and what they show. Runs headless: nothing here imports Textual."""
