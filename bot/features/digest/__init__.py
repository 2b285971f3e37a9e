"""The weekly digest: one skimmable DM on Monday with a member's week and what comes next."""
