"""Benchmark: matching perpetrators' identifiers across sealed records, with 1 000 000 identifiers stored.

Builds --records sealed records through the service (each with its own data key), then bulk-inserts
--identifiers keyed hashes spread across them (phone numbers, hashed under the matching key as the service
does), and measures:
  - lookups: normalise a phone number, hash it under every configured key, find other records naming it
    (the service's query), for identifiers that are stored and that are not;
  - the floor: the same indexed SELECT with the hash already computed, on a raw cursor;
  - adds: `identifier_add` end to end (lock, limits, audit, seal the value, insert, look up, record a match).

    .venv/bin/python bench/matching.py [--identifiers 1000000] [--records 1000] [--lookups 5000] [--sqlite]
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.national import database_fresh, setup_django

DATABASE = "vrs_bench_matching"
BATCH = 10_000


def phone(number: int) -> str:
    return f"+4475{number:08d}"


def build(identifiers: int, records: int) -> list[object]:
    from django.core.management import call_command
    from django.utils import timezone

    from victimsrights.accounts.roles import Role
    from victimsrights.accounts.services import staff_user_create
    from victimsrights.areas.models import SafePlaceKind, SafePlaceOrganisation
    from victimsrights.sealedrecords import matching
    from victimsrights.sealedrecords import services as sealed_records
    from victimsrights.sealedrecords.models import IdentifierKind, PerpetratorIdentifier

    call_command("migrate", verbosity=0)
    organisation = SafePlaceOrganisation.objects.create(
        name="Bench Refuge", kind=SafePlaceKind.REFUGE, contact_email="bench@example.org"
    )
    worker = staff_user_create(
        username="bench.worker",
        password=None,
        role=Role.SAFE_PLACE_WORKER,
        full_name="Bench",
        organisation=organisation,
    )
    started = time.perf_counter()
    sealed = [
        sealed_records.sealed_record_create(worker=worker, account="Bench account.", notes="")[0]
        for _ in range(records)
    ]
    print(f"  {records:,} sealed records through the service in {time.perf_counter() - started:.1f} s")
    version, now = matching.current_version(), timezone.now()
    started = time.perf_counter()
    for start in range(0, identifiers, BATCH):
        PerpetratorIdentifier.objects.bulk_create(
            PerpetratorIdentifier(
                record=sealed[number % records],
                kind=IdentifierKind.PHONE,
                digest=matching.digest(IdentifierKind.PHONE, phone(number), version=version),
                key_version=version,
                sealed_value=os.urandom(40),  # the lookups never read it back
                entered_by=worker,
                entered_at=now,
            )
            for number in range(start, min(start + BATCH, identifiers))
        )
    print(f"  {identifiers:,} identifiers stored in {time.perf_counter() - started:.1f} s")
    return [worker, *sealed]


def measure_lookups(identifiers: int, lookups: int) -> tuple[float, float]:
    from django.db import connection

    from victimsrights.sealedrecords import matching
    from victimsrights.sealedrecords.models import IdentifierKind, PerpetratorIdentifier

    rng = random.Random(2026)
    # Half stored, half never seen: a lookup that finds nothing is the common case.
    numbers = [rng.randrange(identifiers) if i % 2 else identifiers + rng.randrange(10**7) for i in range(lookups)]
    found = 0
    started = time.perf_counter()
    for number in numbers:
        canonical = matching.normalise_phone("0" + phone(number).removeprefix("+44"))  # as a worker types it
        digests = matching.digests_under_every_version(IdentifierKind.PHONE, canonical)
        found += len(
            PerpetratorIdentifier.objects.filter(digest__in=digests.values()).values_list("record_id", "key_version")
        )
    service = lookups / (time.perf_counter() - started)
    version = matching.current_version()
    precomputed = [matching.digest(IdentifierKind.PHONE, phone(number), version=version) for number in numbers]
    table = PerpetratorIdentifier._meta.db_table
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for digest in precomputed:
            cursor.execute(f"SELECT record_id, key_version FROM {table} WHERE digest = %s", [digest])  # noqa: S608
            cursor.fetchall()
    floor = lookups / (time.perf_counter() - started)
    assert found >= lookups // 2, found  # the stored half was found
    return service, floor


def measure_adds(sealed: list[object], worker: object, adds: int) -> list[float]:
    from django.conf import settings

    from victimsrights.sealedrecords import services as sealed_records
    from victimsrights.sealedrecords.models import IdentifierKind

    settings.MATCHING_ENTRIES_PER_WORKER_PER_DAY = adds + 1
    settings.MATCHING_IDENTIFIERS_PER_RECORD = 10**9  # the bench's records hold far more than a real one
    timings = []
    for index in range(adds):
        record = sealed[index % len(sealed)]
        started = time.perf_counter()
        # Every other add names a number already stored for another record: a match.
        canonical = phone(index) if index % 2 else f"+4478{index:08d}"
        sealed_records.identifier_add(
            record_id=record.pk,  # type: ignore[attr-defined]
            worker=worker,
            kind=IdentifierKind.PHONE,
            canonical=canonical,
        )
        timings.append(time.perf_counter() - started)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--identifiers", type=int, default=1_000_000)
    parser.add_argument("--records", type=int, default=1_000)
    parser.add_argument("--lookups", type=int, default=5_000)
    parser.add_argument("--adds", type=int, default=500)
    parser.add_argument("--sqlite", action="store_true", help="a temporary SQLite file instead of PostgreSQL")
    args = parser.parse_args()
    sqlite_path = os.path.join(tempfile.mkdtemp(), "matching.sqlite3") if args.sqlite else None
    if sqlite_path:
        setup_django(DATABASE, sqlite_path)
    else:
        database_fresh(DATABASE)
    import logging

    logging.disable(logging.INFO)
    print(f"Matching, {'SQLite' if sqlite_path else 'PostgreSQL'}:")
    worker, *sealed = build(args.identifiers, args.records)
    service, floor = measure_lookups(args.identifiers, args.lookups)
    print(f"  lookups (normalise, HMAC under every key, indexed query): {service:,.0f}/s")
    print(f"  floor (the same SELECT, hash precomputed, raw cursor): {floor:,.0f}/s -> {service / floor:.2f}x")
    timings = measure_adds(sealed, worker, args.adds)
    median = statistics.median(timings) * 1000
    p95 = statistics.quantiles(timings, n=20)[-1] * 1000
    print(
        f"  identifier_add end to end: {len(timings) / sum(timings):,.0f}/s, median {median:.1f} ms, p95 {p95:.1f} ms"
    )


if __name__ == "__main__":
    main()
