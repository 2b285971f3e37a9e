"""Admin-configured limits of a community: members' pace, and live stories per member."""
