// The bench's empty extension (scripts/bench/extensionHost.mjs): Azure Token's activation event, nothing to do at
// activation, and one command that opens a webview panel with a static table (the baseline of panelVisible).
"use strict";
const vscode = require("vscode");

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand("azureTokenBenchEmpty.openPanel", () => {
    const panel = vscode.window.createWebviewPanel("azureTokenBenchEmpty", "Empty panel", vscode.ViewColumn.Active, {});
    panel.webview.html = "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'\"></head>" +
      "<body><table id=\"claims\"><tr data-claim=\"aud\"><td>aud</td></tr></table></body></html>";
  }));
}

module.exports = { activate, deactivate() {} };
