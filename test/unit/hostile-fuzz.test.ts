// Total functions from decode to pixels (issue 12, item 3). At least 100,000 seeded inputs — Entra-like tokens with
// mutated claims and broken parts, random strings, and the known hostile cases — go through every step a token takes
// in the extension: decode → diagnostics → view model (claims, explanations, time findings, history, claims diff)
// → hover text → status bar tooltip → every Copy as format → Verify signature's preflight, and every 100th through
// the webview's own rendering code on a fake DOM. Each step must answer with a result or a specific message:
// 0 throws, no fallback ("could not be shown") for a decoded token, no invisible character reaching a person, and no
// input over 50 ms.
//
//   AZURE_TOKEN_FUZZ_SEED=<n>   replay a run (the seed is printed at the start and in every failure); =random: a new seed
//   AZURE_TOKEN_FUZZ_COUNT=<n>  how many generated inputs (default 100,000)
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { MAX_CHALLENGES, parseChallenge } from "../../src/core/challenge";
import { explainChallenge } from "../../src/core/challengeExplain";
import { diffClaims } from "../../src/core/claimsDiff";
import { COPY_FORMATS, formatForCopy } from "../../src/core/copyFormats";
import { diagnose } from "../../src/core/diagnostics";
import { decodeToken, findJwts, looksLikeJwt, singleJwtIn, type DecodeResult } from "../../src/core/jwt";
import { toEpochSeconds } from "../../src/core/timeFormat";
import { hasInvisibleChars } from "../../src/core/visibleText";
import { hoverLines } from "../../src/editor/jwtHoverText";
import type { TokenRequest } from "../../src/auth/types";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { preflight } from "../../src/tokens/verifySignature";
import { describeStatus } from "../../src/ui/statusBarModel";
import { buildChallengeView } from "../../src/webview/challengeView";
import type { ChallengeView, TokenView } from "../../src/webview/protocol";
import { buildHistory, buildTokenViewAt, copyFormatOptions, MAX_CLAIM_ROWS } from "../../src/webview/tokenView";
import { installFakeDom } from "./helpers/fakeDom";
import { hostileChallenge, hostileInput, knownHostileInputs, Rand, rng, type HostileInput } from "./helpers/hostileInputs";

// A fixed seed by default, so that CI judges the same inputs every run; AZURE_TOKEN_FUZZ_SEED=random explores new ones.
const DEFAULT_SEED = 20261202;
const seedSetting = process.env.AZURE_TOKEN_FUZZ_SEED;
const SEED = seedSetting === "random" ? (Math.random() * 2 ** 32) >>> 0 : seedSetting ? Number(seedSetting) >>> 0 : DEFAULT_SEED;
const COUNT = Number(process.env.AZURE_TOKEN_FUZZ_COUNT ?? 100_000);
/** Per input, for all the steps together (see the measuring loop below). */
const MAX_MS_PER_INPUT = 50;
const RENDER_EVERY = 100;
const NOW_MS = Date.UTC(2025, 0, 15, 12, 0, 0);
const NOW_SEC = NOW_MS / 1000;
const REQUEST: TokenRequest = {
  credential: "interactiveBrowser", cloud: "AzurePublic", disableInstanceDiscovery: false,
  tenant: "11111111-2222-3333-4444-555555555555", clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", scopes: ["https://graph.microsoft.com/User.Read"],
} as TokenRequest;

const page = installFakeDom();
const viewCode = "../../webview-ui/main.ts"; // in a variable: the root tsconfig has no DOM types
before(async () => {
  await import(viewCode);
});

/**
 * Every string from the token that a person may read in a view model (not the raw JSON, which holds line breaks by
 * design, nor the catalogue's descriptions of known claims: fixed text).
 */
function viewStrings(view: TokenView): string[] {
  const out = [view.masked, view.error ?? ""];
  for (const d of view.diagnostics) out.push(d.message, d.reason);
  for (const c of [...view.claims, ...(view.headerRows ?? [])]) out.push(c.name, c.value, c.title ?? "", c.valueNote ?? "", c.unshowable ? c.description ?? "" : "");
  for (const c of view.changes ?? []) out.push(c.claim, c.message, ...(c.addedMembers ?? []), ...(c.removedMembers ?? []));
  return out;
}

/** A problem with one step's answer: the input failed the test. */
class Broken extends Error {}
function check(ok: unknown, what: string): void {
  if (!ok) throw new Broken(what);
}
function checkVisible(strings: readonly string[], where: string): void {
  if (strings.every((s) => typeof s === "string") && !hasInvisibleChars(strings.join(" "))) return; // one pass for all
  const bad = strings.find((s) => typeof s !== "string" || hasInvisibleChars(s));
  throw new Broken(`${where}: an invisible character or a non-string reached a person: ${JSON.stringify(bad)?.slice(0, 80)}`);
}

function payloadOf(decoded: DecodeResult): Record<string, unknown> | undefined {
  return decoded.kind === "jws" ? decoded.payload : undefined;
}

/** Runs every step on one input and checks every answer; throws on a failure. Returns what the input decoded to. */
function pipeline(item: HostileInput, index: number): DecodeResult["kind"] {
  const { input } = item;
  const decoded = decodeToken(input);
  check(["jws", "jwe", "opaque", "error"].includes(decoded.kind), "decode: unknown kind");
  if (decoded.kind === "error") check(typeof decoded.message === "string" && decoded.message.length > 0, "decode: an error without a message");
  const withRequest = index % 3 === 0;
  if (index % 10 === 0) {
    // The view model runs diagnose() itself (below); here also on its own, with an expected token half the time.
    const diagnostics = diagnose(decoded, { nowMs: NOW_MS, expected: index % 20 === 0 ? { audience: "https://graph.microsoft.com", tenantId: REQUEST.tenant, scopes: REQUEST.scopes, clientId: REQUEST.clientId } : undefined });
    for (const d of diagnostics) check(typeof d.message === "string" && d.message && typeof d.reason === "string" && d.reason, `diagnose: ${d.id} without words`);
  }

  const payload = payloadOf(decoded);
  const previous = item.before !== undefined && index % 10 === 0 ? payloadOf(decodeToken([Buffer.from("{}").toString("base64url"), Buffer.from(item.before).toString("base64url"), "c2ln"].join("."))) : undefined;
  const exp = payload ? toEpochSeconds(payload.exp) : undefined;
  const held: HeldToken = {
    id: `t${index}`, label: "Pasted token", source: withRequest ? "acquired" : "pasted", token: input, acquiredAtMs: NOW_MS,
    expiresOnMs: exp === undefined ? undefined : exp * 1000, expirySource: "token", request: withRequest ? REQUEST : undefined,
    changes: previous && payload ? diffClaims(previous, payload) : undefined,
  };
  const { view } = buildTokenViewAt(held, NOW_MS);
  check(view.kind === decoded.kind, `view: kind ${view.kind} for a ${decoded.kind}`);
  check(!view.diagnostics.some((d) => d.message === "This token could not be shown."), "view: the last-resort error view was needed");
  check(!view.claims.some((c) => c.unshowable), "view: a claim could not be shown");
  for (const d of view.diagnostics) check(d.message && d.reason && ["error", "warning", "info"].includes(d.severity), "view: a diagnostic without words");
  if (payload) {
    const keys = Object.keys(payload).length;
    check(view.claims.length === (keys > MAX_CLAIM_ROWS ? MAX_CLAIM_ROWS + 1 : keys), "view: not every claim has a row");
    check(view.payloadJson !== undefined && (index % 10 !== 0 || view.payloadJson.endsWith("… (truncated)") || JSON.parse(view.payloadJson) !== undefined), "view: raw JSON");
  }
  checkVisible(viewStrings(view), "view");
  check(!hasInvisibleChars(`${view.headerJson ?? ""}${view.payloadJson ?? ""}`.replace(/\n/g, "")), "view: raw JSON holds an invisible character");
  const history = buildHistory([held]);
  checkVisible(history.map((h) => h.audience ?? ""), "history");

  const hover = hoverLines(input, NOW_MS);
  check(hover === undefined || (Array.isArray(hover) && hover.length > 0), "hover: neither lines nor undefined");
  checkVisible(hover ?? [], "hover");
  const status = describeStatus(held, NOW_MS, 5);
  check(status.text.startsWith("$(key) ") && status.tooltipLines.length > 0, "status bar: no text or tooltip");
  checkVisible(status.tooltipLines, "tooltip");

  for (const f of COPY_FORMATS) {
    const copied = formatForCopy(f.id, input);
    check(copied.ok ? typeof copied.text === "string" && copied.text.length > 0 : typeof copied.message === "string" && copied.message.length > 0, `copy ${f.id}: no text and no message`);
    if (f.id === "claimsJson" && payload) {
      check(copied.ok, "copy claimsJson: refused the claims of a decoded token");
      if (copied.ok && index % 10 === 0) check(Object.keys(JSON.parse(copied.text)).length === Object.keys(payload).length, "copy claimsJson: not the same claims");
    }
  }
  const verify = preflight(decoded, "https://login.microsoftonline.com");
  check(verify.ok || (typeof verify.result.message === "string" && verify.result.message.length > 0), "verify: no answer");
  // What Decode JWT and the hover do with text before decoding it.
  if (index % 10 === 0) singleJwtIn(input);
  looksLikeJwt(input);
  findJwts(input);

  if (index % RENDER_EVERY === 0) {
    // What postMessage delivers: a structured clone of the view.
    page.send(structuredClone({ type: "show", token: view, history, copyFormats: copyFormatOptions() }));
    check(page.app.querySelectorAll(".section-error").length === 0, "webview: a section could not be shown");
    const rows = page.byId("claims")?.querySelectorAll("tr[data-claim]").length ?? 0;
    check(view.kind !== "jws" || rows === view.claims.length, `webview: ${rows} claim rows for ${view.claims.length} claims`);
    const text = page.app.textContent;
    check(!text.includes("Loading token"), "webview: still loading");
    check(!hasInvisibleChars(text.replace(/\n/g, "")), "webview: an invisible character reached the page");
  }
  return decoded.kind;
}

test(`hostile inputs: every step answers, 0 throws, none over ${MAX_MS_PER_INPUT} ms (seed ${SEED})`, { timeout: 600_000 }, (t) => {
  t.diagnostic(`seed ${SEED} (replay: AZURE_TOKEN_FUZZ_SEED=${SEED} node scripts/test.mjs unit hostile-fuzz), ${COUNT} generated inputs`);
  const r = new Rand(rng(SEED));
  const failures: string[] = [];
  let failed = 0;
  let slowest = { ms: 0, label: "" };
  const kinds: Record<string, number> = {};
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const known = knownHostileInputs(NOW_SEC);
  const total = known.length + COUNT;
  for (let i = 0; i < total; i++) {
    const item = i < known.length ? known[i] : hostileInput(r, NOW_SEC);
    const describe = () => `#${i} (${item.label}; ${item.input.length} chars: ${JSON.stringify(item.input.slice(0, 60))}…)`;
    // Wall time first (cheap to read). An input over the limit is run five times more and judged by the least CPU
    // time of those runs: on a loaded machine another process's turn is not this input's cost, nor is a garbage
    // collection or the compilation of code the input reached first.
    let ms: number;
    try {
      const t0 = performance.now();
      const kind = pipeline(item, i);
      ms = performance.now() - t0;
      kinds[kind] = (kinds[kind] ?? 0) + 1;
      if (ms > MAX_MS_PER_INPUT) {
        ms = Infinity;
        for (let run = 0; run < 5; run++) {
          const c0 = process.cpuUsage();
          pipeline(item, i);
          const c = process.cpuUsage(c0);
          ms = Math.min(ms, (c.user + c.system) / 1000);
        }
      }
    } catch (e) {
      failed++;
      if (failures.length < 10) failures.push(`${describe()}: ${e instanceof Broken ? e.message : `threw ${e instanceof Error ? e.stack?.split("\n").slice(0, 4).join(" | ") : String(e)}`}`);
      continue;
    }
    if (ms > slowest.ms) slowest = { ms, label: describe() };
    if (ms > MAX_MS_PER_INPUT) {
      failed++;
      if (failures.length < 10) failures.push(`${describe()}: ${ms.toFixed(1)} ms CPU, over ${MAX_MS_PER_INPUT} ms in each of 5 runs`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  t.diagnostic(`${total} inputs in ${seconds.toFixed(1)} s (${((cpu.user + cpu.system) / 1e6).toFixed(1)} s CPU); slowest input ${slowest.ms.toFixed(1)} ms (wall, or the least CPU time of 5 runs for one over ${MAX_MS_PER_INPUT} ms): ${slowest.label.slice(0, 160)}`);
  t.diagnostic(`decoded as: ${JSON.stringify(kinds)}`);
  assert.equal(failed, 0, `seed ${SEED}: ${failed} of ${total} inputs failed (replay: AZURE_TOKEN_FUZZ_SEED=${SEED} node scripts/test.mjs unit hostile-fuzz):\n${failures.join("\n")}`);
});

/** Pasted 401 challenges (issue 8): fewer inputs than tokens, as each is small and takes fewer steps. */
const CHALLENGE_COUNT = Math.max(1, Math.floor(COUNT / 10));

/** Every string of a challenge view that a person reads. */
function challengeViewStrings(view: ChallengeView): string[] {
  const out = [view.summary];
  for (const f of view.findings) out.push(f.message, f.reason);
  for (const c of view.challenges) for (const p of c.params) out.push(p.name, p.value);
  for (const i of view.check?.items ?? []) out.push(i.label);
  if (view.check) out.push(view.check.tokenLabel);
  return out;
}

/** Explain 401 Challenge on one input: parse → explain → view model (against a hostile token) → every 100th rendered. */
function challengePipeline(item: HostileInput, token: HostileInput, index: number): string {
  const parsed = parseChallenge(item.input);
  if (!parsed.ok) {
    check(typeof parsed.message === "string" && parsed.message.length > 0, "challenge: refused without a message");
    checkVisible([parsed.message], "challenge message");
    return "refused";
  }
  check(parsed.challenges.length > 0 && parsed.challenges.length <= MAX_CHALLENGES, "challenge: no challenge, or too many");
  const explained = explainChallenge(parsed);
  check(explained.summary.length > 0 && explained.findings.every((f) => f.message && f.reason), "challenge: an explanation without words");
  const held: HeldToken = { id: `t${index}`, label: "Pasted token", source: "pasted", token: token.input, acquiredAtMs: NOW_MS };
  const view = buildChallengeView({ parsed, answeredBy: index % 2 ? held.id : undefined }, held);
  check(view.summary !== "This challenge could not be shown.", "challenge view: the last-resort view was needed");
  checkVisible(challengeViewStrings(view), "challenge view");
  check(!hasInvisibleChars((view.claimsJson ?? "").replace(/\n/g, "")), "challenge view: the claims JSON holds an invisible character");
  if (index % RENDER_EVERY === 0) {
    page.send(structuredClone({ type: "challenge", challenge: view }));
    check(page.byId("challenge-section") !== null && page.app.querySelectorAll(".section-error").length === 0, "webview: the challenge could not be shown");
    check(!hasInvisibleChars(page.app.textContent.replace(/\n/g, "")), "webview: an invisible character reached the page");
    page.send({ type: "challenge", challenge: null });
  }
  return explained.satisfiable ? "satisfiable" : "explained";
}

test(`hostile 401 challenges: parsed, explained and shown, 0 throws, none over ${MAX_MS_PER_INPUT} ms (seed ${SEED})`, { timeout: 600_000 }, (t) => {
  const r = new Rand(rng(SEED ^ 0x401));
  const failures: string[] = [];
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < CHALLENGE_COUNT; i++) {
    const item = hostileChallenge(r, NOW_SEC);
    const token = hostileInput(r, NOW_SEC);
    const describe = () => `#${i} (${item.label}; ${item.input.length} chars: ${JSON.stringify(item.input.slice(0, 80))}…)`;
    try {
      const t0 = performance.now();
      const outcome = challengePipeline(item, token, i);
      let ms = performance.now() - t0;
      if (ms > MAX_MS_PER_INPUT) {
        // As above: judged by the least CPU time of five more runs.
        ms = Infinity;
        for (let run = 0; run < 5; run++) {
          const c0 = process.cpuUsage();
          challengePipeline(item, token, i);
          const c = process.cpuUsage(c0);
          ms = Math.min(ms, (c.user + c.system) / 1000);
        }
        if (ms > MAX_MS_PER_INPUT && failures.length < 10) failures.push(`${describe()}: ${ms.toFixed(1)} ms CPU`);
      }
      outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    } catch (e) {
      if (failures.length < 10) failures.push(`${describe()}: ${e instanceof Broken ? e.message : `threw ${e instanceof Error ? e.stack?.split("\n").slice(0, 4).join(" | ") : String(e)}`}`);
    }
  }
  t.diagnostic(`${CHALLENGE_COUNT} challenges: ${JSON.stringify(outcomes)}`);
  assert.deepEqual(failures, [], `seed ${SEED} (replay: AZURE_TOKEN_FUZZ_SEED=${SEED} node scripts/test.mjs unit hostile-fuzz)`);
  check((outcomes.satisfiable ?? 0) > 0 && (outcomes.refused ?? 0) > 0, "the generator reaches both satisfiable and refused challenges");
});
