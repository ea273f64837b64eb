#!/usr/bin/env node
// Parse Adaptive Cards with the official `adaptivecards` library and report every event it
// logs: parse events (unknown types, invalid property values, properties newer than the
// card's declared version) and validation events (duplicate ids, inputs without labels or
// error messages, ...).
//
// stdin:  {"name": <card JSON>, ...}
// stdout: {"name": [{"phase": "Parse", "event": "InvalidPropertyValue",
//                    "source": "TextBlock", "id": "<element id, if any>",
//                    "message": "..."}], ...}
// Exit 0 when the input was read (events or not); 2 on unreadable input.
"use strict";

// The package's `main` (lib/) is ES modules without file extensions, for bundlers; the
// UMD build in dist/ loads in Node as it is. Parsing and validation need no DOM.
const AC = require("adaptivecards/dist/adaptivecards.js");

function describe(event) {
  const source = event.source && typeof event.source.getJsonTypeName === "function"
    ? event.source.getJsonTypeName()
    : undefined;
  return {
    phase: AC.ValidationPhase[event.phase],
    event: AC.ValidationEvent[event.event],
    source,
    id: event.source && event.source.id ? event.source.id : undefined,
    message: event.message,
  };
}

function check(json) {
  const declared = AC.Version.parse(json && json.version, new AC.SerializationContext());
  // Parse against the version the card declares, so a property newer than that is reported.
  const context = new AC.SerializationContext(declared && declared.isValid ? declared : undefined);
  const card = new AC.AdaptiveCard();
  card.parse(json, context);
  const events = [];
  for (let i = 0; i < context.eventCount; i++) {
    events.push(describe(context.getEventAt(i)));
  }
  for (const event of card.validateProperties().validationEvents) {
    events.push(describe(event));
  }
  return events;
}

function main(text) {
  let cards;
  try {
    cards = JSON.parse(text);
  } catch (error) {
    process.stderr.write(`adaptive-cards: stdin is not JSON: ${error.message}\n`);
    process.exit(2);
  }
  if (cards === null || typeof cards !== "object" || Array.isArray(cards)) {
    process.stderr.write("adaptive-cards: stdin must be an object of name -> card\n");
    process.exit(2);
  }
  const out = {};
  for (const [name, card] of Object.entries(cards)) {
    out[name] = check(card);
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => main(input));
