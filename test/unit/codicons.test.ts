// webview-ui/codicons.ts is generated from @vscode/codicons' font by scripts/codicons.mjs: it must be what the script
// writes today, and hold every icon the view names.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

test("webview-ui/codicons.ts is what scripts/codicons.mjs generates (run npm run codicons after changing NAMES)", async () => {
  const { generate, OUT } = await import(path.join(ROOT, "scripts/codicons.mjs"));
  assert.equal(fs.readFileSync(OUT, "utf8"), generate());
});

test("every icon name the view uses is generated, and the font's glyphs are drawn in 16×16", async () => {
  const { CODICONS } = await import("../../webview-ui/codicons");
  const code = ["main.ts", "dom.ts"].map((f) => fs.readFileSync(path.join(ROOT, "webview-ui", f), "utf8")).join("\n");
  const used = new Set([...code.matchAll(/icon\("([\w-]+)"|button\([^,]+,\s*"([\w-]+)"/g)].map((m) => m[1] ?? m[2]));
  assert.ok(used.size > 5, [...used].join(" "));
  for (const name of used) assert.ok(name in CODICONS, `${name} is generated`);
  for (const [name, d] of Object.entries(CODICONS)) {
    const numbers = [...(d as string).matchAll(/-?\d+(\.\d+)?/g)].map((m) => Number(m[0]));
    assert.ok(numbers.length > 4 && numbers.every((n) => n >= 0 && n <= 16), `${name} lies in the 16×16 box`);
  }
});
