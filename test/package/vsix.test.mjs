// The packaged .vsix ships only what a user needs: built bundles, media, README, CHANGELOG, LICENSE,
// package.json. No sources, tests, source maps, certificates or keys.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import path from "node:path";
import { ARTIFACTS_DIR } from "../harness/paths.mjs";

const vsix = path.join(ARTIFACTS_DIR, "azure-token.vsix");
const entries = execFileSync("python3", ["-c", "import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", vsix], { encoding: "utf8" })
  .trim().split("\n").filter((e) => e.startsWith("extension/")).map((e) => e.slice("extension/".length));

test("the vsix contains only built bundles, media and the documents", () => {
  const allowed = [/^dist\/extension\.js$/, /^dist\/auth\.js$/, /^dist\/verify\.js$/, /^dist\/webview\/[\w.-]+\.(js|css|ttf)$/, /^media\/[\w.-]+$/,
    /^(readme|changelog|license)(\.md|\.txt)?$/i, /^package\.json$/];
  const unexpected = entries.filter((e) => !allowed.some((r) => r.test(e)));
  assert.deepEqual(unexpected, [], `unexpected files in the vsix: ${unexpected.join(", ")}`);
});

test("the vsix has the extension, its lazily loaded auth and verify bundles and the webview", () => {
  const required = [/^dist\/extension\.js$/, /^dist\/auth\.js$/, /^dist\/verify\.js$/, /^dist\/webview\/main\.js$/, /^dist\/webview\/main\.css$/,
    /^package\.json$/, /^readme\.md$/i, /^changelog\.md$/i, /^license(\.txt)?$/i];
  for (const r of required) assert.ok(entries.some((e) => r.test(e)), `${r} matches nothing in the vsix`);
});

test("no sources, tests, maps, certificates or keys ship", () => {
  const forbidden = entries.filter((e) => /\.(ts|map|pem|key|crt|tap|log)$|^(src|test|out|scripts|node_modules|\.tools|\.run)\//.test(e));
  assert.deepEqual(forbidden, []);
});

test("activation loads neither @azure/identity nor jose: they sit in the bundles loaded when first needed", () => {
  const read = (entry) => execFileSync("python3", ["-c", "import sys,zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", vsix, `extension/${entry}`],
    { encoding: "utf8", maxBuffer: 16 * 1024 * 1024 });
  const [extension, auth, verify] = ["dist/extension.js", "dist/auth.js", "dist/verify.js"].map(read);
  const jose = "JWSSignatureVerificationFailed"; // a jose error class name
  const msal = "msal-node"; // @azure/identity's MSAL
  assert.ok(verify.includes(jose) && !extension.includes(jose), "jose is in dist/verify.js only");
  assert.ok(auth.includes(msal) && !extension.includes(msal), "@azure/identity is in dist/auth.js only");
  assert.ok(!auth.includes(jose) && !verify.includes(msal), "neither lazy bundle carries the other");
});
