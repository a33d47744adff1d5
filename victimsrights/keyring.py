"""Versioned keys configured outside the database: "v2:<base64 32 bytes>,v1:<...>", newest first."""

import base64
import binascii
from dataclasses import dataclass
from functools import lru_cache

from django.core.exceptions import ImproperlyConfigured

KEY_BYTES = 32


class KeyMissing(Exception):
    """Data was encrypted under a key version that is no longer configured."""


@dataclass(frozen=True)
class KeyRing:
    current: str
    keys: dict[str, bytes]

    def key(self, version: str) -> bytes:
        try:
            return self.keys[version]
        except KeyError:
            raise KeyMissing(f"Key {version} is not configured") from None


@lru_cache(maxsize=16)
def parse(configured: str) -> KeyRing:
    keys: dict[str, bytes] = {}
    for entry in configured.split(","):
        version, _, encoded = entry.strip().partition(":")
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            key = b""
        if not version or not version.isalnum() or len(key) != KEY_BYTES:
            raise ImproperlyConfigured(f"Each key is <version>:<base64 of {KEY_BYTES} bytes>; {version!r} is not.")
        keys[version] = key
    return KeyRing(current=next(iter(keys)), keys=keys)  # the first configured is the newest
