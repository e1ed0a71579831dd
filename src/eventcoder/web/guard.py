"""Who may code a text, how often, and how much: checks shared by `POST /api/code`
and the "Code a text" page.

Order: the bearer token when the server has one (401), the client's rate (429),
the body's content type (415), the size of the body (413, read in chunks so a large
body is never held whole), then the size of the text itself (413).
"""

from __future__ import annotations

import math

from fastapi import HTTPException, Request
from starlette.requests import ClientDisconnect

from eventcoder.web.app import WebContext

__all__ = ["admit", "check_content_type", "check_text_size", "read_limited"]

#: URL-encoding can triple a text's size (%XX); JSON escapes can double it.
_ENCODING_ALLOWANCE = 3
_FIELDS_ALLOWANCE = 4096


def admit(request: Request, web: WebContext, token: str | None) -> None:
    """Refuse a request without the server's token, or from a client over its rate."""
    if not web.token_ok(token):
        raise HTTPException(
            401,
            "coding a text needs the server's token: send the header "
            "'Authorization: Bearer TOKEN' (the --token given to eventcoder serve)",
            headers={"WWW-Authenticate": "Bearer"},
        )
    client = request.client.host if request.client else "unknown"
    wait = web.coding.limiter.take(client)
    if wait > 0:
        limits = web.coding.limits
        seconds = math.ceil(wait) if math.isfinite(wait) else 60
        raise HTTPException(
            429,
            f"too many texts coded from {client}: at most {limits.burst} at once and "
            f"{limits.per_minute:g} a minute; try again in {seconds} s",
            headers={"Retry-After": str(seconds)},
        )


def check_content_type(request: Request, expected: str, how: str) -> None:
    """Refuse (415) a body that does not say it is `expected` (a media type).

    Besides a clear message for a client that sends the wrong thing, this keeps
    another site's page from posting to the API: a browser sends a cross-site
    request with `Content-Type: application/json` only after asking (CORS), and
    the server never says yes.
    """
    given = request.headers.get("content-type", "")
    media = given.split(";", 1)[0].strip().lower()
    if media != expected:
        shown = f"{given!r}" if given else "none"
        raise HTTPException(
            415, f"the body should be sent as {expected} (Content-Type: {shown}); {how}"
        )


def _too_large(web: WebContext) -> HTTPException:
    limit = web.coding.limits.max_bytes
    return HTTPException(
        413,
        f"the text is too large: the limit is {limit:,} bytes (UTF-8); code a longer "
        "article with `eventcoder code FILE`, or start the server with a higher "
        "--max-code-bytes",
    )


async def read_limited(request: Request, web: WebContext) -> bytes:
    """The request body, refused (413) as soon as it exceeds what a text may take."""
    limit = web.coding.limits.max_bytes * _ENCODING_ALLOWANCE + _FIELDS_ALLOWANCE
    declared = request.headers.get("content-length")
    if declared and declared.isascii() and declared.isdigit() and int(declared) > limit:
        raise _too_large(web)
    body = bytearray()
    try:
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                raise _too_large(web)
    except ClientDisconnect:  # the client left before its body ended: no one to answer
        raise HTTPException(400, "the request body ended before its declared length") from None
    return bytes(body)


def check_text_size(text: str, web: WebContext) -> None:
    """Refuse (413) a text over the limit, counted in UTF-8 bytes."""
    if len(text.encode("utf-8")) > web.coding.limits.max_bytes:
        raise _too_large(web)
