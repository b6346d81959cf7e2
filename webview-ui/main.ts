// Browser side of the token view. Static page; data arrives by postMessage after we say `ready`.
// Everything is rendered with createElement/textContent. Nothing is kept in webview state (no setState):
// the view is rebuilt from the host on every show.
import { timedFindingMessage, type TimedFindingKind } from "../src/core/timeFindings";
import { formatLocal, formatUtc, relativeTime } from "../src/core/timeFormat";
import type { ChangeView, ClaimRow, CopyFormatOption, DiagnosticView, HistoryItem, HostMessage, TokenView, VerificationView, WebviewMessage } from "../src/webview/protocol";
import { button, el, icon } from "./dom";

declare function acquireVsCodeApi(): { postMessage(message: WebviewMessage): void };
const vscode = acquireVsCodeApi();
const app = document.getElementById("app") as HTMLElement;
let current: TokenView | undefined;
let ticker: number | undefined;

window.addEventListener("message", (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  switch (message.type) {
    case "show":
      current = message.token;
      render(message.token, message.history, message.copyFormats);
      return;
    case "revealed":
      setTokenText(message.token, true);
      return;
    case "hidden":
      if (current) setTokenText(current.masked, false);
      return;
    case "notice":
      showNotice(message.text);
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
});
vscode.postMessage({ type: "ready" });

function render(token: TokenView, history: HistoryItem[], formats: CopyFormatOption[]): void {
  const parts: (HTMLElement | undefined)[] = [
    header(token, history),
    el("div", { class: "banner", role: "note" }, icon("info"),
      el("span", {}, "Decoding is not verification: anyone can write these claims. Only the API that receives the token validates it.")),
    tokenBox(token, formats),
    problems(token),
    changesSection(token.changes),
    token.kind === "jws" ? claimsTable("Claims", "claims-section", "claims", token.claims, true) : undefined,
    token.headerRows?.length ? claimsTable("Header", "header-section", "header-claims", token.headerRows, false) : undefined,
    rawJson(token),
    token.kind === "jws" ? section("Signature", "signature", el("p", { class: "muted" },
      `${token.signatureLength ?? 0} base64url characters. Not checked by decoding; use Verify signature above.`)) : undefined,
  ];
  app.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
  startTicker();
}

function header(token: TokenView, history: HistoryItem[]): HTMLElement {
  const title = el("h1", { id: "token-label" }, icon(token.source === "pasted" ? "clippy" : "key"), el("span", {}, token.label));
  const meta = el("div", { class: "meta" },
    el("span", { class: "badge" }, token.source === "pasted" ? "Pasted" : "Acquired in this window"),
    el("span", { class: "badge" }, token.kind === "jws" ? "Signed JWT (JWS)" : token.kind === "jwe" ? "Encrypted (JWE)" : token.kind === "opaque" ? "Opaque" : "Not decodable"));
  if (token.expiresOnMs) {
    meta.append(el("span", { class: "expiry", id: "expiry" }, icon("watch"),
      el("span", { "data-epoch": String(Math.floor(token.expiresOnMs / 1000)), "data-relative": "expiry" }),
      token.expirySource ? el("span", { class: "muted" }, ` · ${token.expirySource}`) : undefined));
  }
  let picker: HTMLElement | undefined;
  if (history.length > 1) {
    const select = el("select", { id: "history", "aria-label": "Tokens in this window" });
    for (const item of history) {
      const expires = item.expiresOnMs ? relativeTime(Math.floor(item.expiresOnMs / 1000), Date.now(), "expiry") : undefined;
      const option = el("option", { value: item.id }, [item.label, item.audience, expires].filter(Boolean).join(" · "));
      if (item.id === token.id) option.selected = true;
      select.append(option);
    }
    select.addEventListener("change", () => vscode.postMessage({ type: "select", id: select.value }));
    picker = el("label", { class: "history" }, icon("history"), el("span", {}, "Session history"), select);
  }
  return el("header", { class: "top" }, el("div", {}, title, meta), picker);
}

function tokenBox(token: TokenView, formats: CopyFormatOption[]): HTMLElement {
  const text = el("code", { id: "token-text", class: "token masked", "aria-label": "Token (masked until revealed)" }, token.masked);
  const toggle = button("Reveal", "eye", { id: "reveal", class: "secondary", "aria-pressed": "false", "aria-controls": "token-text" }, () => {
    const revealed = toggle.getAttribute("aria-pressed") === "true";
    vscode.postMessage({ type: revealed ? "hide" : "reveal" });
  });
  const verify = token.kind === "jws"
    ? button("Verify signature", "verified", { id: "verify", class: "secondary" }, () => vscode.postMessage({ type: "verify" }))
    : undefined;
  const copy = el("div", { class: "copy-bar", role: "group", "aria-label": "Copy as" }, el("span", { class: "label" }, "Copy as"));
  for (const f of formats) copy.append(button(f.label, "copy", { "data-format": f.id, class: "secondary small", "aria-label": `Copy as ${f.label}` }, () => vscode.postMessage({ type: "copy", format: f.id })));
  return el("section", { class: "card token-box", "aria-label": "Token" },
    el("div", { class: "token-row" }, text),
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

const VERIFY_ICONS: Record<VerificationView["outcome"], string> = { checking: "loading", verified: "pass-filled", invalid: "error", unverifiable: "circle-slash" };

function showVerification(result: VerificationView): void {
  const box = document.getElementById("verification");
  if (!box) return;
  box.className = `verification ${result.outcome}`;
  box.dataset.outcome = result.outcome;
  box.replaceChildren(icon(VERIFY_ICONS[result.outcome] + (result.outcome === "checking" ? " codicon-modifier-spin" : "")),
    el("div", {}, el("strong", { class: "message" }, result.message), el("div", { class: "reason" }, result.reason)));
}

function showNotice(text: string): void {
  const notice = document.getElementById("notice");
  if (notice) notice.textContent = text;
}

function problems(token: TokenView): HTMLElement | undefined {
  const items: HTMLElement[] = [];
  if (token.error) items.push(finding("error", "This token could not be decoded.", token.error, "decode-error"));
  for (const d of token.diagnostics) {
    if (token.error && d.reason === token.error) continue;
    items.push(finding(d.severity, d.message, d.reason, undefined, d.timed));
  }
  if (token.cleanup?.length) items.push(finding("info", "The pasted text was cleaned up before decoding.", token.cleanup.join("; ") + "."));
  if (!items.length) return undefined;
  return section("Diagnostics", "diagnostics-section", el("ul", { class: "diagnostics", id: "diagnostics", "aria-label": "Diagnostics" }, ...items));
}

/** `timed`: the message counts time, and the one-second tick re-words it (see startTicker). */
function finding(severity: "error" | "warning" | "info", message: string, reason: string, id?: string, timed?: DiagnosticView["timed"]): HTMLElement {
  const messageAttrs = { class: "message", "data-timed-kind": timed?.kind, "data-epoch": timed && String(timed.epochSec) };
  return el("li", { class: `diagnostic ${severity}`, id, role: severity === "error" && id ? "alert" : undefined },
    icon(severity), el("div", { class: "finding" }, el("div", messageAttrs, message), el("div", { class: "reason" }, reason)));
}

function changesSection(changes: ChangeView[] | undefined): HTMLElement | undefined {
  if (!changes?.length) return undefined;
  const list = el("ul", { class: "changes", id: "changes", "aria-label": "What changed since the previous token" });
  for (const c of changes) {
    const row = el("li", { "data-claim": c.claim, class: `change ${c.kind}` }, icon(c.kind === "added" ? "diff-added" : c.kind === "removed" ? "diff-removed" : c.kind === "expiry" ? "watch" : "diff-modified"),
      el("div", { class: "finding" }, el("div", { class: "message" }, c.message)));
    const members = el("div", { class: "members" });
    for (const m of c.addedMembers ?? []) members.append(el("span", { class: "chip added", "aria-label": `added ${m}` }, `+ ${m}`));
    for (const m of c.removedMembers ?? []) members.append(el("span", { class: "chip removed", "aria-label": `removed ${m}` }, `− ${m}`));
    if (members.childElementCount) row.lastElementChild?.append(members);
    list.append(row);
  }
  return section("What changed since the previous token", "changes-section", list);
}

function claimsTable(title: string, sectionId: string, tableId: string, rows: ClaimRow[], withTimes: boolean): HTMLElement {
  const body = el("tbody");
  for (const c of rows) {
    const value = el("td", { class: "value" }, el("code", {}, c.value));
    if (c.valueNote) value.append(el("div", { class: "note" }, c.valueNote));
    if (withTimes && c.epochSec !== undefined) {
      value.append(el("div", { class: "time" }, el("div", {}, formatUtc(c.epochSec)), el("div", {}, formatLocal(c.epochSec)),
        el("div", { class: "relative", "data-epoch": String(c.epochSec), "data-relative": c.name === "exp" ? "expiry" : c.name === "nbf" ? "start" : "plain" })));
    }
    const explanation = el("td", { class: "explain" }, c.title ? el("div", { class: "title" }, c.title) : undefined, c.description ? el("div", { class: "description" }, c.description) : undefined);
    body.append(el("tr", { "data-claim": c.name }, el("th", { scope: "row" }, el("code", {}, c.name)), value, explanation));
  }
  const table = el("table", { id: tableId, "aria-label": title },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Name"), el("th", { scope: "col" }, "Value"), el("th", { scope: "col" }, "Meaning"))), body);
  return section(title, sectionId, el("div", { class: "table-wrap" }, table));
}

function rawJson(token: TokenView): HTMLElement | undefined {
  if (!token.headerJson && !token.payloadJson) return undefined;
  const details = el("details", { id: "raw-json" }, el("summary", {}, "Raw JSON (header and payload)"));
  if (token.headerJson) details.append(el("h3", {}, "Header"), el("pre", { class: "json", id: "header-json", tabindex: "0" }, token.headerJson));
  if (token.payloadJson) details.append(el("h3", {}, "Payload"), el("pre", { class: "json", id: "payload-json", tabindex: "0" }, token.payloadJson));
  return el("section", { "aria-label": "Raw JSON" }, details);
}

function section(title: string, id: string, content: HTMLElement): HTMLElement {
  return el("section", { id, "aria-label": title }, el("h2", {}, title), content);
}

function startTicker(): void {
  const tick = () => {
    const now = Date.now();
    for (const node of document.querySelectorAll<HTMLElement>("[data-relative]")) {
      const style = node.dataset.relative === "expiry" || node.dataset.relative === "start" ? node.dataset.relative : "plain";
      node.textContent = relativeTime(Number(node.dataset.epoch), now, style);
    }
    for (const node of document.querySelectorAll<HTMLElement>("[data-timed-kind]")) {
      node.textContent = timedFindingMessage(node.dataset.timedKind as TimedFindingKind, Number(node.dataset.epoch), now);
    }
  };
  tick();
  if (ticker === undefined) ticker = window.setInterval(tick, 1000);
}
