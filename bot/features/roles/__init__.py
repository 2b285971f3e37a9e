"""Role rewards on Discord: a role at streak thresholds and for the month's top 3."""
