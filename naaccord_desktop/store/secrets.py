"""The per-install key: kept in the OS keychain when a secure one exists.

One random key per install. Two sub-keys are derived from it (HKDF): one
turns patient IDs into pseudonyms (keyed hash) for reports, one encrypts
stored detail (Fernet). Without a secure keychain (headless Linux has none,
and `keyrings.alt`'s plain-text file does not count) the key lives in memory
for this run only, and the app stores no detail: `can_store_detail` is False.

Every keyring call is guarded: a keychain that is missing, locked or broken
never stops the app, it only means the key is not remembered.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import secrets as _random
from dataclasses import dataclass
from functools import cached_property

import keyring
from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from ..engine.translation import N_, _

log = logging.getLogger(__name__)

SERVICE = "naaccord-desktop"
USERNAME = "install-key"
INSECURE_BACKENDS = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt")
PSEUDONYM_PREFIX = "P-"
PSEUDONYM_HEX_CHARS = 16  # 64 bits of the HMAC: no collisions at cohort sizes


class DetailUnavailable(Exception):
    """Stored detail cannot be read back (no secure key, or a different key)."""


def secure_backend_name() -> str | None:
    """The keychain backend that keeps secrets safely, or None."""
    try:
        ring = keyring.get_keyring()
    except Exception as exc:  # a broken keyring install must not stop the app
        log.warning("Keyring backend could not be loaded (%s).", type(exc).__name__)
        return None
    for backend in getattr(ring, "backends", None) or [ring]:
        module = type(backend).__module__
        try:
            priority = backend.priority
        except Exception:  # some backends compute priority by probing the system
            continue
        if priority >= 1 and not module.startswith(INSECURE_BACKENDS):
            return f"{module}.{type(backend).__name__}"
    return None


@dataclass(frozen=True)
class Secrets:
    """The install key and what can be done with it."""

    key: bytes  # 32 random bytes
    remembered: bool  # True when the key is in a secure keychain
    backend: str | None  # the secure keychain backend, if any
    status: str  # plain words for Settings / About

    @property
    def can_store_detail(self) -> bool:
        return self.remembered

    def pseudonym(self, patient_id: str) -> str:
        """A stable stand-in for a patient ID (keyed hash, truncated)."""
        digest = hmac.new(self._pseudonym_key, patient_id.encode("utf-8"), hashlib.sha256)
        return PSEUDONYM_PREFIX + digest.hexdigest()[:PSEUDONYM_HEX_CHARS]

    def encrypt(self, data: bytes) -> bytes:
        if not self.can_store_detail:
            raise DetailUnavailable("No secure keychain: detail is not stored.")
        return self._fernet.encrypt(data)

    def decrypt(self, token: bytes) -> bytes:
        try:
            return self._fernet.decrypt(token)
        except InvalidToken as exc:
            raise DetailUnavailable("The stored detail was saved with another key.") from exc

    @cached_property
    def _pseudonym_key(self) -> bytes:
        return self._subkey(b"pseudonym")

    @cached_property
    def _fernet(self) -> Fernet:
        return Fernet(base64.urlsafe_b64encode(self._subkey(b"detail")))

    def _subkey(self, purpose: bytes) -> bytes:
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"naaccord-desktop/" + purpose)
        return hkdf.derive(self.key)


NO_KEYCHAIN = N_(
    "No secure keychain is available on this computer, so the app keeps its key "
    "in memory only while it runs and stores no detail (values) in the run history."
)
KEYCHAIN_FAILED = N_(
    "The keychain could not be used ({reason}), so the app keeps its key in memory "
    "only while it runs and stores no detail (values) in the run history."
)
REMEMBERED = N_("The app's key is kept in {keychain}; the detail of each check is stored encrypted with it.")
KEYCHAIN_NAMES = {
    "keyring.backends.Windows": N_("the Windows Credential Manager"),
    "keyring.backends.macOS": N_("the macOS Keychain"),
    "keyring.backends.SecretService": N_("your desktop's keyring (Secret Service)"),
    "keyring.backends.libsecret": N_("your desktop's keyring (libsecret)"),
    "keyring.backends.kwallet": "KWallet",
}


def load_secrets() -> Secrets:
    """Read the install key from the keychain, creating it on first use."""
    backend = secure_backend_name()
    if backend is None:
        return _in_memory(_(NO_KEYCHAIN))
    try:
        stored = keyring.get_password(SERVICE, USERNAME)
    except Exception as exc:  # locked, dismissed prompt, broken backend, ...
        return _keychain_failed(exc)
    key = _decode(stored) if stored else None
    if key is None:
        if stored:
            log.warning("The key in the keychain was unreadable; a new one replaces it.")
        key = _random.token_bytes(32)
        try:
            keyring.set_password(SERVICE, USERNAME, base64.urlsafe_b64encode(key).decode("ascii"))
        except Exception as exc:
            return _keychain_failed(exc)
    keychain = next((_(words) for module, words in KEYCHAIN_NAMES.items() if backend.startswith(module + ".")),
                    _("your keychain ({backend})").format(backend=backend))
    return Secrets(key=key, remembered=True, backend=backend, status=_(REMEMBERED).format(keychain=keychain))


def _decode(stored: str) -> bytes | None:
    try:
        key = base64.urlsafe_b64decode(stored.encode("ascii"))
    except (binascii.Error, UnicodeEncodeError, ValueError):
        return None
    return key if len(key) == 32 else None


def _in_memory(status: str) -> Secrets:
    return Secrets(key=_random.token_bytes(32), remembered=False, backend=None, status=status)


def _keychain_failed(exc: Exception) -> Secrets:
    reason = type(exc).__name__
    log.warning("Keychain unavailable (%s); using a key in memory only.", reason)
    return _in_memory(_(KEYCHAIN_FAILED).format(reason=reason))
