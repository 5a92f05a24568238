"""`manage.py healthcheck`: what the monitoring agent runs on each app server."""

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import OperationalError, connection

from ingang.access.selectors import person_record_read
from ingang.audit.models import ChainHead
from ingang.testing.world import World


def healthcheck() -> str:
    out = StringIO()
    call_command("healthcheck", stdout=out)
    return out.getvalue()


def test_it_reports_ok_with_the_access_log_head(world: World) -> None:
    person_record_read(reader=world.anna_af_caseworker, public_id=world.kim.public_id)
    head = ChainHead.objects.get(pk=1)
    assert head.seq > 0

    assert "OK: database answered in" in healthcheck()
    assert f"access log head at {head.seq}." in healthcheck()


def test_it_fails_critical_when_the_head_does_not_match_the_newest_event(world: World) -> None:
    person_record_read(reader=world.anna_af_caseworker, public_id=world.kim.public_id)
    ChainHead.objects.filter(pk=1).update(seq=999_999)

    with pytest.raises(CommandError, match="run audit_verify") as failure:
        healthcheck()
    assert failure.value.returncode == 2


def test_it_fails_critical_when_the_database_is_unavailable(world: World) -> None:
    def refuse(*args: Any) -> Any:
        raise OperationalError("connection refused")

    with connection.execute_wrapper(refuse), pytest.raises(CommandError) as failure:
        healthcheck()
    assert failure.value.returncode == 2
    assert "database unavailable: connection refused" in str(failure.value)
