"""The reader window: it composes the reading area, the entity panel and the jobs; menus, files, status bar, About."""
