"""Benchmark: audited writes per second from 1, 2 and 4 processes at once, on PostgreSQL (issue 20).

Each process writes audit entries as a service does (`audit.record` in its own transaction) for --seconds.
Beside it, in the same run:
  - before: the same entry written under the chain-head row lock, as `record` did until the chain moved
    to a background step;
  - floor: the same INSERT through psycopg alone, one transaction per row, no Django;
  - the background step (`chain_pending`) chaining the whole backlog, in entries per second, and the
    backlog left when it runs beside four writers (it must keep up).

    .venv/bin/python bench/audit_writes.py [--seconds 10]
"""

import argparse
import json
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from bench.national import SERVER, database_fresh, setup_django  # noqa: E402

DATABASE = "vrs_bench_audit_writes"
DETAIL = {"report": 12345, "fields": ["what_happened"]}


def write_now() -> Callable[[], object]:
    from django.db import transaction

    from victimsrights.areas.models import Force
    from victimsrights.audit import services as audit

    force = Force.objects.get(code="bench")

    def write() -> None:
        with transaction.atomic():
            audit.record(actor=None, action="report.view", subject=force, detail=DETAIL)

    return write


def write_before() -> Callable[[], object]:
    """`record` as it was: lock the head, link to its hash, write, move the head."""
    from django.db import transaction
    from django.utils import timezone

    from victimsrights.audit import services as audit
    from victimsrights.audit.models import AuditChainHead, AuditEntry

    def write() -> None:
        with transaction.atomic():
            head = AuditChainHead.objects.select_for_update().get(pk=1)
            entry = AuditEntry(
                at=timezone.now(),
                actor_label="system",
                action="report.view",
                subject_type="areas.force",
                subject_id="1",
                detail=DETAIL,
                previous_hash=head.last_hash,
                chain_position=head.last_position + 1,
            )
            entry.entry_hash = audit._entry_hash(previous_hash=head.last_hash, entry=entry)
            entry.save()
            head.last_position += 1
            head.last_hash = entry.entry_hash
            head.save(update_fields=["last_position", "last_hash"])

    return write


def write_floor() -> Callable[[], object]:
    import psycopg

    connection = psycopg.connect(f"{SERVER}/{DATABASE}", autocommit=True)
    detail = json.dumps(DETAIL)

    def write() -> None:
        with connection.transaction():
            connection.execute(
                "INSERT INTO audit_auditentry (at, actor_label, action, subject_type, subject_id, reason, detail)"
                " VALUES (now(), 'system', 'report.view', 'areas.force', '1', '', %s)",
                (detail,),
            )

    return write


WAYS = {"now": write_now, "before": write_before, "floor": write_floor}


def worker(way: str, start_at: float, seconds: float) -> int:
    setup_django(DATABASE)
    write = WAYS[way]()
    while time.time() < start_at:
        time.sleep(0.001)
    written = 0
    while time.time() < start_at + seconds:
        write()
        written += 1
    return written


def per_second(way: str, processes: int, seconds: float) -> float:
    start_at = time.time() + 3
    with multiprocessing.get_context("spawn").Pool(processes) as pool:
        counts = pool.starmap(worker, [(way, start_at, seconds)] * processes)
    return sum(counts) / seconds


def build() -> None:
    database_fresh(DATABASE)
    from victimsrights.areas.models import Force
    from victimsrights.audit import services as audit

    Force.objects.create(code="bench", name="Bench Force", crime_number_prefix="BEN")
    audit.chain_pending()


def chain_backlog() -> tuple[int, float]:
    from victimsrights.audit import services as audit

    started = time.perf_counter()
    chained = audit.chain_pending()
    return chained, chained / (time.perf_counter() - started)


def backlog_beside_writers(seconds: float) -> tuple[float, int, int]:
    """Four writers for --seconds with the scheduler's chaining step running every 2 seconds beside them."""
    from django.db import connections

    from victimsrights.audit import services as audit
    from victimsrights.audit.models import AuditEntry

    stop = threading.Event()
    most_waiting = 0

    def chain_every_two_seconds() -> None:
        nonlocal most_waiting
        while not stop.wait(2):
            most_waiting = max(most_waiting, AuditEntry.objects.filter(chain_position__isnull=True).count())
            audit.chain_pending()
        connections.close_all()

    chainer = threading.Thread(target=chain_every_two_seconds)
    chainer.start()
    rate = per_second("now", 4, seconds)
    stop.set()
    chainer.join()
    return rate, most_waiting, AuditEntry.objects.filter(chain_position__isnull=True).count()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=10)
    arguments = parser.parse_args()
    build()
    from victimsrights.audit import services as audit

    print(f"audited writes per second on PostgreSQL, {os.cpu_count()} CPUs, {arguments.seconds:.0f} s each")
    print(f"  {'processes':<44}{'1':>8}{'2':>8}{'4':>8}   2 / 1   4 / 1")
    for way, label in [
        ("before", "before: chain-head lock on every write"),
        ("now", "now: written unlocked, chained afterwards"),
        ("floor", "floor: the same INSERT, psycopg alone"),
    ]:
        rates = [per_second(way, processes, arguments.seconds) for processes in (1, 2, 4)]
        if way == "before":
            audit.chain_pending()  # nothing waits; keeps the next run's backlog its own
        else:
            chained, chain_rate = chain_backlog()
            print(f"    (chaining the {chained:,} entries just written: {chain_rate:,.0f} entries/s)")
        print(
            f"  {label:<44}{rates[0]:8,.0f}{rates[1]:8,.0f}{rates[2]:8,.0f}"
            f"   {rates[1] / rates[0]:4.2f}x   {rates[2] / rates[0]:4.2f}x"
        )
    rate, most, left = backlog_beside_writers(arguments.seconds)
    print(
        f"  4 writers with chaining every 2 s beside them: {rate:,.0f} writes/s, at most {most:,} entries"
        f" waiting to be chained, {left:,} left at the end"
    )
    print(f"  chain verified: {audit.verify_chain().intact}")


if __name__ == "__main__":
    main()
