"""The codes a victim or a safe place is given (report references, resume and sealed-record codes): random, easy to
read back, and kept in the database only as hashes. Shared by the services that issue them and the selectors that
look them up."""

import hashlib
import secrets

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to mix up


def random_code(length: int) -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(length))


def code_hash(purpose: str, code: str) -> str:
    """Codes are long and random, so a plain SHA-256 is enough to keep them out of the database."""
    canonical = "".join(char for char in code.upper() if char in CODE_ALPHABET)
    return hashlib.sha256(f"{purpose}:{canonical}".encode()).hexdigest()


def resume_code_hash(code: str) -> str:
    return code_hash("resume", code)


def sealed_record_code_hash(code: str) -> str:
    return code_hash("sealed", code)
