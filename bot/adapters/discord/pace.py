"""How fast PrepLoop may send to Discord: the delivery engine paces its posts by this."""

from __future__ import annotations

from bot.scheduling.delivery import Pace

REQUESTS_PER_SECOND = 50  # Discord's global limit per bot token, all processes together
PACE = Pace(per_second=REQUESTS_PER_SECOND, in_flight=64)
