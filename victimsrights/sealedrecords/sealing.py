"""Envelope encryption for sealed records (the `cryptography` package, AES-256-GCM).

Each record gets its own random data key. The data key encrypts the record; the sealed-records
key (the key-encryption key, KEK) encrypts the data key. Only the wrapped data key is stored.
  - Destroying a record deletes its wrapped data key: the ciphertext can never be read again.
  - Rotating the KEK re-wraps the data keys (`manage.py rotate_sealed_records_key`); records are
    not re-encrypted. Old KEK versions stay configured until nothing is wrapped with them.
  - The KEK is configured as SEALED_RECORDS_KEYS="v2:<base64 32 bytes>,v1:<...>" (first is current),
    kept outside the database; in production it is required and must not be the demo key.
Both encryptions bind the record id as associated data, so a ciphertext moved to another row
fails to decrypt.
"""

import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings

from victimsrights import keyring

NONCE_BYTES = 12


def current_version() -> str:
    return keyring.parse(settings.SEALED_RECORDS_KEYS).current


def _kek(version: str) -> AESGCM:
    return AESGCM(keyring.parse(settings.SEALED_RECORDS_KEYS).key(version))


@dataclass(frozen=True)
class Sealed:
    ciphertext: bytes
    wrapped_key: bytes
    key_version: str


def seal(plaintext: bytes, *, record_id: str) -> Sealed:
    data_key = AESGCM.generate_key(bit_length=256)
    nonce, key_nonce = os.urandom(NONCE_BYTES), os.urandom(NONCE_BYTES)
    ciphertext = nonce + AESGCM(data_key).encrypt(nonce, plaintext, record_id.encode())
    version = current_version()
    wrapped = key_nonce + _kek(version).encrypt(key_nonce, data_key, record_id.encode())
    return Sealed(ciphertext, wrapped, version)


def _data_key(*, wrapped_key: bytes, key_version: str, record_id: str) -> bytes:
    return _kek(key_version).decrypt(wrapped_key[:NONCE_BYTES], wrapped_key[NONCE_BYTES:], record_id.encode())


def unseal(*, ciphertext: bytes, wrapped_key: bytes, key_version: str, record_id: str) -> bytes:
    data_key = _data_key(wrapped_key=wrapped_key, key_version=key_version, record_id=record_id)
    return AESGCM(data_key).decrypt(ciphertext[:NONCE_BYTES], ciphertext[NONCE_BYTES:], record_id.encode())


def seal_beside(plaintext: bytes, *, wrapped_key: bytes, key_version: str, record_id: str, context: str) -> bytes:
    """Encrypt something kept beside a record (an identifier of the perpetrator) with the record's own data key,
    so destroying the record's key erases it too. `context` binds it to its row."""
    data_key = _data_key(wrapped_key=wrapped_key, key_version=key_version, record_id=record_id)
    nonce = os.urandom(NONCE_BYTES)
    return nonce + AESGCM(data_key).encrypt(nonce, plaintext, f"{record_id}/{context}".encode())


def unseal_beside(ciphertext: bytes, *, wrapped_key: bytes, key_version: str, record_id: str, context: str) -> bytes:
    data_key = _data_key(wrapped_key=wrapped_key, key_version=key_version, record_id=record_id)
    return AESGCM(data_key).decrypt(
        ciphertext[:NONCE_BYTES], ciphertext[NONCE_BYTES:], f"{record_id}/{context}".encode()
    )


def rewrap(*, wrapped_key: bytes, key_version: str, record_id: str) -> tuple[bytes, str]:
    """Re-encrypt a data key under the current KEK."""
    data_key = _data_key(wrapped_key=wrapped_key, key_version=key_version, record_id=record_id)
    version = current_version()
    key_nonce = os.urandom(NONCE_BYTES)
    return key_nonce + _kek(version).encrypt(key_nonce, data_key, record_id.encode()), version
