"""Field-level encryption at rest for victims' accounts and contact details (AES-256-GCM).

A value is stored as "enc:<key version>:<base64url(nonce + ciphertext + tag)>". The keys live in
FIELD_ENCRYPTION_KEYS, outside the database, newest first. The column's "table.column" is bound as
associated data, so a value copied into another column does not decrypt, and a changed byte fails
authentication instead of showing altered text. Every value is encrypted, the empty string too.

Encrypted columns cannot be searched or sorted in SQL: any lookup but isnull is refused.

Rotation: put a new key first in FIELD_ENCRYPTION_KEYS (keep the old one after it), run
`manage.py rotate_field_keys`, then remove the old key once `rotate_field_keys --check` finds
nothing left under it.
"""

import base64
import binascii
import json
import os
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.apps import apps
from django.conf import settings
from django.core.exceptions import FieldError
from django.db import connections, migrations, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

from victimsrights import keyring

PREFIX = "enc"
NONCE_BYTES = 12
PLAINTEXT = "(not encrypted)"


class Unreadable(Exception):
    """A stored value that is not ours, was altered, or whose key is no longer configured."""


def _ring() -> keyring.KeyRing:
    return keyring.parse(settings.FIELD_ENCRYPTION_KEYS)


def encrypt(plaintext: str, *, context: str) -> str:
    ring = _ring()
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(ring.key(ring.current)).encrypt(nonce, plaintext.encode(), context.encode())
    return f"{PREFIX}:{ring.current}:{base64.urlsafe_b64encode(nonce + sealed).decode()}"


def key_version(stored: str) -> str:
    """The key version a stored value claims, or PLAINTEXT when it is not in our format."""
    prefix, _, rest = stored.partition(":")
    version, _, body = rest.partition(":")
    return version if prefix == PREFIX and version and body else PLAINTEXT


def decrypt(stored: str, *, context: str) -> str:
    version = key_version(stored)
    if version == PLAINTEXT:
        raise Unreadable(f"A value in {context} is not encrypted")
    try:
        raw = base64.urlsafe_b64decode(stored.split(":", 2)[2])
        key = AESGCM(_ring().key(version))
        return key.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context.encode()).decode()
    except (keyring.KeyMissing, InvalidTag, binascii.Error, ValueError) as error:
        raise Unreadable(f"A value in {context} cannot be decrypted: {type(error).__name__}") from None


class EncryptedTextField(models.TextField):
    """Text that is encrypted before it reaches the database."""

    description = "Text encrypted at rest"

    @property
    def context(self) -> str:
        return f"{self.model._meta.db_table}.{self.column}"

    def from_db_value(self, value: str | None, expression: object, connection: BaseDatabaseWrapper) -> Any:
        return None if value is None else decrypt(value, context=self.context)

    def get_db_prep_value(self, value: Any, connection: BaseDatabaseWrapper, prepared: bool = False) -> Any:
        value = super().get_db_prep_value(value, connection, prepared)
        return None if value is None else encrypt(value, context=self.context)

    def get_lookup(self, lookup_name: str) -> Any:
        if lookup_name != "isnull":
            raise FieldError(f"{self.context} is encrypted: it cannot be searched or compared in SQL.")
        return super().get_lookup(lookup_name)


class EncryptedJSONField(EncryptedTextField):
    """A JSON value (dicts, lists, strings, numbers) encrypted as one piece of text."""

    description = "JSON encrypted at rest"
    # What django-stubs reads as the attribute's type.
    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def from_db_value(self, value: str | None, expression: object, connection: BaseDatabaseWrapper) -> Any:
        text = super().from_db_value(value, expression, connection)
        return None if text is None else json.loads(text)

    def to_python(self, value: Any) -> Any:
        return value

    def get_prep_value(self, value: Any) -> Any:
        return None if value is None else json.dumps(value)


def encrypted_columns() -> Iterator[tuple[str, list[str]]]:
    """Every table with encrypted columns, and those columns."""
    for model in apps.get_models():
        columns = [f.column for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if columns:
            yield model._meta.db_table, columns


@dataclass
class Pass:
    """What one pass over a table found and did."""

    table: str
    rows: int = 0
    rewritten: int = 0
    # Rows the service changed between this pass's read and its write: left alone; run again.
    changed_meanwhile: int = 0
    unreadable: int = 0
    versions: Counter[str] = field(default_factory=Counter)


def _to_current_key(value: str, context: str) -> str | None:
    if key_version(value) == _ring().current:
        decrypt(value, context=context)  # proves it is readable
        return None
    return encrypt(decrypt(value, context=context), context=context)


def _plaintext_to_current_key(value: str, context: str) -> str | None:
    try:
        return _to_current_key(value, context)
    except Unreadable:
        return encrypt(value, context=context)  # never encrypted: a migration's first pass


def _to_plaintext(value: str, context: str) -> str | None:
    try:
        return decrypt(value, context=context)
    except Unreadable:
        return None


def _rewrite(
    table: str,
    columns: list[str],
    change: Callable[[str, str], str | None],
    *,
    using: str = "default",
    batch: int = 500,
    dry_run: bool = False,
) -> Pass:
    """Apply `change` to every value of these columns, a batch of rows per transaction.

    Each row is written only if it still holds what was read, so a victim's edit made meanwhile is
    never overwritten with older text.
    """
    connection = connections[using]
    quote = connection.ops.quote_name
    result = Pass(table)
    # Table and column names come from the models, quoted; every value is a parameter.
    select = f"SELECT id, {', '.join(map(quote, columns))} FROM {quote(table)}"  # noqa: S608
    after: list[Any] = []
    while True:
        with transaction.atomic(using=using), connection.cursor() as cursor:
            where = " WHERE id > %s" if after else ""
            cursor.execute(f"{select}{where} ORDER BY id LIMIT {int(batch)}", after)
            rows = cursor.fetchall()
            # Rows to write, grouped by which of their columns changed: one statement per group.
            updates: dict[tuple[str, ...], list[list[Any]]] = defaultdict(list)
            for pk, *values in rows:
                result.rows += 1
                changed = []
                for column, value in zip(columns, values, strict=True):
                    if value is None:
                        continue
                    result.versions[key_version(value)] += 1
                    try:
                        new = change(value, f"{table}.{column}")
                    except Unreadable:
                        result.unreadable += 1
                        continue
                    if new is not None:
                        changed.append((column, value, new))
                if changed:
                    names = tuple(column for column, _, _ in changed)
                    updates[names].append([new for *_, new in changed] + [pk] + [old for _, old, _ in changed])
            for names, parameters in updates.items():
                if dry_run:
                    result.rewritten += len(parameters)
                    continue
                sets = ", ".join(f"{quote(column)} = %s" for column in names)
                same = " AND ".join(f"{quote(column)} = %s" for column in names)
                update = f"UPDATE {quote(table)} SET {sets} WHERE id = %s AND {same}"  # noqa: S608
                cursor.executemany(update, parameters)
                written = cursor.rowcount  # the rows that still held what was read
                result.rewritten += written
                result.changed_meanwhile += len(parameters) - written
        if len(rows) < batch:
            return result
        after = [rows[-1][0]]


def rotate(table: str, columns: list[str], *, dry_run: bool = False, using: str = "default") -> Pass:
    """Re-encrypt every value under the current key; values that cannot be read are counted, not touched."""
    return _rewrite(table, columns, _to_current_key, using=using, dry_run=dry_run)


def encrypt_existing(table: str, columns: list[str], *, using: str = "default") -> Pass:
    """For a migration: encrypt values stored as plain text (and bring older keys up to date)."""
    return _rewrite(table, columns, _plaintext_to_current_key, using=using)


def decrypt_existing(table: str, columns: list[str], *, using: str = "default") -> Pass:
    """For a migration's reverse: store the values as plain text again."""
    return _rewrite(table, columns, _to_plaintext, using=using)


def encrypt_existing_operation(table: str, columns: list[str]) -> migrations.RunPython:
    """The migration step that encrypts what a newly encrypted column already holds (reversible)."""

    def forwards(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        encrypt_existing(table, columns, using=schema_editor.connection.alias)

    def backwards(apps: object, schema_editor: BaseDatabaseSchemaEditor) -> None:
        decrypt_existing(table, columns, using=schema_editor.connection.alias)

    return migrations.RunPython(forwards, backwards)
