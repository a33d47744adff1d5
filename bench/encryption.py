"""Benchmark: field-level encryption (issue 9) on the database bench/national.py builds.

- one value encrypted and decrypted (AES-256-GCM), for a short answer and a long account;
- the migration step (plain text to ciphertext) and key rotation (old key to new), rows per second,
  over every encrypted column of every table: what `migrate` and `rotate_field_keys` cost at scale;
- `rotate_field_keys --check`, which reads and authenticates every value and writes nothing.

  .venv/bin/python bench/encryption.py [--cases 200000] [--reuse]
"""

import argparse
import base64
import os
import sys
import time
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.national import build, setup_django
from bench.scale import DATABASE


def per_value() -> None:
    from victimsrights import encryption

    context, runs = "reporting_report.what_happened", 20_000
    for label, text in [("a 40-character answer", "x" * 40), ("a 2 000-character account", "x" * 2000)]:
        stored = encryption.encrypt(text, context=context)
        seal = timeit.timeit(lambda text=text: encryption.encrypt(text, context=context), number=runs)  # type: ignore[misc]
        read = timeit.timeit(lambda stored=stored: encryption.decrypt(stored, context=context), number=runs)  # type: ignore[misc]
        print(f"  {label:<26} encrypt {1e6 * seal / runs:5.1f} us, decrypt {1e6 * read / runs:5.1f} us")


def passes() -> None:
    from django.conf import settings

    from victimsrights import encryption

    tables = list(encryption.encrypted_columns())
    original = settings.FIELD_ENCRYPTION_KEYS
    new_key = "bench2:" + base64.b64encode(os.urandom(32)).decode()
    steps = [
        ("decrypt (migration reverse)", encryption.decrypt_existing, original),
        ("encrypt plain text (migration)", encryption.encrypt_existing, original),
        ("rotate to a new key", encryption.rotate, f"{new_key},{original}"),
        ("rotate back", encryption.rotate, f"{original},{new_key}"),
        ("check (read only)", lambda table, columns: encryption.rotate(table, columns, dry_run=True), original),
    ]
    for label, step, keys in steps:
        settings.FIELD_ENCRYPTION_KEYS = keys
        rows = values = rewritten = 0
        started = time.perf_counter()
        for table, columns in tables:
            result = step(table, columns)
            rows += result.rows
            values += sum(result.versions.values())
            rewritten += result.rewritten
        took = time.perf_counter() - started
        print(
            f"  {label:<31} {rows:>9,} rows ({values:,} values, {rewritten:,} rewritten) in {took:6.1f} s: "
            f"{rows / took:8,.0f} rows/s",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--reuse", action="store_true", help="Use the database bench/scale.py built, if there is one.")
    options = parser.parse_args()
    import psycopg

    from bench.national import SERVER

    with psycopg.connect(f"{SERVER}/test", autocommit=True) as admin:
        exists = admin.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE]).fetchone()
    if options.reuse and exists:
        setup_django(DATABASE)
        print(f"Reusing {DATABASE}")
    else:
        print(f"Building {options.cases:,} cases in {DATABASE}")
        build(DATABASE, cases=options.cases)
    print("One value:")
    per_value()
    print("Every encrypted column of every table:")
    passes()


if __name__ == "__main__":
    main()
