"""Passwords (argon2), session tokens (cookie or bearer) and the signed-in user of a request."""

from __future__ import annotations

import asyncio
import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from fastapi import Request

from scriptwriter.servicekit.rpc import NotFoundError

from .deps import services
from .errors import ApiError

COOKIE_NAME = "sw_session"
USERNAME_RE = re.compile(r"^[A-Za-z0-9_-]{3,32}$")
_hasher = PasswordHasher()


@dataclass(frozen=True)
class CurrentUser:
    id: str
    token_hash: str
    via_cookie: bool


def new_token() -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    return token, token_hash(token)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher.hash, password)


async def verify_password(password_hash: str, password: str) -> bool:
    try:
        return await asyncio.to_thread(_hasher.verify, password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def sign_cookie(token: str, key: str) -> str:
    """The cookie carries the session token and its HMAC, so a cookie not issued here is refused unread."""
    mac = hmac.new(key.encode(), token.encode(), hashlib.sha256).digest()
    return f"{token}.{base64.urlsafe_b64encode(mac).decode().rstrip('=')}"


def unsign_cookie(value: str, key: str) -> str | None:
    token, _, _mac = value.rpartition(".")
    if not token:
        return None
    return token if hmac.compare_digest(sign_cookie(token, key), value) else None


def _presented_token(request: Request) -> tuple[str | None, bool]:
    header = request.headers.get("authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip() or None, False
    cookie = request.cookies.get(COOKIE_NAME)
    if not cookie:
        return None, True
    return unsign_cookie(cookie, services(request).settings.cookie_key()), True


def _same_origin(request: Request) -> bool:
    """Whether a request may be a write of this site: no foreign `Origin`, and not marked cross-site by the
    browser (`Sec-Fetch-Site`, sent even where `Origin` is not, as on a top-level navigation)."""
    if request.headers.get("sec-fetch-site") == "cross-site":
        return False
    origin = request.headers.get("origin")
    if origin is None or (origin == "null" and request.method in ("GET", "HEAD")):
        return True
    host = request.headers.get("host", "")
    return origin in (f"http://{host}", f"https://{host}")


def refuse_cross_site(request: Request, user: CurrentUser | None = None) -> None:
    """Writes carried by the session cookie (or signing in, which sets it) must come from this site."""
    if (user is None or user.via_cookie) and not _same_origin(request):
        raise ApiError(403, "cross_origin_refused", "cookie-authenticated writes must come from this site")


async def current_user(request: Request) -> CurrentUser:
    token, via_cookie = _presented_token(request)
    if not token:
        raise ApiError(401, "unauthorized", "sign in first")
    hashed = token_hash(token)
    try:
        session = await services(request).store.get_session(hashed)
    except NotFoundError as exc:
        raise ApiError(401, "unauthorized", "session expired or signed out") from exc
    user = CurrentUser(id=session["userId"], token_hash=hashed, via_cookie=via_cookie)
    if request.method not in ("GET", "HEAD", "OPTIONS"):
        refuse_cross_site(request, user)
    return user
