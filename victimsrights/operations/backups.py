"""Backups that restore a working service: the whole database, consistent at one moment, taken while it runs.

PostgreSQL: `pg_dump --format=custom` (one snapshot; restored with `pg_restore --clean`). SQLite: the
online backup API, page by page, so a backup taken mid-write is still whole. Keys stay outside the
backup (SECRET_KEY, SEALED_RECORDS_KEYS): a stolen backup cannot open a sealed record.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection, connections


def _postgres_environment() -> tuple[list[str], dict[str, str]]:
    settings = connection.settings_dict
    arguments = ["--host", str(settings["HOST"] or "localhost"), "--port", str(settings["PORT"] or 5432)]
    arguments += ["--username", str(settings["USER"]), "--dbname", str(settings["NAME"])]
    environment = {**os.environ}
    if settings.get("PASSWORD"):
        environment["PGPASSWORD"] = str(settings["PASSWORD"])
    return arguments, environment


def backup(path: Path) -> Path:
    """Write the database to `path` (a new file)."""
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_environment()
        command = ["pg_dump", "--format=custom", "--no-owner", "--file", str(path), *arguments]
        subprocess.run(command, env=environment, check=True, capture_output=True)  # noqa: S603 - fixed program
    else:
        connection.ensure_connection()
        target = sqlite3.connect(path)
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    return path


def restore(path: Path) -> None:
    """Replace the database's contents with the backup at `path`. Stop web and workers first."""
    if not path.is_file():
        raise FileNotFoundError(path)
    connections.close_all()
    if connection.vendor == "postgresql":
        arguments, environment = _postgres_environment()
        command = ["pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", *arguments]
        subprocess.run([*command, str(path)], env=environment, check=True, capture_output=True)  # noqa: S603
    else:
        source = sqlite3.connect(path)
        try:
            target = sqlite3.connect(str(connection.settings_dict["NAME"]))
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            source.close()
