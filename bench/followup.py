"""Follow-up at national size: `python -m bench.followup` after `python -m bench.national`.

P4  The main outcome report (income source at entry × exit and status at exit,
    suppressed, as published) over every participation, divided by a raw SQL
    `count(*)` over the same table in the same run. Targets: ratio ≤ 3 and the
    report within 300 ms on PostgreSQL.
P8  The delivery export streamed as CSV (StreamingHttpResponse, 300 000 rows or
    as many as there are) divided by PostgreSQL `COPY (the same query) TO
    STDOUT` as CSV. Target ≤ 5, with flat memory: the peak traced while
    streaming all rows must stay close to the peak for a tenth of them.

Runs against the database DATABASE_URL names, which bench.national filled;
nothing is written to it. Medians of --rounds runs after a warm-up. Prints the
figures and writes bench/results/followup.json. Exit status 0 whatever the
figures; only a broken benchmark exits non-zero.
"""

import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results" / "followup.json"
P4_RATIO, P4_MS, P8_RATIO = 3.0, 300.0, 5.0
# "Flat": the peak for all rows within this factor of the peak for a tenth.
FLAT = 1.5


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.followup", description=__doc__)
    parser.add_argument("--rounds", type=int, default=7, help="timed runs per measure")
    parser.add_argument("--rows", type=int, default=300_000, help="rows of the P8 export")
    return parser.parse_args(argv)


def _median_ms(action: Callable[[], object], rounds: int) -> tuple[float, list[float]]:
    action()  # warm-up: plans cached, pages in the buffer cache
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), times


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.bench")
    import django

    django.setup()
    from django.db import connection

    from ingang.followup.exports import delivery_response, delivery_rows
    from ingang.followup.models import Participation
    from ingang.followup.reports import Filters, income_report, outcome_counts, selected
    from ingang.followup.reports import status_report as status_of

    total = Participation.objects.count()
    if not total:
        print("No participations: run python -m bench.national first.", file=sys.stderr)
        return 2
    print(
        f"Follow-up benchmark: {connection.vendor} ({connection.settings_dict['NAME']}), "
        f"{total} participations, Django {django.get_version()}, "
        f"Python {platform.python_version()}, {os.cpu_count()} CPUs"
    )

    # -- P4 ---------------------------------------------------------------------------
    table = Participation._meta.db_table

    def count() -> int:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {table}")  # noqa: S608  # nosec B608 (a model's table name)
            return int(cursor.fetchone()[0])

    def outcome_report() -> object:
        counts = outcome_counts(Filters())
        return income_report(counts), status_of(counts)

    report_ms, report_runs = _median_ms(outcome_report, args.rounds)
    count_ms, count_runs = _median_ms(count, args.rounds)
    p4_ratio = report_ms / count_ms
    p4_pass = p4_ratio <= P4_RATIO and report_ms <= P4_MS
    print(f"\nP4  Main outcome report over {total} participations vs count(*), medians")
    print(f"    report     {report_ms:8.1f} ms  (runs {_span(report_runs)})")
    print(f"    count(*)   {count_ms:8.1f} ms  (runs {_span(count_runs)})")
    print(
        f"    ratio {p4_ratio:.2f} (target ≤ {P4_RATIO}) and {report_ms:.0f} ms "
        f"(target ≤ {P4_MS:.0f}): {'PASS' if p4_pass else 'BELOW TARGET'}"
    )

    # -- P8 ---------------------------------------------------------------------------
    rows = min(args.rows, total)
    tenth = max(1, rows // 10)

    def stream(n: int) -> int:
        response = delivery_response(delivery_rows(selected(Filters()))[:n])
        size = 0
        for chunk in response:  # what the WSGI server iterates
            size += len(chunk)
        return size

    stream_ms, stream_runs = _median_ms(lambda: stream(rows), max(3, args.rounds // 2))
    streamed_bytes = stream(rows)
    p8: dict[str, Any] = {"rows": rows, "stream_ms": stream_ms, "stream_runs": stream_runs}
    if connection.vendor == "postgresql":
        query = delivery_rows(selected(Filters()))[:rows]
        sql, params = query.query.sql_with_params()

        def copy() -> int:
            size = 0
            with connection.cursor() as cursor:
                inner = cursor.cursor.mogrify(sql, params)
                statement = f"COPY ({inner}) TO STDOUT WITH (FORMAT csv, DELIMITER ';', HEADER)"
                with cursor.cursor.copy(statement) as out:
                    for block in out:
                        size += len(block)
            return size

        copy_ms, copy_runs = _median_ms(copy, max(3, args.rounds // 2))
        p8 |= {
            "copy_ms": copy_ms,
            "copy_runs": copy_runs,
            "ratio": stream_ms / copy_ms,
            "copy_bytes": copy(),
        }
    peak_tenth = _peak(lambda: stream(tenth))
    peak_all = _peak(lambda: stream(rows))
    flat = peak_all <= FLAT * max(peak_tenth, 1)
    p8 |= {
        "streamed_bytes": streamed_bytes,
        "peak_bytes_tenth": peak_tenth,
        "peak_bytes_all": peak_all,
        "flat": flat,
    }
    print(f"\nP8  Streamed CSV export of {rows} rows vs COPY … TO STDOUT, medians")
    print(f"    streamed   {stream_ms:8.1f} ms  ({streamed_bytes / 1e6:.1f} MB)")
    if "copy_ms" in p8:
        passed = p8["ratio"] <= P8_RATIO and flat
        print(f"    COPY       {p8['copy_ms']:8.1f} ms  ({p8['copy_bytes'] / 1e6:.1f} MB)")
        print(
            f"    ratio {p8['ratio']:.2f} (target ≤ {P8_RATIO}): "
            f"{'PASS' if passed else 'BELOW TARGET'}"
        )
    else:
        print("    COPY: PostgreSQL only")
    print(
        f"    peak traced memory: {peak_tenth / 1e6:.2f} MB for {tenth} rows, "
        f"{peak_all / 1e6:.2f} MB for {rows} rows: {'flat' if flat else 'GROWS'}"
    )

    results = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": connection.vendor,
        "participations": total,
        "django": django.get_version(),
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
        "p4": {
            "report_ms": report_ms,
            "report_runs": report_runs,
            "count_ms": count_ms,
            "count_runs": count_runs,
            "ratio": p4_ratio,
            "passed": p4_pass,
        },
        "p8": p8,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"\nWritten to {RESULTS}")
    return 0


def _peak(action: Callable[[], object]) -> int:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def _span(runs: list[float]) -> str:
    return f"{min(runs):.1f}–{max(runs):.1f}"


if __name__ == "__main__":
    sys.exit(main())
