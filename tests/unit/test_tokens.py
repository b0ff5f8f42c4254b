import base64
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from receipts.signing.qr import qr_version
from receipts.signing.tokens import TokenSigner

KEYS = ["old-key-aaaa", "new-key-bbbb"]


def test_a_token_names_its_receipt_version_and_nothing_else():
    token = TokenSigner(KEYS).sign(42)
    assert TokenSigner(KEYS).verify(token) == 42
    payload = token.split(".")[0]
    assert base64.urlsafe_b64decode(payload + "==") == b"42"


def test_the_last_key_signs_and_every_key_verifies():
    old_token = TokenSigner(KEYS[:1]).sign(7)
    rotated = TokenSigner([*KEYS, "newest-key-cccc"])
    assert rotated.verify(old_token) == 7
    assert rotated.sign(7) != old_token
    assert TokenSigner(KEYS[:1]).verify(rotated.sign(7)) is None


def test_a_token_of_an_unknown_key_or_another_salt_is_refused():
    token = TokenSigner(["someone-else"]).sign(7)
    assert TokenSigner(KEYS).verify(token) is None
    assert TokenSigner(KEYS).verify(TokenSigner(KEYS, salt="other.purpose").sign(7)) is None


@pytest.mark.parametrize("version_id", [1, 12, 345, 99999])
def test_every_single_character_change_is_refused(version_id):
    signer = TokenSigner(KEYS)
    token = signer.sign(version_id)
    alphabet = string.ascii_letters + string.digits + "-_."
    for index, original in enumerate(token):
        for replacement in alphabet:
            if replacement != original:
                changed = token[:index] + replacement + token[index + 1 :]
                assert signer.verify(changed) is None, changed


@settings(max_examples=300)
@given(st.text(max_size=300))
def test_random_garbage_is_refused(text):
    assert TokenSigner(KEYS).verify(text) is None


def test_a_verify_url_stays_a_small_qr():
    token = TokenSigner(KEYS).sign(10_000_000)
    url = "https://dichvucong.daklak.gov.vn/bien-nhan-ho-so/r/" + token
    assert qr_version(url) <= 7
