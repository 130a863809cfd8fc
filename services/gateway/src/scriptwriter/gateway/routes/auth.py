"""`/api/auth`: register, login, logout, me."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from scriptwriter.contracts.ids import new_id
from scriptwriter.servicekit.clock import utc_now
from scriptwriter.servicekit.rpc import ConflictError, NotFoundError

from ..auth import (
    COOKIE_NAME,
    CurrentUser,
    current_user,
    hash_password,
    new_token,
    refuse_cross_site,
    sign_cookie,
    verify_password,
)
from ..bodies import read_model
from ..deps import services
from ..errors import ApiError

router = APIRouter(prefix="/api/auth", tags=["auth"])


class Credentials(BaseModel):
    model_config = ConfigDict(extra="forbid")

    username: Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{3,32}$")]
    password: Annotated[str, Field(min_length=8, max_length=256)]


class UserOut(BaseModel):
    id: str
    username: str


class SessionOut(BaseModel):
    user: UserOut
    token: str


class MeOut(BaseModel):
    user: UserOut


_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": Credentials.model_json_schema()}},
    }
}


def _limit(request: Request) -> None:
    """Signing in sets the session cookie, so it must come from this site, as JSON (an HTML form cannot send
    JSON), and not too often from one address."""
    refuse_cross_site(request)
    if request.headers.get("content-type", "").split(";")[0].strip().lower() != "application/json":
        raise ApiError(415, "unsupported_media_type", "send the credentials as application/json")
    client = request.client.host if request.client else "unknown"
    if not request.app.state.auth_limiter.allow(f"{request.url.path}:{client}"):
        raise ApiError(429, "rate_limited", "too many attempts; wait a minute and try again")


async def _open_session(request: Request, response: Response, user: dict[str, Any]) -> SessionOut:
    token, hashed = new_token()
    await services(request).store.create_session(
        {"id": hashed, "userId": user["id"], "createdAt": utc_now(), "revoked": False}
    )
    response.set_cookie(
        COOKIE_NAME,
        sign_cookie(token, services(request).settings.cookie_key()),
        httponly=True,
        samesite="lax",
        secure=services(request).settings.cookie_secure,
        max_age=30 * 24 * 3600,
        path="/",
    )
    return SessionOut(user=UserOut(id=user["id"], username=user["username"]), token=token)


@router.post("/register", status_code=201, response_model=SessionOut, openapi_extra=_BODY)
async def register(request: Request, response: Response) -> SessionOut:
    _limit(request)
    if not services(request).settings.allow_register:
        raise ApiError(403, "registration_closed", "registration is closed")
    body = await read_model(request, Credentials)
    user = {
        "id": new_id("usr"),
        "username": body.username,
        "passwordHash": await hash_password(body.password),
        "createdAt": utc_now(),
    }
    try:
        await services(request).store.create_user(user)
    except ConflictError as exc:
        raise ApiError(409, "username_taken", "that username is taken") from exc
    return await _open_session(request, response, user)


@router.post("/login", response_model=SessionOut, openapi_extra=_BODY)
async def login(request: Request, response: Response) -> SessionOut:
    _limit(request)
    body = await read_model(request, Credentials)
    try:
        user = await services(request).store.user_by_name(body.username)
    except NotFoundError:
        user = None
    if user is None or not await verify_password(user["passwordHash"], body.password):
        raise ApiError(401, "invalid_credentials", "wrong username or password")
    return await _open_session(request, response, user)


@router.post("/logout", status_code=204)
async def logout(request: Request, user: Annotated[CurrentUser, Depends(current_user)]) -> Response:
    await services(request).store.revoke_session(user.token_hash)
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/")
    return response


@router.get("/me", response_model=MeOut)
async def me(request: Request, user: Annotated[CurrentUser, Depends(current_user)]) -> MeOut:
    found = await services(request).store.get_user(user.id)
    return MeOut(user=UserOut(**found))
