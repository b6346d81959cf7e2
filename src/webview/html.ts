import { randomBytes } from "node:crypto";
import type { HostMessage } from "./protocol";

/** The view's script and styles (dist/webview/main.js and main.css: src/webview/viewAssets.ts reads them). */
export interface ViewAssets {
  readonly script: string;
  readonly styles: string;
}

/**
 * The token view's page, whole: its styles and script embedded under a fresh nonce, and the messages that draw its
 * first state as inert JSON, which the script draws before it says `ready`. VS Code shows a webview once its document
 * has loaded, so the page fetches nothing (no script, stylesheet or font file) and waits for no round trip to the host
 * (`panelVisible` in npm run bench). The CSP allows the nonce's script and style only: no network, no files, no style
 * attributes, no other script. The JSON cannot end its element: every "<" in it is escaped.
 */
export function tokenViewHtml(assets: ViewAssets, initial: readonly HostMessage[]): string {
  const nonce = randomBytes(18).toString("base64");
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style nonce="${nonce}">${embeddable(assets.styles, "style")}</style>
<title>Azure Token</title>
</head>
<body>
<main id="app"><p class="loading">Loading token…</p></main>
<script type="application/json" id="initial-state">${JSON.stringify(initial).replace(/</g, "\\u003c")}</script>
<script nonce="${nonce}">${embeddable(assets.script, "script")}</script>
</body>
</html>`;
}

/**
 * Code that cannot end the element it is embedded in: "</script" inside a string or regular expression of the bundle
 * would, so it becomes "<\/script", which JavaScript and CSS both read as the same text.
 */
function embeddable(code: string, element: "script" | "style"): string {
  return code.replace(new RegExp(`</(${element})`, "gi"), "<\\/$1");
}
