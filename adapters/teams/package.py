"""The Teams app package: manifest.json plus the two icons, zipped for sideloading or the
Teams admin centre. Icons are drawn here and written as PNG with zlib (no imaging library)."""

from __future__ import annotations

import json
import re
import struct
import uuid
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MANIFEST_VERSION = "1.25"
SCHEMA_URL = (
    f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/"
    "MicrosoftTeams.schema.json"
)
COLOR_SIZE = 192
OUTLINE_SIZE = 32
SCOPES = ["personal", "team", "groupChat"]
# Prompt starters for clients: in a personal chat Teams offers these instead of a welcome
# card. Titles are what gets sent when one is picked.
CLIENT_PROMPTS = [
    {"title": "What does my agreement cover?",
     "description": "What's included in your IT support, and what isn't"},
    {"title": "Why isn't my ticket fixed yet?",
     "description": "Response time versus fix time, explained"},
    {"title": "Is the weekend covered?", "description": "Support hours and after-hours help"},
    {"title": "What counts as an emergency?",
     "description": "When to call rather than message"},
    {"title": "Talk to a person", "description": "Ask the team to pick this up with you"},
    {"title": "help", "description": "What I can help with"},
]
# The staff channel is a team channel: the knowledge-base commands are listed there only.
STAFF_COMMANDS = [
    {"title": "kb add", "description": "Add a knowledge entry (support team only)"},
    {"title": "kb edit", "description": "kb edit <id>: change an entry (support team only)"},
    {"title": "help", "description": "What the assistant tells clients it does"},
]
# Channel messages without an @mention reach the bot only with this consent: it needs
# them to answer a client's reply in a thread it answered ("reply here" must be true).
RSC_PERMISSIONS = [{"name": "ChannelMessage.Read.Group", "type": "Application"}]
_GUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")

Pixel = tuple[int, int, int, int]


class PackageError(ValueError):
    pass


@dataclass(frozen=True)
class AppInfo:
    bot_id: str
    msp_name: str
    website: str
    privacy_url: str
    terms_url: str
    short_name: str = "IT Help"
    version: str = "1.0.0"
    accent_color: str = "#2B579A"
    app_id: str | None = None  # the Teams app's own id; derived from the bot id if absent

    def validate(self) -> None:
        if not _GUID.match(self.bot_id):
            raise PackageError(
                f"the bot id must be the app registration's GUID, got {self.bot_id!r}"
            )
        if self.app_id is not None and not _GUID.match(self.app_id):
            raise PackageError(f"the Teams app id must be a GUID, got {self.app_id!r}")
        for label, url in (("website", self.website), ("privacy URL", self.privacy_url),
                           ("terms of use URL", self.terms_url)):
            if not url.startswith("https://"):
                raise PackageError(f"the {label} must start with https://, got {url!r}")
        if not _HEX.match(self.accent_color):
            raise PackageError(
                f"the accent colour must look like #2B579A, got {self.accent_color!r}"
            )
        if not 1 <= len(self.short_name) <= 30:
            raise PackageError("the short name must be 1-30 characters")
        if not re.match(r"^\d+\.\d+\.\d+$", self.version):
            raise PackageError(f"the version must be like 1.0.0, got {self.version!r}")

    @property
    def teams_app_id(self) -> str:
        return self.app_id or str(uuid.uuid5(uuid.NAMESPACE_URL, f"mspbot:teams:{self.bot_id}"))


def manifest(info: AppInfo) -> dict[str, Any]:
    info.validate()
    full_name = f"{info.short_name} from {info.msp_name}"[:100]
    return {
        "$schema": SCHEMA_URL,
        "manifestVersion": MANIFEST_VERSION,
        "version": info.version,
        "id": info.teams_app_id,
        "developer": {
            "name": info.msp_name[:32],
            "websiteUrl": info.website,
            "privacyUrl": info.privacy_url,
            "termsOfUseUrl": info.terms_url,
        },
        "name": {"short": info.short_name, "full": full_name},
        "description": {
            "short": "Straight answers about how your IT support works."[:80],
            "full": (
                f"Ask {info.msp_name}'s assistant how your IT support works: what your agreement "
                "covers, why a fix can take longer than the response time, what happens after "
                "hours. It answers from a knowledge base the team curates, shows its sources, "
                "and gets a person whenever you ask or something is urgent."
            ),
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": info.accent_color.upper(),
        "bots": [
            {
                "botId": info.bot_id,
                "scopes": SCOPES,
                "supportsFiles": False,
                "isNotificationOnly": False,
                "commandLists": [
                    {"scopes": ["personal", "groupChat"], "commands": CLIENT_PROMPTS},
                    {"scopes": ["team"], "commands": STAFF_COMMANDS},
                ],
            }
        ],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
        "webApplicationInfo": {"id": info.bot_id, "resource": f"api://botid-{info.bot_id}"},
        "authorization": {"permissions": {"resourceSpecific": RSC_PERMISSIONS}},
    }


# -- PNG ------------------------------------------------------------------------------


def png(width: int, height: int, pixel: Callable[[int, int], Pixel]) -> bytes:
    """An 8-bit RGBA PNG, each row unfiltered."""
    raw = bytearray()
    for y in range(height):
        raw.append(0)
        for x in range(width):
            raw.extend(pixel(x, y))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def _rgb(hex_color: str) -> tuple[int, int, int]:
    value = int(hex_color[1:], 16)
    return (value >> 16) & 255, (value >> 8) & 255, value & 255


def _bubble(x: float, y: float, size: int) -> bool:
    """A speech bubble: a rounded rectangle with a tail, in a size x size square."""
    s = size
    left, right, top, bottom, r = 0.2 * s, 0.8 * s, 0.24 * s, 0.66 * s, 0.1 * s
    cx = min(max(x, left + r), right - r)
    cy = min(max(y, top + r), bottom - r)
    if (x - cx) ** 2 + (y - cy) ** 2 <= r * r and left <= x <= right and top <= y <= bottom:
        return True
    # the tail: a triangle below the bubble's left half
    if bottom <= y <= 0.8 * s:
        t = (y - bottom) / (0.8 * s - bottom)
        return 0.3 * s <= x <= 0.3 * s + (1 - t) * 0.16 * s
    return False


def color_icon(accent: str) -> bytes:
    r, g, b = _rgb(accent)

    def pixel(x: int, y: int) -> Pixel:
        if _bubble(x + 0.5, y + 0.5, COLOR_SIZE):
            return 255, 255, 255, 255
        return r, g, b, 255

    return png(COLOR_SIZE, COLOR_SIZE, pixel)


def outline_icon() -> bytes:
    """White on transparent, as Teams requires of the outline icon."""

    def pixel(x: int, y: int) -> Pixel:
        inside = _bubble(x + 0.5, y + 0.5, OUTLINE_SIZE)
        edge = inside and not all(
            _bubble(x + 0.5 + dx, y + 0.5 + dy, OUTLINE_SIZE)
            for dx, dy in ((-2, 0), (2, 0), (0, -2), (0, 2))
        )
        return (255, 255, 255, 255) if edge else (0, 0, 0, 0)

    return png(OUTLINE_SIZE, OUTLINE_SIZE, pixel)


def write_package(info: AppInfo, path: Path) -> Path:
    data = manifest(info)
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        archive.writestr("color.png", color_icon(info.accent_color))
        archive.writestr("outline.png", outline_icon())
    return path
