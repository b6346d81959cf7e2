// The bench's in-process metrics (see scripts/bench.mjs): decode, analyzeUs, garbageRejectMs, hoverMs, cachedToken and
// firstToken, each against a baseline measured in the same rounds. Runs under tsx with --expose-gc, the network guard
// and ./vscode-stub.cjs preloaded; FAKE_ENTRA_INFO names the local Entra ID. Writes its metrics as JSON to argv[2].
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ClientSecretCredential } from "@azure/identity";
import * as jose from "jose";
import { jwtDecode } from "jwt-decode";
import type * as AuthModule from "../../src/auth/index";
import { explainClaim } from "../../src/core/claimCatalogue";
import { diagnose } from "../../src/core/diagnostics";
import { decodeToken } from "../../src/core/jwt";
import { registerJwtHover } from "../../src/editor/hoverRegistration";
import { jwtHoverProvider } from "../../src/editor/jwtHover";
import { combined, interleave, leastMs, metric, opsPerSecond } from "./stats.mjs";
import { benchTokens, garbageText } from "./tokens.mjs";

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const quick = process.env.AZURE_TOKEN_BENCH_QUICK === "1"; // the unit test: every metric, few rounds
const ROUNDS = quick ? 3 : 15;
const tokens: string[] = Object.values(benchTokens());

/** Our decode with its error reporting: header, payload and the signature's presence, or the message naming the part. */
function ours(token: string): unknown {
  const d = decodeToken(token);
  if (d.kind !== "jws") throw new Error("bench token did not decode");
  return d;
}
function viaJose(token: string): unknown {
  return [jose.decodeProtectedHeader(token), jose.decodeJwt(token)];
}
function viaJwtDecode(token: string): unknown {
  return [jwtDecode(token, { header: true }), jwtDecode(token)];
}
const overTokens = (fn: (t: string) => unknown) => () => { for (const t of tokens) fn(t); };

async function decodeMetric() {
  const ms = quick ? 20 : 150;
  for (const fn of [ours, viaJose, viaJwtDecode]) opsPerSecond(overTokens(fn), 200); // warm-up: every path compiled
  const s = await interleave(ROUNDS, {
    ours: () => opsPerSecond(overTokens(ours), ms) * tokens.length,
    jose: () => opsPerSecond(overTokens(viaJose), ms) * tokens.length,
    jwtDecode: () => opsPerSecond(overTokens(viaJwtDecode), ms) * tokens.length,
  });
  const jwtDecodeRatios = s.ours.map((v: number, i: number) => v / s.jwtDecode[i]);
  return metric({
    unit: "decodes/s", values: s.ours, baselines: s.jose, goal: { on: "ratio", min: 1.0 },
    compares: "our decodeToken (header, payload, signature presence, per-part errors) ÷ jose decodeProtectedHeader + decodeJwt, v1 delegated / v2 app-only / Graph nonce tokens",
    extra: { beside: { "jwt-decode": metric({ unit: "decodes/s", values: s.jwtDecode, goal: { on: "value", min: 0 }, compares: "jwt-decode header + payload" }).value, ratioToJwtDecode: metric({ unit: "×", values: jwtDecodeRatios, goal: { on: "value", min: 0 }, compares: "" }).value } },
  });
}

function analyze(token: string): unknown {
  const decoded = decodeToken(token);
  if (decoded.kind === "jws") for (const [k, v] of Object.entries(decoded.payload)) explainClaim(k, v);
  return diagnose(decoded, { nowMs: Date.now(), expected: { audience: "https://management.azure.com/.default" } });
}

async function analyzeMetric() {
  const ms = quick ? 20 : 150;
  opsPerSecond(overTokens(analyze), 200);
  const s = await interleave(ROUNDS, {
    ours: () => 1e6 / (opsPerSecond(overTokens(analyze), ms) * tokens.length),
    jose: () => 1e6 / (opsPerSecond(overTokens(viaJose), ms) * tokens.length),
  });
  return metric({ unit: "µs", values: s.ours, baselines: s.jose, goal: { on: "value", max: 1000 },
    compares: "decode + every claim's explanation + diagnostics per token; baseline: jose's bare decode of it" });
}

async function garbageMetric() {
  const texts = { "1MB": garbageText(1024 * 1024), "5MB": garbageText(5 * 1024 * 1024) };
  const parts: Record<string, unknown> = {};
  for (const [size, text] of Object.entries(texts)) {
    const rejectOurs = () => { const d = decodeToken(text); if (d.kind !== "error" || !d.message) throw new Error("garbage was not rejected with a message"); };
    const rejectJose = () => { try { jose.decodeJwt(text); } catch { return; } throw new Error("jose took garbage"); };
    const s = await interleave(quick ? 2 : 7, { ours: () => leastMs(rejectOurs, 3), jose: () => leastMs(rejectJose, 3) });
    parts[size] = metric({ unit: "ms", values: s.ours, baselines: s.jose, goal: { on: "value", max: 10 },
      compares: `${size} of random printable text rejected with its message; baseline: jose.decodeJwt rejecting it` });
  }
  return combined(parts as never, "1 MB and 5 MB of random printable text rejected with a message");
}

/** A 5,000-line file holding 20 JWTs, as VS Code hands it to the hover provider. */
function benchDocument() {
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) {
    lines.push(i % 250 === 7 ? `  "authorization": "Bearer ${tokens[(i / 250) % tokens.length | 0]}",` : `  "line${i}": "some configuration value number ${i}, nothing secret here",`);
  }
  const starts: number[] = [];
  for (let i = 0, at = 0; i < lines.length; i++) { starts.push(at); at += lines[i].length + 1; }
  return {
    lines,
    document: {
      uri: { toString: () => "file:///bench/requests.http" },
      lineCount: lines.length,
      lineAt: (line: number) => ({ text: lines[line] }),
      offsetAt: (p: { line: number; character: number }) => starts[p.line] + p.character,
    },
  };
}

async function hoverMetric() {
  const stub = require("vscode") as { hoverProviders: { provideHover(d: unknown, p: unknown): unknown }[]; Position: new (l: number, c: number) => unknown };
  // As activation registers it, with the provider it loads on the first line holding a JWT.
  const provider0 = jwtHoverProvider(() => true);
  registerJwtHover(() => provider0);
  const provider = stub.hoverProviders.at(-1)!;
  const { document, lines } = benchDocument();
  const atJwt = new stub.Position(7, lines[7].indexOf("eyJ") + 40);
  const noJwt = new stub.Position(2500, 20);
  // Baselines: at a JWT, jose decoding that JWT (the least a hover built on it would do); elsewhere, reading the line.
  const atJwtToken = lines[7].slice(lines[7].indexOf("eyJ"), lines[7].lastIndexOf('"'));
  const baselineAt = (p: { line: number }) => (p.line === 7 ? () => viaJose(atJwtToken) : () => /eyJ/.test(document.lineAt(p.line).text));
  const hoverAt = (p: unknown, expect: boolean) => () => { if ((provider.provideHover(document, p) !== undefined) !== expect) throw new Error("unexpected hover"); };
  const perCallMs = (fn: () => unknown) => 1000 / opsPerSecond(fn, quick ? 10 : 60);
  const parts: Record<string, unknown> = {};
  for (const [name, p, expect, max] of [["atJwt", atJwt, true, 5], ["noJwt", noJwt, false, 1]] as const) {
    perCallMs(hoverAt(p, expect));
    const s = await interleave(ROUNDS, { ours: () => perCallMs(hoverAt(p, expect)), base: () => perCallMs(baselineAt(p as { line: number })) });
    parts[name] = metric({ unit: "ms", values: s.ours, baselines: s.base, goal: { on: "value", max },
      compares: name === "atJwt" ? "the hover provider at a JWT in a 5,000-line file holding 20 JWTs; baseline: jose decoding that JWT"
        : "the hover provider on a line without a JWT in that file; baseline: reading the line and testing it for \"eyJ\"" });
  }
  return combined(parts as never, "the hover provider at a JWT / on a line without one");
}

interface EntraInfo { url: string; tenantId: string; confidentialClientId: string; confidentialClientSecret: string; apiIdentifierUri: string }

async function tokenMetrics() {
  const info = JSON.parse(process.env.FAKE_ENTRA_INFO ?? "null") as EntraInfo | null;
  if (!info) throw new Error("FAKE_ENTRA_INFO is not set");
  // The shipped bundle (production build), as the extension loads it on the first token request.
  const auth = require(path.join(root, "dist/auth.js")) as typeof AuthModule;
  const secretKey = "azureToken.secret.bench";
  const secrets = { get: async (k: string) => (k === secretKey ? info.confidentialClientSecret : undefined), store: async () => {}, delete: async () => {} };
  const scope = `${info.apiIdentifierUri}/.default`;
  const request = {
    credential: "clientSecret" as const, cloud: "Custom" as const, authorityHost: info.url, disableInstanceDiscovery: true,
    tenant: info.tenantId, clientId: info.confidentialClientId, scopes: [scope], secretKey,
  };
  const options = () => ({ signal: new AbortController().signal, interaction: "never" as const });
  // One sample is the mean of a few calls: a single token request to a loopback Entra (~5 ms) is too noisy to compare.
  const timed = async (fn: () => Promise<unknown>, calls = 4) => {
    const t = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    return (performance.now() - t) / calls;
  };
  const bare = () => new ClientSecretCredential(info.tenantId, info.confidentialClientId, info.confidentialClientSecret,
    { authorityHost: info.url, disableInstanceDiscovery: true }).getToken(scope);
  const held = auth.createAuthService({ secrets, env: {} });
  await held.acquire(request, options());
  await bare();
  await timed(() => auth.createAuthService({ secrets, env: {} }).acquire(request, options()));
  const rounds = quick ? 3 : 15;
  const s = await interleave(rounds, {
    first: () => timed(() => auth.createAuthService({ secrets, env: {} }).acquire(request, options())),
    bare: () => timed(bare),
    // The median of 20 answers of an already-held, unexpired token: one answer is far below the timer's resolution.
    cached: async () => { const t = performance.now(); for (let i = 0; i < 20; i++) await held.acquire(request, options()); return (performance.now() - t) / 20; },
  });
  return {
    cachedToken: metric({ unit: "ms", values: s.cached, baselines: s.bare, goal: { on: "ratio", max: 0.01 },
      compares: "the extension's auth service answering an already-held, unexpired token for the same request ÷ a bare ClientSecretCredential's first getToken against the local Entra ID" }),
    firstToken: metric({ unit: "ms", values: s.first, baselines: s.bare, goal: { on: "ratio", max: 1.2 },
      compares: "the extension's auth service getting a first token for a client-secret profile (no UI) ÷ a bare ClientSecretCredential.getToken against the same local Entra ID" }),
  };
}

const results = {
  decode: await decodeMetric(),
  analyzeUs: await analyzeMetric(),
  garbageRejectMs: await garbageMetric(),
  hoverMs: await hoverMetric(),
  ...await tokenMetrics(),
};
fs.writeFileSync(process.argv[2], JSON.stringify(results, null, 2));
