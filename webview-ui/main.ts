// Browser side of the token view. Static page; data arrives by postMessage after we say `ready`.
// Everything is rendered with createElement/textContent. Nothing is kept in webview state (no setState):
// the view is rebuilt from the host on every show.
import { formatLocal, formatUtc, relativeTime } from "../src/core/timeFormat";
import type { ClaimRow, CopyFormatOption, HistoryItem, HostMessage, TokenView, WebviewMessage } from "../src/shared/protocol";
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
  }
});
vscode.postMessage({ type: "ready" });

function render(token: TokenView, history: HistoryItem[], formats: CopyFormatOption[]): void {
  const parts: (HTMLElement | undefined)[] = [
    el("div", { class: "banner", role: "note" }, icon("info"),
      el("span", {}, "Decoding is not verification: anyone can write these claims. Only the API that receives the token validates its signature.")),
    header(token, history),
    tokenBox(token),
    copyBar(formats),
    el("div", { id: "notice", role: "status", class: "notice" }),
    diagnostics(token),
    token.kind === "jws" ? claimsTable(token.claims) : undefined,
    token.headerJson ? section("Header", "header-json", el("pre", { class: "json" }, token.headerJson)) : undefined,
    token.payloadJson ? section("Payload", "payload-json", el("pre", { class: "json" }, token.payloadJson)) : undefined,
    token.kind === "jws" ? section("Signature", "signature", el("p", {}, `${token.signatureLength ?? 0} characters. Not checked: decoding does not verify it.`)) : undefined,
  ];
  app.replaceChildren(...parts.filter((p): p is HTMLElement => p !== undefined));
  startTicker();
}

function header(token: TokenView, history: HistoryItem[]): HTMLElement {
  const title = el("h1", { id: "token-label" }, token.label);
  const expiry = token.expiresOnMs
    ? el("p", { class: "expiry" }, icon("watch"), el("span", { "data-epoch": String(Math.floor(token.expiresOnMs / 1000)), "data-relative": "" }),
      token.expirySource ? el("span", { class: "muted" }, ` (${token.expirySource})`) : undefined)
    : undefined;
  let picker: HTMLElement | undefined;
  if (history.length > 1) {
    const select = el("select", { id: "history", "aria-label": "Tokens in this window" });
    for (const item of history) {
      const option = el("option", { value: item.id }, [item.label, item.audience].filter(Boolean).join(" · "));
      if (item.id === token.id) option.selected = true;
      select.append(option);
    }
    select.addEventListener("change", () => vscode.postMessage({ type: "select", id: select.value }));
    picker = el("label", { class: "history" }, "Token: ", select);
  }
  return el("header", {}, title, el("p", { class: "muted" }, token.source === "pasted" ? "Pasted token" : "Acquired in this window"), expiry, picker);
}

function tokenBox(token: TokenView): HTMLElement {
  const text = el("code", { id: "token-text", class: "token masked" }, token.masked);
  const toggle = button("Reveal", "eye", { id: "reveal", "aria-pressed": "false", "aria-controls": "token-text" }, () => {
    const revealed = toggle.getAttribute("aria-pressed") === "true";
    vscode.postMessage({ type: revealed ? "hide" : "reveal" });
  });
  return el("section", { class: "token-box", "aria-label": "Token" }, text, el("span", { class: "muted" }, ` ${token.length} characters `), toggle);
}

function setTokenText(text: string, revealed: boolean): void {
  const code = document.getElementById("token-text");
  const toggle = document.getElementById("reveal");
  if (!code || !toggle) return;
  code.textContent = text;
  code.classList.toggle("masked", !revealed);
  toggle.setAttribute("aria-pressed", String(revealed));
  toggle.replaceChildren(icon(revealed ? "eye-closed" : "eye"), el("span", {}, revealed ? "Hide" : "Reveal"));
}

function copyBar(formats: CopyFormatOption[]): HTMLElement {
  const bar = el("div", { class: "copy-bar", role: "group", "aria-label": "Copy as" }, el("span", { class: "muted" }, "Copy as:"));
  for (const f of formats) bar.append(button(f.label, "copy", { "data-format": f.id, class: "secondary" }, () => vscode.postMessage({ type: "copy", format: f.id })));
  return bar;
}

function showNotice(text: string): void {
  const notice = document.getElementById("notice");
  if (notice) notice.textContent = text;
}

function diagnostics(token: TokenView): HTMLElement | undefined {
  if (token.error) return el("div", { class: "diagnostic error", role: "alert", id: "decode-error" }, icon("error"), el("span", {}, token.error));
  if (!token.diagnostics.length) return undefined;
  const list = el("ul", { class: "diagnostics", id: "diagnostics", "aria-label": "Diagnostics" });
  for (const d of token.diagnostics) {
    const name = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "info";
    list.append(el("li", { class: `diagnostic ${d.severity}` }, icon(name), el("strong", {}, d.message), el("span", { class: "reason" }, ` ${d.reason}`)));
  }
  return list;
}

function claimsTable(claims: ClaimRow[]): HTMLElement {
  const body = el("tbody");
  for (const c of claims) {
    const value = el("td", { class: "value" }, el("code", {}, c.value));
    if (c.valueNote) value.append(el("div", { class: "note" }, c.valueNote));
    if (c.epochSec !== undefined) {
      value.append(el("div", { class: "time" }, `${formatUtc(c.epochSec)} · ${formatLocal(c.epochSec)} · `,
        el("span", { "data-epoch": String(c.epochSec), "data-relative": "" })));
    }
    const explanation = el("td", { class: "explain" }, c.title ? el("strong", {}, c.title) : undefined, c.description ? el("div", {}, c.description) : undefined);
    body.append(el("tr", { "data-claim": c.name }, el("th", { scope: "row" }, el("code", {}, c.name)), value, explanation));
  }
  const table = el("table", { id: "claims", "aria-label": "Claims" },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, "Claim"), el("th", { scope: "col" }, "Value"), el("th", { scope: "col" }, "Meaning"))), body);
  return section("Claims", "claims-section", table);
}

function section(title: string, id: string, content: HTMLElement): HTMLElement {
  return el("section", { id, "aria-label": title }, el("h2", {}, title), content);
}

function startTicker(): void {
  const tick = () => {
    const now = Date.now();
    for (const node of document.querySelectorAll<HTMLElement>("[data-relative]")) {
      node.textContent = relativeTime(Number(node.dataset.epoch), now);
    }
  };
  tick();
  if (ticker === undefined) ticker = window.setInterval(tick, 1000);
}
