"""Tables of the story feature (filled in by its issue)."""
