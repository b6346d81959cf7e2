// The token view's static page (src/webview/html.ts): its script starts without waiting for the stylesheets, so the
// `ready` round trip to the host overlaps their loading (the first paint: `panelVisible` in npm run bench).
import { test } from "node:test";
import assert from "node:assert/strict";
import { tokenViewHtml } from "../../src/webview/html";

const webview = { cspSource: "vscode-resource:", asWebviewUri: (u: { path: string }) => ({ toString: () => `vscode-resource:${u.path}` }) };
const join = (base: { path: string }, ...p: string[]) => ({ path: [base.path, ...p].join("/") });

test("the view's script is async, by nonce, after the stylesheets: it does not wait for them to say ready", () => {
  const html = tokenViewHtml(webview as never, { path: "/ext/dist/webview" } as never, join as never);
  const script = /<script nonce="([^"]+)" src="vscode-resource:\/ext\/dist\/webview\/main\.js" async><\/script>/.exec(html);
  assert.ok(script, html);
  assert.ok(html.includes(`script-src 'nonce-${script[1]}'`), "the CSP allows that script by its nonce only");
  assert.ok(html.indexOf("codicon.css") < html.indexOf("<script"), "the stylesheets come first");
});
