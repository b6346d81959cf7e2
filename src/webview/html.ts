import { randomBytes } from "node:crypto";
import type * as vscode from "vscode";

/**
 * Static HTML for the token view: no data in it (data arrives by postMessage after `ready`), a strict CSP first
 * in <head>, scripts by a fresh nonce only, no inline style, no network, resources from dist/webview only. The script
 * is async: a parser-inserted script waits for the stylesheets above it (the codicons' CSS among them), and the
 * view's first paint waits for its `ready` round trip to the host (`panelVisible` in npm run bench).
 */
export function tokenViewHtml(webview: vscode.Webview, webviewRoot: vscode.Uri, joinPath: (base: vscode.Uri, ...p: string[]) => vscode.Uri): string {
  const nonce = randomBytes(18).toString("base64");
  const src = (file: string) => webview.asWebviewUri(joinPath(webviewRoot, file)).toString();
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource}`,
    `img-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${src("codicon.css")}">
<link rel="stylesheet" href="${src("main.css")}">
<title>Azure Token</title>
</head>
<body>
<main id="app"><p class="loading">Loading token…</p></main>
<script nonce="${nonce}" src="${src("main.js")}" async></script>
</body>
</html>`;
}
