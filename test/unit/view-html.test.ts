// The token view's page (src/webview/html.ts): whole in itself (styles and script under one nonce, the first state as
// inert JSON), so VS Code can show it without loading a file or asking the host (`panelVisible` in npm run bench);
// and a hostile claim cannot end the JSON's element or run as script.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { tokenViewHtml } from "../../src/webview/html";
import type { HostMessage } from "../../src/webview/protocol";
import { buildHistory, buildTokenView, copyFormatOptions } from "../../src/webview/tokenView";
import { graphPayload, makeJwt, NOW_MS } from "./helpers/makeJwt";

const assets = { script: 'document.getElementById("app");', styles: "body { color: red; }" };

/** What a browser's parser takes as the JSON element's text: everything up to the first "</script", any case. */
function initialStateOf(html: string): string {
  const m = /<script type="application\/json" id="initial-state">([\s\S]*?)<\/script/i.exec(html);
  assert.ok(m, "the page holds its first state");
  return m[1];
}

function showMessage(payload: Record<string, unknown>): HostMessage {
  const held: HeldToken = { id: "t1", label: "Pasted token", source: "pasted", token: makeJwt(payload), acquiredAtMs: NOW_MS };
  return { type: "show", token: buildTokenView(held, NOW_MS), history: buildHistory([held]), copyFormats: copyFormatOptions() };
}

test("the page embeds its styles and script under one fresh nonce, and the CSP allows nothing else", () => {
  const html = tokenViewHtml(assets, []);
  const nonce = /<script nonce="([^"]+)">/.exec(html)?.[1];
  assert.ok(nonce, html);
  assert.ok(html.includes(`<style nonce="${nonce}">${assets.styles}</style>`));
  assert.ok(html.includes(`<script nonce="${nonce}">${assets.script}</script>`));
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
  assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`);
  assert.ok(html.indexOf("Content-Security-Policy") < html.indexOf("<style"), "the CSP comes first");
  assert.doesNotMatch(html, /\ssrc=|\shref=|\sstyle=/, "nothing to load, no style attribute");
  assert.notEqual(/<script nonce="([^"]+)">/.exec(tokenViewHtml(assets, []))?.[1], nonce, "a new nonce for every page");
});

test("the first state is inert JSON that a hostile claim cannot end: the page's parser reads it back whole", () => {
  const hostile = "</script><script>alert(1)</script><!-- </SCRIPT \u2028 <style>";
  const messages: HostMessage[] = [{ type: "challenge", challenge: null }, showMessage(graphPayload({ name: hostile, [hostile]: 1 }))];
  const html = tokenViewHtml(assets, messages);
  const text = initialStateOf(html);
  assert.doesNotMatch(text, /</, "no \"<\" at all inside the element");
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify(messages)), "the messages, as JSON carries them (no undefined fields)");
  assert.equal(html.match(/<script/gi)?.length, 2, "the JSON and the nonce's script, no other");
});

test("embedded code cannot end its element either: \"</script\" and \"</style\" inside the bundle are escaped", () => {
  const html = tokenViewHtml({ script: 'const a = "</script><b>"; const b = "</SCRIPT >";', styles: 'a::after { content: "</style>"; }' }, []);
  assert.ok(html.includes('const a = "<\\/script><b>"; const b = "<\\/SCRIPT >";'), html);
  assert.ok(html.includes('content: "<\\/style>";'), html);
  assert.equal(html.match(/<\/script/gi)?.length, 2, "only the two elements' own end tags");
  assert.equal(html.match(/<\/style/gi)?.length, 1);
});
