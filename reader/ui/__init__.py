"""Everything Qt: the window and its parts, settings, theme, language (see ARCHITECTURE.md)."""
