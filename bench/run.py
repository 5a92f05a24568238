"""`make bench`: the cost of the gate, measured in one run.

P1  throughput of the person overview (gate, access events, render) divided by
    that of an ungated baseline rendering the same data (target ≥ 0.85).
P2  throughput of the plan page (a goal, 2 sub-goals, 8 activities of four
    agencies, open clashes; read by AF's caseworker, whose agency the person's
    consent lets read plan data) divided by that of an empty page: an
    HttpResponse behind the same middleware and access rule (target ≥ 0.35).
    A page rendering only base.html is measured alongside, for information, and
    a floor page: one gated identity read (access event and commit included)
    rendering base.html, the least any page of a person's data costs; floor ÷
    empty is the most P2 could be for any plan page.
P3  SQL queries of an overview for a person with 1 entry and with 100 entries
    (must be equal).
P3b SQL queries of the plan page for a plan of 1 activity and of 20 (must be
    equal).

All pages are requested in-process through Django's test client by a
signed-in, second-factor-verified caseworker, in a fresh database (a temporary
SQLite file under var/, or `<name>_bench` on PostgreSQL when DATABASE_URL is
set) that is removed afterwards. Results are printed and written to
bench/results/latest.json. The exit status is 0 whatever the figures; only a
broken benchmark exits non-zero.

Options: --rounds, --seconds (per view per round), --profile (cProfile the
gated, baseline, plan and empty-page requests and print where the time goes).
"""

import argparse
import json
import os
import platform
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "latest.json"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="alternating rounds (default 7)")
    parser.add_argument(
        "--seconds", type=float, default=1.5, help="time per view per round (default 1.5)"
    )
    parser.add_argument("--warmup", type=int, default=50, help="warm-up requests per view")
    parser.add_argument("--entries", type=int, default=100, help="entries of the large P3 person")
    parser.add_argument(
        "--activities", type=int, default=20, help="activities of the large P3b plan"
    )
    parser.add_argument("--profile", action="store_true", help="profile the requests as well")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.bench"
    import django

    django.setup()

    from django.conf import settings
    from django.db import connection

    db = settings.DATABASES["default"]
    if db["ENGINE"] == "django.db.backends.sqlite3":
        Path(db["TEST"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    original_name = db["NAME"]
    test_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, serialize=False, keepdb=False
    )
    try:
        return _run(args, str(test_name))
    finally:
        connection.creation.destroy_test_db(original_name, verbosity=0, keepdb=False)
        if connection.vendor == "sqlite":
            for suffix in ("-wal", "-shm", "-journal"):
                Path(f"{test_name}{suffix}").unlink(missing_ok=True)


def _run(args: argparse.Namespace, database: str) -> int:
    import django
    from django.db import connection

    from bench.data import bench_data_build
    from bench.suite import (
        as_dict,
        baseline_configure,
        baseline_url,
        empty_url,
        floor_url,
        layout_url,
        overview_url,
        page_statements,
        plan_query_counts_compare,
        plan_throughput_compare,
        plan_url,
        profile_requests,
        query_counts_compare,
        signed_in_client,
        throughput_compare,
    )

    data = bench_data_build(many=args.entries, activities=args.activities)
    anna = data.world.anna_af_caseworker
    kim = data.world.kim
    client = signed_in_client(anna)

    print(
        f"Ingång benchmark: {connection.vendor} ({database}), Django {django.get_version()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )

    # P3 first, while the access log is short (no chain checkpoint falls due).
    p3 = query_counts_compare(client, anna, data)
    print(f"\nP3  SQL queries of an overview: {p3.entries_small} vs {p3.entries_large} entries")
    print(
        f"    (the reader is shown {p3.shown_small} vs {p3.shown_large}; "
        f"the rest are other agencies' data without consent)"
    )
    print(f"    person_record_read   {p3.selector_small:3d} vs {p3.selector_large:3d}")
    print(f"    whole page request   {p3.page_small:3d} vs {p3.page_large:3d}")
    print(f"    {'PASS' if p3.passed else 'FAIL: the count grows with the data'}")

    p3b = plan_query_counts_compare(client, anna, data)
    print(
        f"\nP3b SQL queries of a plan page: {p3b.activities_small} vs {p3b.activities_large} "
        f"activities ({p3b.clashes_small} vs {p3b.clashes_large} open clashes)"
    )
    print(f"    gate + plan_page     {p3b.selector_small:3d} vs {p3b.selector_large:3d}")
    print(f"    whole page request   {p3b.page_small:3d} vs {p3b.page_large:3d}")
    print(f"    {'PASS' if p3b.passed else 'FAIL: the count grows with the data'}")

    baseline_configure(anna, kim)
    p1 = throughput_compare(
        client, kim, rounds=args.rounds, seconds=args.seconds, warmup=args.warmup
    )
    print(
        f"\nP1  Overview throughput, gated vs ungated baseline "
        f"({p1.rounds} rounds × {p1.requests_per_round} requests per view, interleaved in "
        f"blocks of {p1.block}; medians; Anna reads Kim, {p1.entries_shown} entries shown)"
    )
    for label, rps, queries, url in (
        ("gated   ", p1.gated_rps, p1.gated_queries, overview_url(kim)),
        ("baseline", p1.baseline_rps, p1.baseline_queries, baseline_url(kim)),
    ):
        print(
            f"    {label} {rps:8.1f} req/s  {1000 / rps:6.2f} ms/request  "
            f"{queries:2d} queries  {url}"
        )
    print(
        f"    ratio {p1.ratio:.3f} (target ≥ {p1.target}): "
        f"{'PASS' if p1.passed else 'BELOW TARGET'}"
    )
    print(
        f"    rounds, req/s: gated {min(p1.gated_rounds):.0f}–{max(p1.gated_rounds):.0f}, "
        f"baseline {min(p1.baseline_rounds):.0f}–{max(p1.baseline_rounds):.0f}; "
        f"median of per-round ratios {p1.paired_ratio:.3f}"
    )

    plan = data.plan
    p2 = plan_throughput_compare(
        client, plan, rounds=args.rounds, seconds=args.seconds, warmup=args.warmup
    )
    print(
        f"\nP2  Plan page throughput vs an empty page behind the same middleware "
        f"({p2.rounds} rounds × {p2.requests_per_round} requests per view, interleaved in "
        f"blocks of {p2.block}; medians; Anna reads a plan of {p2.activities_shown} "
        f"activities, {p2.clashes_shown} open clashes)"
    )
    for label, rps, queries, url in (
        ("plan    ", p2.plan_rps, p2.plan_queries, plan_url(plan)),
        ("empty   ", p2.empty_rps, p2.empty_queries, empty_url(plan)),
        ("layout  ", p2.layout_rps, p2.layout_queries, layout_url(plan)),
        ("floor   ", p2.floor_rps, p2.floor_queries, floor_url(plan)),
    ):
        print(
            f"    {label} {rps:8.1f} req/s  {1000 / rps:6.2f} ms/request  "
            f"{queries:2d} queries  {url}"
        )
    print(
        f"    ratio {p2.ratio:.3f} (target ≥ {p2.target}): "
        f"{'PASS' if p2.passed else 'BELOW TARGET'}"
    )
    print(
        f"    rounds, req/s: plan {min(p2.plan_rounds):.0f}–{max(p2.plan_rounds):.0f}, "
        f"empty {min(p2.empty_rounds):.0f}–{max(p2.empty_rounds):.0f}; "
        f"median of per-round ratios {p2.paired_ratio:.3f}"
    )
    print(f"    for information: plan ÷ layout-only page (base.html) {p2.layout_ratio:.3f}")
    print(
        f"    for information: ceiling of P2, floor (one gated identity read + base.html) "
        f"÷ empty {p2.ceiling:.3f}"
    )

    from bench.fhir import fhir_throughput_compare, report

    p1f = fhir_throughput_compare(
        data, rounds=args.rounds, seconds=args.seconds, warmup=args.warmup
    )
    report(p1f)

    results: dict[str, Any] = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "django": django.get_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "p1": as_dict(p1),
        "p2": as_dict(p2),
        "p3": as_dict(p3),
        "p3b": as_dict(p3b),
        "p1_fhir": as_dict(p1f),
    }

    if args.profile:
        results["profile"] = {}
        for name, url, per_round in (
            ("gated", overview_url(kim), p1.requests_per_round),
            ("baseline", baseline_url(kim), p1.requests_per_round),
            ("plan", plan_url(plan), p2.requests_per_round),
            ("empty", empty_url(plan), p2.requests_per_round),
            ("layout", layout_url(plan), p2.requests_per_round),
        ):
            n = max(100, per_round // 2)
            profile = profile_requests(client, url, n)
            results["profile"][name] = as_dict(profile)
            print(f"\nProfile of {n} {name} requests ({url}), cumulative ms per request:")
            for label, ms in profile.ms_per_request.items():
                if ms:
                    print(f"    {label:45s} {ms:7.3f}")
            print(profile.top)
        for name, url in (("gated", overview_url(kim)), ("plan", plan_url(plan))):
            statements = page_statements(client, url)
            results["profile"][f"{name}_sql"] = statements
            print(f"SQL of one {name} request ({len(statements)} statements):")
            for sql in statements:
                print(f"    {sql[:160]}")

    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    print(f"\nWritten to {RESULTS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
