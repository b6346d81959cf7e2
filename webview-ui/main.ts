// Browser side of the token view. The page holds its first state (drawn at once); later ones arrive by postMessage.
// Everything is rendered with createElement/textContent. Nothing is kept in webview state (no setState):
// the view is rebuilt from the host on every show.
import { timedFindingMessage, type TimedFindingKind } from "../src/core/timeFindings";
import { formatLocalOffset, formatUtc, relativeTime } from "../src/core/timeFormat";
import type {
  ChallengeCheckView, ChallengeView, ChangeView, ClaimRow, CopyFormatOption, DiagnosticView, FlowedClaimView, HistoryItem, HostMessage, OnBehalfOfView, TokenView, VerificationView, WebviewMessage,
} from "../src/webview/protocol";
import { button, el, icon, type IconName } from "./dom";

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById("app") as HTMLElement;
let current: TokenView | undefined;
let ticker: number | undefined;
/** The window's 401 challenge (shown above the token), and the last token message, to render both again. */
let challenge: unknown = null;
let lastShow: { token: unknown; history: unknown; formats: unknown } | undefined;

// Total: the host builds every message, but the claims in it are attacker-written, and a message of an unexpected
// shape must never leave the view on "Loading token…". Every section is built on its own (a failure shows a message
// in that section), every claim row too, and fields are read through text()/list() instead of trusted.

const HOST_MESSAGE_TYPES: readonly string[] = ["show", "cleared", "revealed", "hidden", "notice", "verification", "challenge"] satisfies HostMessage["type"][];

window.addEventListener("message", (event: MessageEvent<unknown>) => receive(event.data));
// The first state is drawn, and `ready` said, at the end of this file: once every constant below is initialised.

function receive(data: unknown): void {
  if (typeof data !== "object" || data === null || !HOST_MESSAGE_TYPES.includes(text((data as { type?: unknown }).type))) return;
  try {
    onHostMessage(data as HostMessage);
  } catch (e) {
    showFailure(e);
  }
}

function initialMessages(): unknown[] {
  try {
    return list(JSON.parse(document.getElementById("initial-state")?.textContent ?? "[]"));
  } catch (e) {
    showFailure(e);
    return [];
  }
}

function onHostMessage(message: HostMessage): void {
  switch (message.type) {
    case "show":
      current = isObject(message.token) ? message.token as TokenView : undefined;
      lastShow = { token: message.token, history: message.history, formats: message.copyFormats };
      render(message.token, message.history, message.copyFormats);
      return;
    case "cleared":
      current = undefined;
      lastShow = undefined;
      redraw();
      return;
    case "challenge":
      challenge = isObject(message.challenge) ? message.challenge : null;
      redraw();
      return;
    case "revealed":
      setTokenText(text(message.token), true);
      return;
    case "hidden":
      if (current) setTokenText(text(current.masked), false);
      return;
    case "notice":
      showNotice(text(message.text));
      return;
    case "verification":
      if (current?.id === message.tokenId) showVerification(message.result);
      return;
    default: {
      // A new HostMessage breaks the build here until it is handled (like the host's switch in tokenPanel.ts).
      const unhandled: never = message;
      return unhandled;
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A field that should be text: strings as they are, numbers and booleans as text, anything else empty. */
function text(value: unknown): string {
  return typeof value === "string" ? value : typeof value === "number" || typeof value === "boolean" ? String(value) : "";
}

/** A field that should be a list: anything else is an empty list. */
function list<T>(value: unknown): T[] {
  return Array.isArray(value) ? (value as T[]) : [];
}

function finiteNumber(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

/** Why a part could not be shown, in a few words (never a value from the token). */
function failureReason(e: unknown): string {
  if (e instanceof RangeError) return "it is too large or too deeply nested";
  return e instanceof Error && /^[A-Za-z]{1,40}$/.test(e.name) ? `${e.name} in the view` : "unexpected data";
}

/** Builds one section; a failure shows a short message in its place and the rest of the view still renders. */
function guarded(title: string, id: string, build: () => HTMLElement | undefined): HTMLElement | undefined {
  try {
    return build();
  } catch (e) {
    return section(title, id, el("p", { class: "section-error", role: "alert" }, icon("warning"),
      el("span", {}, `This part of the view could not be shown: ${failureReason(e)}.`)));
  }
}

/** The last resort: the whole view failed (replaces "Loading token…" with why). */
function showFailure(e: unknown): void {
  try {
    app.replaceChildren(el("p", { class: "section-error", role: "alert", id: "view-error" }, icon("warning"),
      el("span", {}, `The token view could not be shown: ${failureReason(e)}. Close it and decode the token again.`)));
  } catch {
    // nothing more to try
  }
}

/** The last token shown with the current challenge; without a token, the challenge alone or what to run. */
function redraw(): void {
  if (lastShow) render(lastShow.token, lastShow.history, lastShow.formats);
  else app.replaceChildren(challengePart() ?? el("p", { class: "muted", id: "empty" }, "Nothing to show: run Explain 401 Challenge or Get Azure Token."));
}

function render(tokenData: unknown, history: unknown, formats: unknown): void {
  const token: Partial<TokenView> = isObject(tokenData) ? tokenData as Partial<TokenView> : {};
  const parts: (HTMLElement | undefined)[] = [
    challengePart(),
    guarded("Token", "token-header", () => header(token, list(history))),
    el("div", { class: "banner", role: "note" }, icon("info"),
      el("span", {}, "Decoding is not verification: anyone can write these claims. Only the API that receives the token validates it.")),
    guarded("Token", "token-box", () => tokenBox(token, list(formats))),
    guarded("Diagnostics", "diagnostics-section", () => problems(token)),
    guarded("On behalf of", "obo-section", () => (isObject(token.onBehalfOf) ? onBehalfOfSection(token.onBehalfOf) : undefined)),
    guarded("What changed since the previous token", "changes-section", () => changesSection(list(token.changes))),
    token.kind === "jws" ? guarded("Claims", "claims-section", () => claimsTable("Claims", "claims-section", "claims", list(token.claims), true)) : undefined,
    guarded("Header", "header-section", () => list(token.headerRows).length ? claimsTable("Header", "header-section", "header-claims", list(token.headerRows), false) : undefined),
    guarded("Raw JSON", "raw-json-section", () => rawJson(token)),
    token.kind === "jws" ? guarded("Signature", "signature", () => section("Signature", "signature", el("p", { class: "muted" },
      `${finiteNumber(token.signatureLength) ?? 0} base64url characters. Not checked by decoding; use Verify signature above.`))) : undefined,
  ];
  app.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
  startTicker();
}

const KIND_BADGES: Record<TokenView["kind"], string> = { jws: "Signed JWT (JWS)", jwe: "Encrypted (JWE)", opaque: "Opaque", error: "Not decodable" };

function header(token: Partial<TokenView>, history: HistoryItem[]): HTMLElement {
  const title = el("h1", { id: "token-label" }, icon(token.source === "pasted" ? "clippy" : "key"), el("span", {}, text(token.label) || "Token"));
  const meta = el("div", { class: "meta" },
    el("span", { class: "badge" }, token.source === "pasted" ? "Pasted" : "Acquired in this window"),
    el("span", { class: "badge" }, Object.prototype.hasOwnProperty.call(KIND_BADGES, text(token.kind)) ? KIND_BADGES[token.kind as TokenView["kind"]] : "Not decodable"),
    text(token.answeredBy) ? el("span", { class: "badge", id: "answered-by", title: "The DefaultAzureCredential chain's member that gave this token" }, `Answered by ${text(token.answeredBy)}`) : undefined);
  const expiresOnMs = finiteNumber(token.expiresOnMs);
  if (expiresOnMs) {
    meta.append(el("span", { class: "expiry", id: "expiry" }, icon("watch"),
      el("span", { "data-epoch": String(Math.floor(expiresOnMs / 1000)), "data-relative": "expiry" }),
      text(token.expirySource) ? el("span", { class: "muted" }, ` · ${text(token.expirySource)}`) : undefined));
  }
  let picker: HTMLElement | undefined;
  if (history.length > 1) {
    const select = el("select", { id: "history", "aria-label": "Tokens in this window" });
    for (const item of history) {
      if (!isObject(item)) continue;
      const itemExpiry = finiteNumber(item.expiresOnMs);
      const expires = itemExpiry ? relativeTime(Math.floor(itemExpiry / 1000), Date.now(), "expiry") : undefined;
      const option = el("option", { value: text(item.id) }, [text(item.label), text(item.audience), expires].filter(Boolean).join(" · "));
      if (text(item.id) === token.id) option.selected = true;
      select.append(option);
    }
    select.addEventListener("change", () => vscode.postMessage({ type: "select", id: select.value }));
    picker = el("label", { class: "history" }, icon("history"), el("span", {}, "Session history"), select);
  }
  return el("header", { class: "top" }, el("div", {}, title, meta), picker);
}

function tokenBox(token: Partial<TokenView>, formats: CopyFormatOption[]): HTMLElement {
  const code = el("code", { id: "token-text", class: "token masked", "aria-label": "Token (masked until revealed)" }, text(token.masked));
  const toggle = button("Reveal", "eye", { id: "reveal", class: "secondary", "aria-pressed": "false", "aria-controls": "token-text" }, () => {
    const revealed = toggle.getAttribute("aria-pressed") === "true";
    vscode.postMessage({ type: revealed ? "hide" : "reveal" });
  });
  const verify = token.kind === "jws"
    ? button("Verify signature", "verified", { id: "verify", class: "secondary" }, () => vscode.postMessage({ type: "verify" }))
    : undefined;
  const copy = el("div", { class: "copy-bar", role: "group", "aria-label": "Copy as" }, el("span", { class: "label" }, "Copy as"));
  for (const f of formats) {
    if (!isObject(f) || !text(f.id)) continue;
    const id = text(f.id);
    copy.append(button(text(f.label), "copy", { "data-format": id, class: "secondary small", "aria-label": `Copy as ${text(f.label)}` }, () => vscode.postMessage({ type: "copy", format: id })));
  }
  return el("section", { class: "card token-box", "aria-label": "Token" },
    el("div", { class: "token-row" }, code),
    el("div", { class: "actions" }, toggle, verify),
    el("div", { id: "verification", role: "status", "aria-live": "polite" }),
    copy,
    el("div", { id: "notice", role: "status", class: "notice" }));
}

function setTokenText(text: string, revealed: boolean): void {
  const code = document.getElementById("token-text");
  const toggle = document.getElementById("reveal");
  if (!code || !toggle) return;
  code.textContent = text;
  code.classList.toggle("masked", !revealed);
  code.setAttribute("aria-label", revealed ? "Token (revealed)" : "Token (masked until revealed)");
  toggle.setAttribute("aria-pressed", String(revealed));
  toggle.replaceChildren(icon(revealed ? "eye-closed" : "eye"), el("span", {}, revealed ? "Hide" : "Reveal"));
}

const VERIFY_ICONS: Record<VerificationView["outcome"], IconName> = { checking: "loading", verified: "pass-filled", invalid: "error", unverifiable: "circle-slash" };

function showVerification(result: unknown): void {
  const box = document.getElementById("verification");
  if (!box || !isObject(result)) return;
  const outcome: VerificationView["outcome"] = Object.prototype.hasOwnProperty.call(VERIFY_ICONS, text(result.outcome)) ? result.outcome as VerificationView["outcome"] : "unverifiable";
  box.className = `verification ${outcome}`;
  box.dataset.outcome = outcome;
  box.replaceChildren(icon(VERIFY_ICONS[outcome], outcome === "checking"),
    el("div", {}, el("strong", { class: "message" }, text(result.message)), el("div", { class: "reason" }, text(result.reason))));
}

function showNotice(text: string): void {
  const notice = document.getElementById("notice");
  if (notice) notice.textContent = text;
}

const SEVERITIES: readonly string[] = ["error", "warning", "info"] satisfies DiagnosticView["severity"][];
const TIMED_KINDS: readonly string[] = ["expired", "expires-soon", "not-yet-valid", "within-skew"] satisfies TimedFindingKind[];

function problems(token: Partial<TokenView>): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  const error = text(token.error);
  if (error) items.push(finding("error", "This token could not be decoded.", error, "decode-error"));
  for (const d of list<DiagnosticView>(token.diagnostics)) {
    if (!isObject(d) || (error && d.reason === error)) continue;
    const severity = SEVERITIES.includes(text(d.severity)) ? d.severity : "info";
    const timed = isObject(d.timed) && TIMED_KINDS.includes(text(d.timed.kind)) && finiteNumber(d.timed.epochSec) !== undefined ? d.timed : undefined;
    items.push(finding(severity, text(d.message), text(d.reason), undefined, timed));
  }
  const cleanup = list<unknown>(token.cleanup).map(text).filter(Boolean);
  if (cleanup.length) items.push(finding("info", "The pasted text was cleaned up before decoding.", cleanup.join("; ") + "."));
  if (!items.length) return undefined;
  return section("Diagnostics", "diagnostics-section", el("ul", { class: "diagnostics", id: "diagnostics", "aria-label": "Diagnostics" }, ...items));
}

/** `timed`: the message counts time, and the one-second tick re-words it (see startTicker). */
function finding(severity: "error" | "warning" | "info", message: string, reason: string, id?: string, timed?: DiagnosticView["timed"]): HTMLElement {
  const messageAttrs = { class: "message", "data-timed-kind": timed?.kind, "data-epoch": timed && String(timed.epochSec) };
  return el("li", { class: `diagnostic ${severity}`, id, role: severity === "error" && id ? "alert" : undefined },
    icon(severity), el("div", { class: "finding" }, el("div", messageAttrs, message), el("div", { class: "reason" }, reason)));
}

const CHANGE_ICONS: Record<ChangeView["kind"], IconName> = { added: "diff-added", removed: "diff-removed", changed: "diff-modified", expiry: "watch" };

function changesSection(changes: ChangeView[]): HTMLElement | undefined {
  if (!changes.length) return undefined;
  const items = el("ul", { class: "changes", id: "changes", "aria-label": "What changed since the previous token" });
  for (const c of changes) {
    if (!isObject(c)) continue;
    const kind: ChangeView["kind"] = Object.prototype.hasOwnProperty.call(CHANGE_ICONS, text(c.kind)) ? c.kind : "changed";
    const row = el("li", { "data-claim": text(c.claim), class: `change ${kind}` }, icon(CHANGE_ICONS[kind]),
      el("div", { class: "finding" }, el("div", { class: "message" }, text(c.message))));
    const members = el("div", { class: "members" });
    for (const m of list<unknown>(c.addedMembers).map(text)) members.append(el("span", { class: "chip added", "aria-label": `added ${m}` }, `+ ${m}`));
    for (const m of list<unknown>(c.removedMembers).map(text)) members.append(el("span", { class: "chip removed", "aria-label": `removed ${m}` }, `− ${m}`));
    if (members.childElementCount) row.lastElementChild?.append(members);
    items.append(row);
  }
  return section("What changed since the previous token", "changes-section", items);
}

const FLOW_ICONS: Record<FlowedClaimView["status"], IconName> = { flowed: "arrow-right", changed: "diff-modified", added: "diff-added", removed: "diff-removed" };

/** On-behalf-of: the incoming token (masked) and, claim by claim, what flowed into this token and what changed. */
function onBehalfOfSection(obo: Partial<OnBehalfOfView>): HTMLElement {
  const expiresOnMs = finiteNumber(obo.incomingExpiresOnMs);
  const summary = el("div", { class: "card obo-incoming", id: "obo-incoming" },
    el("div", {}, el("strong", {}, "Incoming token "), el("code", { class: "token masked" }, text(obo.incomingMasked))),
    text(obo.incomingAudience) ? el("div", { class: "muted" }, `Audience ${text(obo.incomingAudience)}`) : undefined,
    text(obo.incomingScopes) ? el("div", { class: "muted" }, `Scopes ${text(obo.incomingScopes)}`) : undefined,
    expiresOnMs ? el("div", { class: "muted" }, el("span", { "data-epoch": String(Math.floor(expiresOnMs / 1000)), "data-relative": "expiry" })) : undefined);
  const body = el("tbody");
  for (const c of list<FlowedClaimView>(obo.claims)) {
    if (!isObject(c)) continue;
    const status: FlowedClaimView["status"] = Object.prototype.hasOwnProperty.call(FLOW_ICONS, text(c.status)) ? c.status : "changed";
    body.append(el("tr", { "data-claim": text(c.claim), "data-status": status, class: status },
      el("th", { scope: "row" }, el("code", {}, text(c.claim))),
      el("td", { class: "value" }, el("code", {}, text(c.incoming))),
      el("td", { class: "value" }, el("code", {}, text(c.downstream))),
      el("td", { class: "explain" }, icon(FLOW_ICONS[status]), el("span", { class: "message" }, text(c.message)))));
  }
  const table = el("table", { id: "obo-claims", "aria-label": "Claims from the incoming token" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Claim"), el("th", { scope: "col" }, "Incoming"), el("th", { scope: "col" }, "This token"),
      el("th", { scope: "col" }, "Flowed through?"))), body);
  return section("On behalf of", "obo-section", el("div", {}, summary, el("div", { class: "table-wrap" }, table)));
}

function claimsTable(title: string, sectionId: string, tableId: string, rows: ClaimRow[], withTimes: boolean): HTMLElement {
  return section(title, sectionId, rowsTable(title, tableId, rows, withTimes));
}

/** A Name / Value / Meaning table, one row per claim (or challenge parameter), each built on its own. */
function rowsTable(title: string, tableId: string, rows: ClaimRow[], withTimes: boolean): HTMLElement {
  const body = el("tbody");
  for (const c of rows) {
    let row: HTMLElement;
    try {
      row = claimRow(c, withTimes);
    } catch (e) {
      // One claim that cannot be shown: a short row says so, and every other claim is still listed.
      const name = isObject(c) ? text(c.name) : "";
      row = el("tr", { "data-claim": name, class: "unshowable" }, el("th", { scope: "row" }, el("code", {}, name)),
        el("td", { class: "value" }, el("span", { class: "muted" }, `could not be shown: ${failureReason(e)}`)), el("td", { class: "explain" }));
    }
    body.append(row);
  }
  const table = el("table", { id: tableId, "aria-label": title },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"), el("th", { scope: "col" }, "Value"), el("th", { scope: "col" }, "Meaning"))), body);
  return el("div", { class: "table-wrap" }, table);
}

function claimRow(c: ClaimRow, withTimes: boolean): HTMLElement {
  if (!isObject(c)) throw new TypeError("not a claim row");
  const name = text(c.name);
  const value = el("td", { class: "value" });
  if (c.unshowable === true) value.append(el("span", { class: "muted" }, "could not be shown"));
  else value.append(el("code", {}, text(c.value)));
  if (text(c.valueNote)) value.append(el("div", { class: "note" }, text(c.valueNote)));
  if (c.invisibleChars === true) {
    value.append(el("div", { class: "invisible-note" }, icon("warning"),
      el("span", {}, "Contains invisible or direction-changing characters, shown as \\u escapes.")));
  }
  const epochSec = finiteNumber(c.epochSec);
  if (withTimes && epochSec !== undefined) {
    value.append(el("div", { class: "time" }, el("div", {}, formatUtc(epochSec)), el("div", {}, formatLocalOffset(epochSec)),
      el("div", { class: "relative", "data-epoch": String(epochSec), "data-relative": name === "exp" ? "expiry" : name === "nbf" ? "start" : "plain" })));
  }
  const explanation = el("td", { class: "explain" }, text(c.title) ? el("div", { class: "title" }, text(c.title)) : undefined,
    text(c.description) ? el("div", { class: "description" }, text(c.description)) : undefined);
  return el("tr", { "data-claim": name, class: c.unshowable === true ? "unshowable" : undefined }, el("th", { scope: "row" }, el("code", {}, name)), value, explanation);
}

/** The window's 401 challenge, above the token (or alone, when no token is held). */
function challengePart(): HTMLElement | undefined {
  if (!isObject(challenge)) return undefined;
  const c = challenge as Partial<ChallengeView>;
  return guarded("401 challenge", "challenge-section", () => challengeSection(c));
}

function challengeSection(c: Partial<ChallengeView>): HTMLElement {
  const status = finiteNumber(c.status);
  const summary = el("p", { class: "challenge-summary", id: "challenge-summary" }, icon("shield"),
    el("span", {}, status ? el("strong", {}, `HTTP ${status}. `) : undefined, text(c.summary)));
  const findings = el("ul", { class: "diagnostics", id: "challenge-findings", "aria-label": "What the challenge means" });
  for (const f of list<DiagnosticView>(c.findings)) {
    if (!isObject(f)) continue;
    findings.append(finding(SEVERITIES.includes(text(f.severity)) ? f.severity : "info", text(f.message), text(f.reason)));
  }
  const actions = el("div", { class: "actions" },
    c.satisfiable === true ? button("Get a token that satisfies this challenge", "key", { id: "satisfy" }, () => vscode.postMessage({ type: "satisfy" })) : undefined,
    button("Dismiss", "close", { id: "dismiss-challenge", class: "secondary" }, () => vscode.postMessage({ type: "dismissChallenge" })));
  const parts: (HTMLElement | undefined)[] = [summary, isObject(c.check) ? challengeCheck(c.check) : undefined, actions, findings];
  const claimsJson = text(c.claimsJson);
  if (claimsJson) parts.push(el("h3", {}, "Claims request (decoded)"), el("pre", { class: "json", id: "challenge-claims", tabindex: "0" }, claimsJson));
  list<unknown>(c.challenges).forEach((ch, i) => {
    if (!isObject(ch)) return;
    const scheme = text(ch.scheme);
    parts.push(el("h3", {}, `${scheme} challenge`), rowsTable(`${scheme} challenge parameters`, `challenge-params-${i}`, list(ch.params), false));
  });
  return el("section", { id: "challenge-section", class: "card challenge", "aria-label": "401 challenge" }, el("h2", {}, "401 challenge"), ...parts.filter((p): p is HTMLElement => p !== undefined));
}

/** The token below against the claims request: each requested claim met or not. */
function challengeCheck(check: Partial<ChallengeCheckView>): HTMLElement {
  const items = list<unknown>(check.items).filter(isObject);
  const allMet = items.length > 0 && items.every((i) => i.met === true);
  const who = check.answersChallenge === true ? `The token got for this challenge (${text(check.tokenLabel)})` : `The token below (${text(check.tokenLabel)})`;
  const checks = el("ul", { class: "checks" });
  for (const item of items) {
    const met = item.met === true;
    checks.append(el("li", { class: `check ${met ? "met" : "unmet"}`, "data-met": String(met) }, icon(met ? "pass-filled" : "circle-slash"),
      el("code", {}, text(item.label)), el("span", { class: "muted" }, met ? " present" : " missing")));
  }
  return el("div", { class: `challenge-check ${allMet ? "met" : "unmet"}`, id: "challenge-check", "data-met": String(allMet), role: "status" },
    el("div", { class: "message" }, `${who} ${allMet ? "meets this challenge." : "does not meet this challenge."}`), checks);
}

function rawJson(token: Partial<TokenView>): HTMLElement | undefined {
  const headerJson = text(token.headerJson);
  const payloadJson = text(token.payloadJson);
  if (!headerJson && !payloadJson) return undefined;
  const details = el("details", { id: "raw-json" }, el("summary", {}, "Raw JSON (header and payload)"));
  if (headerJson) details.append(el("h3", {}, "Header"), el("pre", { class: "json", id: "header-json", tabindex: "0" }, headerJson));
  if (payloadJson) details.append(el("h3", {}, "Payload"), el("pre", { class: "json", id: "payload-json", tabindex: "0" }, payloadJson));
  return el("section", { "aria-label": "Raw JSON" }, details);
}

function section(title: string, id: string, content: HTMLElement): HTMLElement {
  return el("section", { id, "aria-label": title }, el("h2", {}, title), content);
}

function startTicker(): void {
  const tick = () => {
    const now = Date.now();
    for (const node of document.querySelectorAll<HTMLElement>("[data-relative]")) {
      try {
        const style = node.dataset.relative === "expiry" || node.dataset.relative === "start" ? node.dataset.relative : "plain";
        node.textContent = relativeTime(Number(node.dataset.epoch), now, style);
      } catch {
        // leave this one as it is; the others still tick
      }
    }
    for (const node of document.querySelectorAll<HTMLElement>("[data-timed-kind]")) {
      try {
        node.textContent = timedFindingMessage(node.dataset.timedKind as TimedFindingKind, Number(node.dataset.epoch), now);
      } catch {
        // as above
      }
    }
  };
  tick();
  if (ticker === undefined) ticker = window.setInterval(tick, 1000);
}

// The page came with the messages that draw its first state (src/webview/html.ts): drawn before saying `ready`, which
// the host answers with whatever changed since.
for (const message of initialMessages()) receive(message);
vscode.postMessage({ type: "ready" });
