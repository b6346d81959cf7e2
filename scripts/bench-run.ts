// The measurements behind `npm run bench` (see scripts/bench.mjs). Runs under tsx with --expose-gc.
import Module from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { explainClaim } from "../src/core/claimCatalogue";
import { diagnose } from "../src/core/diagnostics";
import { decodeToken } from "../src/core/jwt";
import { redact } from "../src/core/redact";

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
const now = Math.floor(Date.now() / 1000);
const token = [
  b64({ typ: "JWT", alg: "RS256", kid: "bench-key" }),
  b64({ aud: "https://management.azure.com", iss: "https://sts.windows.net/8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90/", iat: now, nbf: now, exp: now + 3600,
    acr: "1", amr: ["pwd", "mfa"], appid: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", appidacr: "0", idtyp: "user", ipaddr: "127.0.0.1",
    name: "Bench User", oid: "a11ce0a1-2f4b-4c8e-9d17-3b6e5f0c9a21", scp: "user_impersonation", sub: "bench-subject",
    tid: "8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90", unique_name: "bench@contoso.test", upn: "bench@contoso.test", uti: "abc", ver: "1.0",
    wids: ["62e90394-69f5-4237-9190-012177145e10", "b79fbf4d-3ef9-4689-8143-76b194e85509"], xms_tcdt: 1600000000, groups: Array.from({ length: 50 }, (_, i) => `group-${i}`) }),
  "c2lnbmF0dXJl".repeat(30),
].join(".");

function timeIt(iterations: number, fn: () => unknown): number {
  for (let i = 0; i < 200; i++) fn(); // warm-up
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn();
  return (performance.now() - start) / iterations;
}

const baseline = timeIt(5000, () => JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString()));
const full = timeIt(5000, () => {
  const decoded = decodeToken(token);
  if (decoded.kind === "jws") for (const [k, v] of Object.entries(decoded.payload)) explainClaim(k, v);
  return diagnose(decoded, { nowMs: Date.now(), expected: { audience: "https://management.azure.com/.default" } });
});
console.log(`decode+explain+diagnose: ${(full * 1000).toFixed(1)} µs per token, ${(full / baseline).toFixed(1)}× a bare JSON.parse (${(baseline * 1000).toFixed(1)} µs)`);

// Loading cost of the two host bundles, with a stub for the 'vscode' module.
const resolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
(Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename = function (request: unknown, ...rest: unknown[]) {
  return request === "vscode" ? path.resolve("scripts/bench-vscode-stub.cjs") : resolve.call(this, request, ...rest);
};
const load = (file: string) => { const t = performance.now(); require(path.resolve(file)); return performance.now() - t; };
const ext = load("dist/extension.js");
const auth = load("dist/auth.js");
console.log(`load dist/extension.js (activation): ${ext.toFixed(1)} ms; dist/auth.js (first token request): ${auth.toFixed(1)} ms; activation pays ${(ext / auth * 100).toFixed(0)}% of what an eager load would add`);

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const before = process.memoryUsage().heapUsed;
const held = Array.from({ length: 1000 }, () => decodeToken(token));
gc?.();
const perView = (process.memoryUsage().heapUsed - before) / held.length;
console.log(`heap per decoded token: ${(perView / 1024).toFixed(1)} KiB, ${(perView / (token.length * 2)).toFixed(1)}× the token string`);

// The one redactor over 5 MB of log lines (tokens, OAuth parameters, Entra's messages, prose), against escaping the
// same text as a JSON string (one linear pass that copies every character): linear, so the ratio stays put as the
// text grows. The budget is 50 ms; test/unit/core-redact-property.test.ts fails it at 500 ms.
const line = (i: number) => `[info] ${i} POST https://login.microsoftonline.com/common/oauth2/v2.0/token?client_id=04b07795&code=0.AXYZ${i}&state=${i}\n` +
  `[info] Authorization: Bearer ${token} {"access_token":"${token}","refresh_token":"0.AAA${i}","expires_in":3599}\n` +
  `[warn] AADSTS50076: you must use multi-factor authentication. Trace ID: 0000aaaa-11bb-cccc-dd22-eeeeee333333 https://login.microsoftonline.com/error?code=50076\n` +
  "[info] The quick brown fox jumps over the lazy dog; nothing here is a secret, and nothing here is changed.\n";
const lines: string[] = [];
for (let n = 0, i = 0; n < 5 * 1024 * 1024; i++) { lines.push(line(i)); n += lines[i].length; }
const logText = lines.join("").slice(0, 5 * 1024 * 1024);
const best = (fn: () => unknown) => Math.min(...Array.from({ length: 5 }, () => { const t = performance.now(); fn(); return performance.now() - t; }));
const redactMs = best(() => redact(logText, ["registered-secret-1"]));
const escapeMs = best(() => JSON.stringify(logText));
console.log(`redact: ${redactMs.toFixed(1)} ms per 5 MB of log text, ${(redactMs / escapeMs).toFixed(1)}× a JSON.stringify of it (${escapeMs.toFixed(1)} ms)`);
