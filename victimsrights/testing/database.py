"""The database as it holds things, read with plain SQL: for tests about what is stored, not what the ORM shows."""

from collections.abc import Collection
from typing import Any

from django.db import connection


def table_rows(
    *, leave_out: Collection[str] = (), columns_left_out: Collection[str] = ()
) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but those left out, without the columns left out, in a stable order."""
    contents = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            if table in leave_out:
                continue
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a table's own name
            kept = [i for i, column in enumerate(cursor.description) if column[0] not in columns_left_out]
            rows = (tuple(_plain(row[i]) for i in kept) for row in cursor.fetchall())
            contents[table] = sorted(rows, key=repr)
    return contents


def _plain(cell: Any) -> Any:
    return bytes(cell).decode("utf-8", "replace") if isinstance(cell, memoryview | bytes) else cell
