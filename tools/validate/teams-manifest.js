#!/usr/bin/env node
// Validate a Teams app manifest with Microsoft's own packages, offline:
// - @microsoft/teams-manifest: ManifestUtil.validateManifestAgainstSchema(manifest, schema);
// - @microsoft/app-manifest: AppManifestUtils.validateAgainstSchema(manifest), which finds
//   the published schema named by the manifest's $schema among the schemas it ships, and
//   TeamsManifestConverter.jsonToManifest, its typed reading of the manifest.
// Both packages' own validateManifest() would download the schema; the network is closed,
// so the schema comes from the copy @microsoft/app-manifest ships for manifestVersion, and
// any attempt to fetch fails loudly instead.
//
// stdin:  the manifest JSON
// stdout: {"manifestVersion": "1.19", "schema": "<path>", "teams_manifest": [...],
//          "app_manifest": [...], "type_check": [...]}  (each list: error strings)
// Exit 0 when the checks ran; 2 on unreadable input or an unknown manifestVersion.
"use strict";

const fs = require("fs");
const path = require("path");

globalThis.fetch = async (url) => {
  throw new Error(`teams-manifest: refusing to fetch ${url} (validation must stay offline)`);
};

const { ManifestUtil } = require("@microsoft/teams-manifest");
const { AppManifestUtils, TeamsManifestConverter } = require("@microsoft/app-manifest");

function fail(message) {
  process.stderr.write(`teams-manifest: ${message}\n`);
  process.exit(2);
}

function schemaFor(version) {
  if (typeof version !== "string" || !/^(\d+\.\d+|devPreview)$/.test(version)) {
    fail(`manifestVersion must look like 1.19, got ${JSON.stringify(version)}`);
  }
  const root = path.join(path.dirname(require.resolve("@microsoft/app-manifest/package.json")),
    "build", "json-schemas", "teams");
  const file = path.join(root, `v${version}`, "MicrosoftTeams.schema.json");
  if (!fs.existsSync(file)) {
    const known = fs.readdirSync(root).filter((d) => d.startsWith("v")).sort().join(", ");
    fail(`@microsoft/app-manifest ships no schema for manifestVersion ${version} (it has ${known})`);
  }
  // The published schemas spell two control characters as \a and \v, which JavaScript
  // regular expressions do not accept; Microsoft's packages rewrite them the same way.
  const text = fs.readFileSync(file, "utf8").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  return { file, schema: JSON.parse(text) };
}

async function main(text) {
  let manifest;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    fail(`stdin is not JSON: ${error.message}`);
  }
  if (manifest === null || typeof manifest !== "object" || Array.isArray(manifest)) {
    fail("stdin must be a manifest object");
  }
  const { file, schema } = schemaFor(manifest.manifestVersion);
  const out = { manifestVersion: manifest.manifestVersion, schema: file };
  out.teams_manifest = await ManifestUtil.validateManifestAgainstSchema(manifest, schema);
  try {
    out.app_manifest = await AppManifestUtils.validateAgainstSchema(manifest);
  } catch (error) {
    out.app_manifest = [`could not validate: ${error.message}`];
  }
  try {
    TeamsManifestConverter.jsonToManifest(text);
    out.type_check = [];
  } catch (error) {
    out.type_check = [error.message];
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  main(input).catch((error) => fail(error.stack || String(error)));
});
