"""Archives encrypted at rest with Fernet (cryptography), in frames, so that a large archive is
never held in memory whole (a Fernet token is one whole message).

An encrypted archive is MAGIC followed by frames: a 4-byte big-endian length and a Fernet token
(stored as raw bytes, not base64). Each token's plaintext is the archive's random 16-byte id, the
frame's 8-byte index, a 1-byte "last frame" flag and up to CHUNK bytes of the .tar.gz. Fernet
authenticates every frame; the id, index and flag make a frame moved, dropped, repeated,
taken from another archive or cut off at the end a decryption error too.

BACKUP_ENCRYPTION_KEY holds the key (several, comma separated: the first encrypts, each one
decrypts, for rotation). Without it a backup refuses to start in production; with DEBUG a
development key is created once in BACKUP_DEV_KEY_FILE (var/backup-dev.key).
"""

import base64
import binascii
import os
import secrets
import struct
from pathlib import Path
from typing import BinaryIO

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

from backups.errors import BackupError

MAGIC = b"OPD-BACKUP-FERNET-1\n"
CHUNK = 1024 * 1024
_HEADER = struct.Struct(">16sQ?")
_LENGTH = struct.Struct(">I")
MISSING_KEY = (
    "BACKUP_ENCRYPTION_KEY is not set: backups are encrypted at rest and do not start without "
    'a key. Generate one with `python -c "from cryptography.fernet import Fernet; '
    'print(Fernet.generate_key().decode())"`, keep a copy away from this server (without it '
    "no archive can be restored) and set it in the environment."
)


def _development_key() -> bytes:
    path = Path(settings.BACKUP_DEV_KEY_FILE)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass
        else:
            with os.fdopen(descriptor, "wb") as file:
                file.write(Fernet.generate_key())
    return path.read_bytes().strip()


def fernet() -> MultiFernet:
    """The configured keys; BackupError when there is none (production) or one is malformed."""
    if settings.BACKUP_ENCRYPTION_KEY.strip():
        return fernet_from(settings.BACKUP_ENCRYPTION_KEY)
    if not settings.DEBUG:
        raise BackupError(MISSING_KEY)
    return fernet_from(_development_key().decode())


def fernet_from(value: str) -> MultiFernet:
    """Keys from a comma-separated list: the first encrypts, each one decrypts."""
    keys = [key.strip() for key in value.split(",") if key.strip()]
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except (ValueError, binascii.Error) as error:
        raise BackupError(
            "BACKUP_ENCRYPTION_KEY is not a valid Fernet key (32 url-safe base64-encoded bytes)."
        ) from error


def encrypt(source: BinaryIO, target: BinaryIO, keys: MultiFernet) -> None:
    archive_id = secrets.token_bytes(16)
    target.write(MAGIC)
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        token = keys.encrypt(_HEADER.pack(archive_id, index, last) + chunk)
        raw = base64.urlsafe_b64decode(token)
        target.write(_LENGTH.pack(len(raw)) + raw)
        if last:
            return
        chunk, index = following, index + 1


def decrypt(source: BinaryIO, target: BinaryIO, keys: MultiFernet) -> None:
    """Write the plaintext of `source` to `target`; BackupError if any frame is wrong."""
    if source.read(len(MAGIC)) != MAGIC:
        raise BackupError("Not an encrypted OPD archive.")
    archive_id, index = None, 0
    while True:
        length = source.read(_LENGTH.size)
        if len(length) != _LENGTH.size:
            raise BackupError("The archive is cut short (its last frame is missing).")
        raw = source.read(_LENGTH.unpack(length)[0])
        try:
            plain = keys.decrypt(base64.urlsafe_b64encode(raw))
        except InvalidToken as error:
            raise BackupError(
                "The archive cannot be decrypted: wrong BACKUP_ENCRYPTION_KEY, or damaged."
            ) from error
        frame_id, frame_index, last = _HEADER.unpack_from(plain)
        if archive_id is None:
            archive_id = frame_id
        if frame_id != archive_id or frame_index != index:
            raise BackupError("The archive's frames are out of order or mixed with another's.")
        target.write(plain[_HEADER.size :])
        if last:
            if source.read(1):
                raise BackupError("The archive has data after its last frame.")
            return
        index += 1


def is_encrypted(head: bytes) -> bool:
    return head.startswith(MAGIC)
