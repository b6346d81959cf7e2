// `npm run bench` keeps working: it loads the built bundles outside VS Code, which breaks silently when module-level
// code needs more of the 'vscode' stub. Only the shape of its report is checked, never the numbers' size.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("npm run bench measures all four ratios", () => {
  const run = spawnSync(process.execPath, [path.join(root, "scripts/bench.mjs")], { cwd: root, encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const number = String.raw`(\d+(?:\.\d+)?)`;
  for (const line of [
    new RegExp(String.raw`^decode\+explain\+diagnose: ${number} µs per token, ${number}× a bare JSON\.parse`, "m"),
    new RegExp(String.raw`^load dist/extension\.js \(activation\): ${number} ms; dist/auth\.js \(first token request\): ${number} ms`, "m"),
    new RegExp(String.raw`^heap per decoded token: -?${number} KiB`, "m"),
    new RegExp(String.raw`^redact: ${number} ms per 5 MB of log text, ${number}× a JSON\.stringify of it`, "m"),
  ]) assert.match(run.stdout, line);
});
