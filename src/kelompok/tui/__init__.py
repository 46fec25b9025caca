"""Everything Textual (besides app.py): screens, widgets, dialogs."""
