"""`mspbot teams package`: the zip, its manifest (checked against the published schema)
and the icons (decoded here, byte by byte)."""

from __future__ import annotations

import json
import struct
import zipfile
import zlib
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from adapters.teams.package import MANIFEST_VERSION, AppInfo, PackageError, manifest
from bot.cli import cli
from tests.teams.harness import APP_ID
from tests.validators.test_teams_manifest import published_schema


@pytest.fixture(scope="module")
def schema() -> dict[str, object]:
    return published_schema(MANIFEST_VERSION)


def decode_png(data: bytes) -> tuple[int, int, list[list[tuple[int, int, int, int]]]]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, {}
    idat = b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        assert zlib.crc32(kind + body) & 0xFFFFFFFF == crc, kind
        chunks[kind] = body
        if kind == b"IDAT":
            idat += body
        pos += 12 + length
    order = list(chunks)
    assert order[0] == b"IHDR" and order[-1] == b"IEND"
    width, height, depth, color_type, _c, _f, _i = struct.unpack(">IIBBBBB", chunks[b"IHDR"])
    assert (depth, color_type) == (8, 6)  # 8-bit RGBA
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    assert len(raw) == stride * height
    rows = []
    for y in range(height):
        line = raw[y * stride:(y + 1) * stride]
        assert line[0] == 0  # unfiltered rows
        rows.append([tuple(line[1 + x * 4:5 + x * 4]) for x in range(width)])
    return width, height, rows  # type: ignore[return-value]


def run_package(tmp_path: Path, *extra: str) -> Path:
    out = tmp_path / "app.zip"
    result = CliRunner().invoke(cli, [
        "teams", "package", "--bot-id", APP_ID, "--msp-name", "Northwind IT",
        "--website", "https://northwind.example", "-o", str(out), *extra,
    ])
    assert result.exit_code == 0, result.output
    return out


def test_package_zip_has_a_schema_valid_manifest_and_icons(
    tmp_path: Path, schema: dict[str, object]
) -> None:
    out = run_package(tmp_path)
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "manifest.json", "outline.png"]
        data = json.loads(archive.read("manifest.json"))
        color = decode_png(archive.read("color.png"))
        outline = decode_png(archive.read("outline.png"))
    jsonschema.Draft4Validator(schema).validate(data)
    assert data["manifestVersion"] == "1.25"
    assert data["bots"][0]["botId"] == APP_ID
    assert data["developer"]["privacyUrl"] == "https://northwind.example/privacy"
    assert set(data["bots"][0]["scopes"]) == {"personal", "team", "groupChat"}
    assert color[:2] == (192, 192)
    assert outline[:2] == (32, 32)
    # colour icon: opaque, accent background with a white mark
    pixels = {p for row in color[2] for p in row}
    assert all(p[3] == 255 for p in pixels) and (255, 255, 255, 255) in pixels
    # outline icon: only white or fully transparent, and some of each
    outline_pixels = {p for row in outline[2] for p in row}
    assert outline_pixels == {(255, 255, 255, 255), (0, 0, 0, 0)}


def test_same_bot_gives_the_same_teams_app_id(tmp_path: Path) -> None:
    one = manifest(AppInfo(APP_ID, "A", "https://a.example", "https://a.example/p",
                           "https://a.example/t"))
    two = manifest(AppInfo(APP_ID, "B", "https://b.example", "https://b.example/p",
                           "https://b.example/t"))
    assert one["id"] == two["id"] != APP_ID


def test_schema_check_can_fail(schema: dict[str, object]) -> None:
    data = manifest(AppInfo(APP_ID, "A", "https://a.example", "https://a.example/p",
                            "https://a.example/t"))
    del data["developer"]["privacyUrl"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate(data)


def test_staff_commands_are_listed_only_in_the_staff_scope() -> None:
    data = manifest(AppInfo(APP_ID, "A", "https://a.example", "https://a.example/p",
                            "https://a.example/t"))
    lists = {tuple(c["scopes"]): [cmd["title"] for cmd in c["commands"]]
             for c in data["bots"][0]["commandLists"]}
    assert not any(t.startswith("kb") for t in lists[("personal", "groupChat")])
    assert "Is the weekend covered?" in lists[("personal", "groupChat")]  # prompt starters
    assert "kb add" in lists[("team",)]


def test_channel_replies_reach_the_bot_by_resource_specific_consent() -> None:
    data = manifest(AppInfo(APP_ID, "A", "https://a.example", "https://a.example/p",
                            "https://a.example/t"))
    rsc = data["authorization"]["permissions"]["resourceSpecific"]
    assert {"name": "ChannelMessage.Read.Group", "type": "Application"} in rsc
    assert data["webApplicationInfo"]["id"] == APP_ID


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"bot_id": "not-a-guid"}, "GUID"),
        ({"website": "http://insecure.example"}, "https://"),
        ({"accent_color": "blue"}, "accent"),
        ({"short_name": "x" * 31}, "1-30"),
        ({"version": "1.0"}, "1.0.0"),
    ],
)
def test_bad_package_input_is_refused(changes: dict[str, str], message: str) -> None:
    values = {"bot_id": APP_ID, "msp_name": "A", "website": "https://a.example",
              "privacy_url": "https://a.example/p", "terms_url": "https://a.example/t"}
    values.update(changes)
    with pytest.raises(PackageError, match=message):
        manifest(AppInfo(**values))


def test_cli_reports_bad_input_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, [
        "teams", "package", "--bot-id", "nope", "--msp-name", "N", "--website", "https://n.example",
        "-o", str(tmp_path / "x.zip"),
    ])
    assert result.exit_code != 0 and "GUID" in result.output
    assert not (tmp_path / "x.zip").exists()
