"""Launch and the main window: composition, menus, project-level actions, settings."""
