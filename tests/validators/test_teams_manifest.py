"""The Teams app manifest that `adapters/teams/package.py` zips, checked by Microsoft's
packages (tools/validate/teams-manifest.js: @microsoft/teams-manifest's
ManifestUtil.validateManifestAgainstSchema, @microsoft/app-manifest's
AppManifestUtils.validateAgainstSchema and its typed reader), and by jsonschema against
the published schema. The schema is always the one for the manifest's own manifestVersion,
so moving the package to a newer version moves these checks with it."""

from __future__ import annotations

import copy
import json
import re
import zipfile
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from adapters.teams.package import AppInfo, write_package
from tests.validators.conftest import NODE_MODULES, ROOT, Node, unavailable

BOT_ID = "6f0b6f9e-2a39-4a6c-9d7e-0f6c1d2b3a4e"
VENDORED = ROOT / "tests" / "teams" / "schema"
SHIPPED = NODE_MODULES / "@microsoft" / "app-manifest" / "build" / "json-schemas" / "teams"
CHECKS = ("teams_manifest", "app_manifest", "type_check")


def packaged_manifest(tmp_path: Path) -> dict[str, Any]:
    info = AppInfo(BOT_ID, "Northwind IT", "https://northwind.example",
                   "https://northwind.example/privacy", "https://northwind.example/terms")
    with zipfile.ZipFile(write_package(info, tmp_path / "app.zip")) as archive:
        data: dict[str, Any] = json.loads(archive.read("manifest.json"))
    return data


def at_version(manifest: dict[str, Any], version: str) -> dict[str, Any]:
    moved = copy.deepcopy(manifest)
    moved["manifestVersion"] = version
    moved["$schema"] = re.sub(r"/v[\d.]+/", f"/v{version}/", moved["$schema"])
    return moved


def published_schema(version: str) -> dict[str, Any]:
    """The published schema for `version`: the copy in tests/teams/schema if there is one,
    else the one @microsoft/app-manifest ships."""
    for path in (VENDORED / f"MicrosoftTeams.v{version}.schema.json",
                 SHIPPED / f"v{version}" / "MicrosoftTeams.schema.json"):
        if path.exists():
            schema: dict[str, Any] = json.loads(path.read_text("utf-8"))
            return schema
    unavailable(f"no schema for manifestVersion {version} in {VENDORED} or {SHIPPED} "
                "(`npm ci --prefix tools/validate` installs the published ones)")


def schema_errors(manifest: dict[str, Any]) -> list[str]:
    schema = published_schema(manifest["manifestVersion"])
    validator = jsonschema.validators.validator_for(schema)(schema)
    return [f"{'/'.join(map(str, e.absolute_path)) or '(root)'}: {e.message}"
            for e in validator.iter_errors(manifest)]


def test_schema_url_names_the_manifest_version(tmp_path: Path) -> None:
    manifest = packaged_manifest(tmp_path)
    assert f"/v{manifest['manifestVersion']}/" in manifest["$schema"]


def test_manifest_matches_the_published_schema_of_its_version(tmp_path: Path) -> None:
    manifest = packaged_manifest(tmp_path)
    assert schema_errors(manifest) == []


def test_jsonschema_check_can_fail(tmp_path: Path) -> None:
    manifest = packaged_manifest(tmp_path)
    del manifest["developer"]["privacyUrl"]
    manifest["bots"][0]["scopes"] = ["everyone"]
    errors = schema_errors(manifest)
    assert any("privacyUrl" in e for e in errors), errors
    assert any(e.startswith("bots/0/scopes/0") for e in errors), errors


def test_manifest_passes_microsofts_validators(node: Node, tmp_path: Path) -> None:
    manifest = packaged_manifest(tmp_path)
    result = node.report("teams-manifest.js", manifest)
    assert Path(result["schema"]).parent.name == f"v{manifest['manifestVersion']}"
    for check in CHECKS:
        assert result[check] == [], f"{check}: {result[check]}"


def test_microsofts_validators_can_fail(node: Node, tmp_path: Path) -> None:
    manifest = packaged_manifest(tmp_path)
    del manifest["developer"]["privacyUrl"]
    manifest["accentColor"] = "blue"
    result = node.report("teams-manifest.js", manifest)
    for check in ("teams_manifest", "app_manifest"):
        assert any("privacyUrl" in e for e in result[check]), result[check]
        assert any("/accentColor" in e for e in result[check]), result[check]
    assert any("privacyUrl" in e for e in result["type_check"]), result["type_check"]


@pytest.mark.parametrize("version", ["1.25", "1.30"])
def test_the_schema_follows_manifest_version(node: Node, tmp_path: Path, version: str) -> None:
    """Moved to a newer manifestVersion, the same content is checked against that
    version's schema, by both validators."""
    moved = at_version(packaged_manifest(tmp_path), version)
    result = node.report("teams-manifest.js", moved)
    assert Path(result["schema"]).parent.name == f"v{version}"
    assert result["manifestVersion"] == version


def test_an_unknown_manifest_version_is_refused(node: Node, tmp_path: Path) -> None:
    moved = at_version(packaged_manifest(tmp_path), "9.99")
    done = node.run([str(NODE_MODULES.parent / "teams-manifest.js")], json.dumps(moved))
    assert done.returncode == 2
    assert "no schema for manifestVersion 9.99" in done.stderr
