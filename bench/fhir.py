"""P4 (issue 6): FHIR CarePlan read throughput ÷ the JSON API's plan read (target ≥ 0.5).

Both reads go through the same gate with the same token (an AF system acting as Anna,
AF's caseworker on the team) for the realistic plan of bench.data (8 activities of four
agencies, clashes): `GET /fhir/R4/CarePlan/<id>` builds and validates an R4B CarePlan,
`GET /api/v1/people/<id>/plan` answers the plan with its clashes. Interleaved rounds and
medians as in bench.suite. The rate limit is lifted for the run (it would otherwise
throttle the benchmark, equally on both sides).

    python -m bench.fhir [--rounds N] [--seconds S]

From bench.run (after bench_data_build), call `fhir_throughput_compare(data)`.
"""

import argparse
import os
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

P4_TARGET = 0.5


@dataclass
class FhirThroughput:
    fhir_rps: float
    api_rps: float
    ratio: float
    paired_ratio: float
    target: float
    passed: bool
    rounds: int
    requests_per_round: int
    fhir_rounds: list[float]
    api_rounds: list[float]
    activities: int
    fhir_url: str
    api_url: str


def fhir_throughput_compare(
    data: Any, *, rounds: int = 7, seconds: float = 1.5, warmup: int = 50, block: int = 10
) -> FhirThroughput:
    """Measure on bench.data's realistic plan. Import only after django.setup()."""
    import json

    from django.test import Client, override_settings

    from bench.suite import BenchError, _measure, _paired
    from ingang.api.services import api_client_create, api_token_create

    anna = data.world.anna_af_caseworker
    client_row = api_client_create(name="Bench AF system", acts_as=anna)
    token = api_token_create(client=client_row, scopes=["read"], days=1).plain
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    person = data.plan.public_id
    api_url = f"/api/v1/people/{person}/plan"
    with override_settings(API_RATE_LIMIT="100000000/s"):
        api_plan = client.get(api_url)
        search = client.get(f"/fhir/R4/CarePlan?patient={person}")
        if api_plan.status_code != 200 or search.status_code != 200:
            raise BenchError("the plan reads failed")
        entries = json.loads(search.content).get("entry", [])
        if len(entries) != 1:
            raise BenchError("no CarePlan for the bench person")
        care_plan = entries[0]["resource"]
        activities = len(api_plan.json()["activities"])
        if len(care_plan.get("activity", [])) != activities or activities == 0:
            raise BenchError("the CarePlan and the API plan show different activities")
        fhir_url = f"/fhir/R4/CarePlan/{care_plan['id']}"
        n, (fhir_rounds, api_rounds) = _measure(
            client, [fhir_url, api_url], rounds=rounds, seconds=seconds, warmup=warmup, block=block
        )
    fhir_rps = statistics.median(fhir_rounds)
    api_rps = statistics.median(api_rounds)
    ratio = fhir_rps / api_rps
    return FhirThroughput(
        fhir_rps=fhir_rps,
        api_rps=api_rps,
        ratio=ratio,
        paired_ratio=_paired(fhir_rounds, api_rounds),
        target=P4_TARGET,
        passed=ratio >= P4_TARGET,
        rounds=rounds,
        requests_per_round=n,
        fhir_rounds=fhir_rounds,
        api_rounds=api_rounds,
        activities=activities,
        fhir_url=fhir_url,
        api_url=api_url,
    )


def report(result: FhirThroughput) -> None:
    print(
        f"\nP1f FHIR CarePlan read vs the JSON API's plan read ({result.rounds} rounds × "
        f"{result.requests_per_round} requests per view; medians; a plan of "
        f"{result.activities} activities read with an AF system's token)"
    )
    for label, rps, url in (
        ("fhir    ", result.fhir_rps, result.fhir_url),
        ("api     ", result.api_rps, result.api_url),
    ):
        print(f"    {label} {rps:8.1f} req/s  {1000 / rps:6.2f} ms/request  {url}")
    print(
        f"    ratio {result.ratio:.3f} (target ≥ {result.target}): "
        f"{'PASS' if result.passed else 'BELOW TARGET'}; "
        f"median of per-round ratios {result.paired_ratio:.3f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fhir", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=1.5)
    parser.add_argument("--warmup", type=int, default=50)
    args = parser.parse_args(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from bench.data import bench_data_build

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        Path(db["TEST"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    original_name = db["NAME"]
    test_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    try:
        data = bench_data_build(many=1, activities=1)
        print(f"Ingång FHIR benchmark: {connection.vendor} ({test_name})")
        report(
            fhir_throughput_compare(
                data, rounds=args.rounds, seconds=args.seconds, warmup=args.warmup
            )
        )
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=False)
        if connection.vendor == "sqlite":
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{test_name}{suffix}").unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
