"""Tables of the mock feature (filled in by its issue)."""
