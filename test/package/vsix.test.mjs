// The packaged .vsix ships only what a user needs: built bundles, media, README, CHANGELOG, LICENSE,
// package.json. No sources, tests, source maps, certificates or keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ARTIFACTS_DIR, PROJECT_DIR } from "../harness/paths.mjs";

const vsix = path.join(ARTIFACTS_DIR, "azure-token.vsix");
const entries = execFileSync("python3", ["-c", "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", vsix], { encoding: "utf8" })
  .trim().split("\n").filter((e) => e.startsWith("extension/")).map((e) => e.slice("extension/".length));

test("the vsix contains only built bundles, media and the documents", () => {
  const allowed = [/^dist\/extension\.js$/, /^dist\/auth\.js$/, /^dist\/webview\/[\w.-]+\.(js|css|ttf)$/, /^media\/(walkthrough\/)?[\w.-]+$/,
    /^(readme|changelog|license)(\.md|\.txt)?$/i, /^package\.json$/];
  const unexpected = entries.filter((e) => !allowed.some((r) => r.test(e)));
  assert.deepEqual(unexpected, [], `unexpected files in the vsix: ${unexpected.join(", ")}`);
});

test("the vsix has the extension, its lazily loaded auth bundle and the webview", () => {
  const required = [/^dist\/extension\.js$/, /^dist\/auth\.js$/, /^dist\/webview\/main\.js$/, /^dist\/webview\/main\.css$/,
    /^package\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt)?$/i];
  for (const r of required) assert.ok(entries.some((e) => r.test(e)), `${r} matches nothing in the vsix`);
});

test("no sources, tests, maps, certificates or keys ship", () => {
  const forbidden = entries.filter((e) => /\.(ts|map|pem|key|crt|tap|log)$|^(src|test|out|scripts|node_modules|\.tools|\.run)\//.test(e));
  assert.deepEqual(forbidden, []);
});

test("every image the walkthrough shows ships", () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_DIR, "package.json"), "utf8"));
  const images = (manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps).map((s) => s.media?.image).filter(Boolean)
    .flatMap((image) => (typeof image === "string" ? [image] : Object.values(image)));
  assert.ok(images.length > 0, "the walkthrough has images");
  const missing = images.filter((image) => !entries.includes(image));
  assert.deepEqual(missing, [], `walkthrough images missing from the vsix: ${missing.join(", ")}`);
});
