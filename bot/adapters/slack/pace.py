"""How fast PrepLoop may send to Slack: the delivery engine paces its posts by this.

About one message a second per channel (chat.postMessage's special tier). Each workspace is
limited on its own, so a fan-out to many is held back only by round trips: 256 in flight deliver
about 2,500 posts a second at 100 ms each, more than a tick builds.
"""

from __future__ import annotations

from bot.scheduling.delivery import Pace

PACE = Pace(channel_gap=1.0, in_flight=256)
