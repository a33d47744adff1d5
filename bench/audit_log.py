"""Benchmark: one page of the commissioner's audit log, deep in a log of --entries rows (default 1 000 000).

The old page counted the whole log and skipped to the page with OFFSET; the new one finds it by entry id
(keyset). Both read the same 50 rows, on a database of their own (SQLite file, or PostgreSQL with --postgres).

    .venv/bin/python bench/audit_log.py [--entries 1000000] [--postgres]
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POSTGRES_SERVER = "postgres://postgres@127.0.0.1:5432"
DATABASE = "vrs_bench_audit"
PAGE_SIZE = 50


def setup(postgres: bool) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ["DJANGO_SETTINGS_MODULE"] = "victimsrights.settings"
    if postgres:
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
            admin.execute(f"CREATE DATABASE {DATABASE}")
        os.environ["DATABASE_URL"] = f"{POSTGRES_SERVER}/{DATABASE}"
    else:
        os.environ["SQLITE_PATH"] = str(Path(tempfile.mkdtemp()) / "audit.sqlite3")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def fill(entries: int) -> None:
    from django.utils import timezone

    from victimsrights.audit.models import AuditEntry

    now = timezone.now()
    size = 10_000
    for start in range(0, entries, size):
        AuditEntry.objects.bulk_create(
            AuditEntry(
                at=now,
                actor_label="bench",
                action="report.view",
                subject_type="reporting.report",
                subject_id=str(number),
                previous_hash="0" * 64,
                entry_hash=f"{number:064x}",  # not a chain: paging reads no hashes
            )
            for number in range(start, min(start + size, entries))
        )


def timed(read: Callable[[], object], runs: int = 20) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        read()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--postgres", action="store_true")
    arguments = parser.parse_args()
    setup(arguments.postgres)
    started = time.perf_counter()
    fill(arguments.entries)
    print(f"audit log of {arguments.entries:,} entries built in {time.perf_counter() - started:.0f} s")

    from django.core.paginator import Paginator

    from victimsrights.oversight.selectors import audit_entries, keyset_page

    entries = audit_entries(filters={})
    deep = entries.order_by("-id").values_list("id", flat=True)[arguments.entries // 2]
    for label, read in [
        ("first page, count + offset (before)", lambda: list(Paginator(entries, PAGE_SIZE).get_page(1))),
        ("first page, keyset (now)", lambda: keyset_page(entries, older_than=None, newer_than=None, size=PAGE_SIZE)),
        (
            "middle page, count + offset (before)",
            lambda: list(Paginator(entries, PAGE_SIZE).get_page(arguments.entries // 2 // PAGE_SIZE)),
        ),
        ("middle page, keyset (now)", lambda: keyset_page(entries, older_than=deep, newer_than=None, size=PAGE_SIZE)),
    ]:
        print(f"  {label:<38} {timed(read):8.1f} ms (median of 20)")


if __name__ == "__main__":
    main()
