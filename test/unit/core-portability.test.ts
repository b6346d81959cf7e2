import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The token core runs in the extension host and in the webview bundle: no vscode, no @azure/identity,
// no Node built-ins, no Buffer/process/require.
const CORE = ["jwt", "ids", "claimCatalogue", "claimValues", "resourceCatalogue", "resources", "clouds", "scopes", "diagnostics", "timeFindings", "timeFormat", "copyFormats", "redact", "claimsDiff", "expirySchedule", "validation", "profiles", "aadsts", "authErrors"];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../src/core");

for (const name of CORE) {
  test(`src/core/${name}.ts is portable`, () => {
    const src = fs.readFileSync(path.join(root, `${name}.ts`), "utf8");
    const imports = [...src.matchAll(/^\s*(?:import|export)[^;]*?from\s+["']([^"']+)["']/gm)].map((m) => m[1]);
    for (const spec of imports) {
      assert.match(spec, /^\.\/[A-Za-z]+$/, `${name}.ts imports ${spec}: only sibling core modules, without extension`);
      assert.ok(CORE.includes(spec.slice(2)), `${name}.ts imports ${spec}, outside the portable set`);
    }
    const code = src.replace(/\/\/.*$/gm, "").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const banned of [/\bBuffer\b/, /\bprocess\./, /\brequire\(/, /["']vscode["']/, /@azure\/identity/, /["']node:/]) {
      assert.ok(!banned.test(code), `${name}.ts uses ${banned}`);
    }
  });
}
