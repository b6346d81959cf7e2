// The token view draws the state its page came with (src/webview/html.ts) before it says `ready`: no round trip to the
// host before the first paint. Its own process (node --test runs each file apart): the page is loaded once per file.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { tokenViewHtml } from "../../src/webview/html";
import type { HostMessage } from "../../src/webview/protocol";
import { buildHistory, buildTokenView, copyFormatOptions } from "../../src/webview/tokenView";
import { CODICONS } from "../../webview-ui/codicons";
import { installFakeDom } from "./helpers/fakeDom";
import { graphPayload, makeJwt, NOW_MS } from "./helpers/makeJwt";

const hostile = "</script><script>alert(1)</script>";
const held: HeldToken = { id: "t1", label: "Pasted token", source: "pasted", token: makeJwt(graphPayload({ name: hostile })), acquiredAtMs: NOW_MS };
const messages: HostMessage[] = [
  { type: "challenge", challenge: null },
  { type: "show", token: buildTokenView(held, NOW_MS), history: buildHistory([held]), copyFormats: copyFormatOptions() },
];
// The element's text as the browser's parser reads it from the page the host builds.
const html = tokenViewHtml({ script: "", styles: "" }, messages);
const initialState = /<script type="application\/json" id="initial-state">([\s\S]*?)<\/script/i.exec(html)?.[1];
const page = installFakeDom(initialState);
const viewCode = "../../webview-ui/main.ts";
before(async () => {
  await import(viewCode);
});

test("the page draws its first state, every claim with hostile text as text, then says ready", () => {
  assert.deepEqual(page.posted, [{ type: "ready" }], "ready is said once, after drawing");
  assert.ok(!page.app.textContent.includes("Loading token"));
  const rows = page.app.querySelectorAll("#claims tr[data-claim]");
  assert.equal(rows.length, Object.keys(graphPayload()).length);
  const name = rows.find((r) => r.getAttribute("data-claim") === "name")?.querySelector("td.value code")?.textContent;
  assert.equal(name, hostile);
});

test("icons are inline SVG outlines of the codicons, no font", () => {
  const icons = page.app.querySelectorAll("svg.codicon");
  assert.ok(icons.length > 0, "the view shows icons");
  for (const svg of icons) {
    const name = /codicon-([\w-]+)/.exec(svg.getAttribute("class") ?? "")?.[1] as keyof typeof CODICONS;
    assert.ok(name in CODICONS, `${name} is one of the generated outlines`);
    assert.equal(svg.getAttribute("viewBox"), "0 0 16 16");
    assert.equal(svg.getAttribute("aria-hidden"), "true");
    assert.equal(svg.querySelector("path")?.getAttribute("d"), CODICONS[name]);
  }
});
