"""The web dashboard the bot process serves: the public leaderboard and the admin page."""
