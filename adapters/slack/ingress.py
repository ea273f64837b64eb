"""The checks a Slack HTTP request passes before bolt sees it.

bolt parses the body when it builds its request object, before it checks the signature,
so a malformed body (signed or not) would be a 500 from inside it. Here the signature is
checked first, on the raw bytes; only a request Slack really sent is then looked at, and
one whose body is not the JSON object or form Slack sends is a 400 with the reason.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import parse_qs

from aiohttp import web
from slack_sdk.signature import SignatureVerifier

FORM = "application/x-www-form-urlencoded"


def _error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def _is_object(text: str) -> bool:
    try:
        return isinstance(json.loads(text), dict)
    except ValueError:  # JSONDecodeError, and numbers too large to convert
        return False


def signed(body: bytes, headers: Mapping[str, str], secret: str) -> bool:
    timestamp = headers.get("X-Slack-Request-Timestamp", "")
    signature = headers.get("X-Slack-Signature", "")
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) < 16 and signature):
        return False
    return SignatureVerifier(secret).is_valid(body, timestamp, signature)


def refusal(body: bytes, headers: Mapping[str, str], content_type: str,
            secret: str | None) -> web.Response | None:
    """None for a signed, well-formed request; else the response to send."""
    if secret is not None and not signed(body, headers, secret):
        return _error(401, "invalid or missing Slack request signature")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        return _error(400, "request body is not valid UTF-8")
    if content_type == FORM:
        fields = parse_qs(text, keep_blank_values=True)
        payload = fields.get("payload")
        if payload is not None and not _is_object(payload[0]):
            return _error(400, "malformed Slack payload: 'payload' must be a JSON object")
        return None
    if not _is_object(text):
        return _error(400, "malformed Slack event: the body must be a JSON object")
    return None
