"""Tokens and codes of survey invitations (decision 0032).

* The **token** (the letter's link) is 24 random bytes from `secrets` (192 bits, URL-safe).
* The **code** (for typing, e.g. "K7QMP-3RXWA") is *derived* from the token: ten characters of
  an alphabet without look-alikes (no 0/O, 1/I/L) from an HMAC of the token under the
  SECRET_KEY. So a household that types its code and one that opens its link are the same.
* The database keeps `token_hash` (SHA-256 of the token) and `code_hash` (HMAC of the code):
  neither gives the token or the code back, and the code's 31^10 ≈ 8·10^14 values are rate-
  limited online (core/ratelimit.py) and cannot be tried offline without the SECRET_KEY.
* The answer keeps `edit_key` (another HMAC of the code): the household finds its own answer
  again with its letter; nobody holding only the database can join the two tables.
"""

import hashlib
import hmac
import secrets

from django.conf import settings

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # 31 characters, no 0/O, 1/I/L
CODE_LENGTH = 10
TOKEN_BYTES = 24


def _hmac(purpose: str, value: str) -> str:
    key = f"surveys:{purpose}:{settings.SECRET_KEY}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def code_for(token: str) -> str:
    digest = int(_hmac("code", token), 16)
    chars = []
    for _ in range(CODE_LENGTH):
        digest, rest = divmod(digest, len(ALPHABET))
        chars.append(ALPHABET[rest])
    return "".join(chars)


def display_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def normal_code(typed: str) -> str:
    """The code as typed (any case, spaces, dashes) in its stored form; "" if impossible."""
    text = "".join(ch for ch in (typed or "").upper() if ch not in " -")
    if len(text) != CODE_LENGTH or any(ch not in ALPHABET for ch in text):
        return ""
    return text


def token_hash(token: str) -> str:
    return hashlib.sha256(f"surveys:token:{token}".encode()).hexdigest()


def code_hash(code: str) -> str:
    return _hmac("lookup", code)


def edit_key(code: str) -> str:
    return _hmac("answer", code)
