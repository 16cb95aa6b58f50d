"""The install key: kept in a secure keychain, in memory only without one,
and never a reason for the app to stop."""

import base64

import keyring.backends.null
import pytest
from test_store_support import (  # noqa: F401  (fixtures)
    BrokenKeyring,
    LockedKeyring,
    MemoryKeyring,
    memory_keyring,
    no_keyring,
    use_keyring,
)

from naaccord_desktop.store import secrets as secrets_module
from naaccord_desktop.store.secrets import SERVICE, USERNAME, DetailUnavailable, load_secrets, secure_backend_name


def test_working_keychain_keeps_one_key_across_starts(memory_keyring):
    first = load_secrets()
    second = load_secrets()
    assert first.remembered and first.can_store_detail
    assert first.backend.endswith("MemoryKeyring")
    assert first.key == second.key
    assert len(base64.urlsafe_b64decode(memory_keyring.store[(SERVICE, USERNAME)])) == 32
    assert "keychain" in first.status


def test_pseudonyms_are_stable_keyed_and_do_not_show_the_id(memory_keyring):
    secrets = load_secrets()
    p = secrets.pseudonym("PAT-0001")
    assert p == load_secrets().pseudonym("PAT-0001")
    assert p.startswith("P-") and len(p) == 2 + 16
    assert "0001" not in p
    assert p != secrets.pseudonym("PAT-0002")
    memory_keyring.store.clear()  # a new install key: other pseudonyms
    assert load_secrets().pseudonym("PAT-0001") != p


def test_detail_round_trips_encrypted(memory_keyring):
    secrets = load_secrets()
    token = secrets.encrypt(b"cohortPatientId=PAT-0001")
    assert b"PAT-0001" not in token
    assert secrets.decrypt(token) == b"cohortPatientId=PAT-0001"
    memory_keyring.store.clear()
    with pytest.raises(DetailUnavailable):
        load_secrets().decrypt(token)


def test_no_keychain_means_memory_only_and_no_detail(no_keyring):
    assert secure_backend_name() is None
    first, second = load_secrets(), load_secrets()
    assert not first.remembered and not first.can_store_detail
    assert first.key != second.key  # nothing persisted
    assert "memory" in first.status and "no detail" in first.status
    with pytest.raises(DetailUnavailable):
        first.encrypt(b"x")
    assert first.pseudonym("A") == first.pseudonym("A")  # still usable for this run's reports


@pytest.mark.parametrize(
    "backend",
    [keyring.backends.null.Keyring, keyring.backends.fail.Keyring],
    ids=["null", "fail"],
)
def test_insecure_backends_do_not_count(use_keyring, backend):
    use_keyring(backend())
    assert secure_backend_name() is None
    assert not load_secrets().remembered


def test_plaintext_keyrings_alt_does_not_count(use_keyring):
    plaintext = type("PlaintextKeyring", (MemoryKeyring,), {"__module__": "keyrings.alt.file"})
    use_keyring(plaintext())
    assert secure_backend_name() is None


@pytest.mark.parametrize("backend", [LockedKeyring, BrokenKeyring], ids=["locked", "broken"])
def test_a_failing_keychain_falls_back_to_memory(use_keyring, backend, caplog):
    use_keyring(backend())
    secrets = load_secrets()
    assert not secrets.remembered and not secrets.can_store_detail
    assert "could not be used" in secrets.status
    assert secrets.pseudonym("A").startswith("P-")


def test_a_keychain_that_refuses_to_store_falls_back_to_memory(use_keyring):
    class ReadOnly(MemoryKeyring):
        def set_password(self, service, username, password):
            raise OSError("too long for the vault")

    use_keyring(ReadOnly())
    secrets = load_secrets()
    assert not secrets.remembered


def test_a_garbled_stored_key_is_replaced(memory_keyring):
    memory_keyring.store[(SERVICE, USERNAME)] = "not base64 at all!"
    secrets = load_secrets()
    assert secrets.remembered
    assert base64.urlsafe_b64decode(memory_keyring.store[(SERVICE, USERNAME)]) == secrets.key


def test_a_keyring_that_cannot_even_load_is_survived(monkeypatch):
    def explode():
        raise RuntimeError("no backend module")

    monkeypatch.setattr(secrets_module.keyring, "get_keyring", explode)
    assert secure_backend_name() is None
    assert not load_secrets().remembered
