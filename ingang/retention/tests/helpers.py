"""Writing access events as if at another time (the chain itself takes the time at append)."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from types import SimpleNamespace
from unittest import mock

from ingang.audit import services


@contextmanager
def appended_at(at: datetime) -> Iterator[None]:
    with mock.patch.object(services, "timezone", SimpleNamespace(now=lambda: at)):
        yield
