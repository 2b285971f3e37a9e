"""Every dashboard test gives links under one base address, and leaves the site as it found it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.features.dashboard.api import Site, configure_site, current_site
from tests.web.helpers import BASE


@pytest.fixture(autouse=True)
def site() -> Iterator[Site]:
    before = current_site()
    configure_site(Site(BASE))
    yield current_site()
    configure_site(before)
