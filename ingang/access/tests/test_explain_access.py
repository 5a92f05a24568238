"""explain_access: the gate's own decision, printed, with exit status and a logged check."""

import pytest
from django.core.management import call_command

from ingang.audit.models import AccessEvent
from ingang.testing.world import World


def explain(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        call_command("explain_access", *args)
    captured = capsys.readouterr()
    return int(exit_info.value.code or 0), captured.out + captured.err


def test_it_allows_consented_data_with_exit_zero(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = explain(
        capsys,
        "--staff",
        "anna.af",
        "--person",
        world.kim.personal_number,
        "--category",
        "insurance",
    )
    assert code == 0
    assert out.splitlines()[0] == "allow"
    event = AccessEvent.objects.get()
    assert (event.action, event.outcome, event.channel) == ("explain_access", "allowed", "command")
    assert event.basis == {"insurance": f"consent:{world.kim_consent.public_id}"}


def test_it_denies_unconsented_data_with_the_reason(
    world: World, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = explain(
        capsys, "--staff", "anna.af", "--person", world.kim.personal_number, "--category", "social"
    )
    assert code == 1
    assert out.splitlines()[0] == "deny"
    assert "Inget samtycke: sociala uppgifter till Arbetsförmedlingen" in out
    assert AccessEvent.objects.get().basis == {"social": "no_consent"}


def test_it_denies_staff_not_on_the_team(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = explain(
        capsys,
        "--staff",
        "henrik.region",
        "--person",
        world.kim.personal_number,
        "--category",
        "identity",
    )
    assert code == 1 and out.startswith("deny")
    assert AccessEvent.objects.get().basis == {"identity": "not_on_team"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--staff", "anna.af", "--person", "19800101-0018", "--category", "social"], "giltigt"),
        (["--staff", "anna.af", "--person", "nonsense", "--category", "social"], "ÅÅÅÅMMDD"),
        (["--staff", "anna.af", "--person", "19800101-0019", "--category", "gossip"], "gossip"),
        (["--staff", "nobody", "--person", "19800101-0019", "--category", "social"], "nobody"),
        (["--staff", "anna.af", "--person", "19800101-0019", "--category", "social"], "No person"),
    ],
)
def test_it_rejects_bad_input_with_exit_two(
    world: World, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    code, out = explain(capsys, *args)
    assert code == 2
    assert message in out
    assert not AccessEvent.objects.exists()
