// Drives the VS Code workbench like a person does. DOM hooks are VS Code internals (not API): keep them here.
import util from "node:util";

/** payload: [key, value] pairs, honoured because the server runs with enable-smoke-test-driver. */
export function workbenchUrl(server, payload = []) {
  let url = `${server.url}/?folder=${encodeURI(server.workspace)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

export async function openWorkbench(page, server, { payload = [], onLog } = {}) {
  if (onLog) {
    await page.exposeFunction("codeAutomationLog", (type, args) => onLog(type, util.format(...(Array.isArray(args) ? args : [args])).replace(/%c/g, "")));
  }
  await page.goto(workbenchUrl(server, payload));
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await page.locator(".statusbar").waitFor({ timeout: 60_000 });
}

export async function runCommand(page, title) {
  await page.keyboard.press("F1");
  const input = page.locator(".quick-input-widget input");
  await input.waitFor();
  await input.fill(`>${title}`);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  await row.waitFor({ timeout: 30_000 });
  await page.keyboard.press("Enter");
}

/** Types into the open quick input (input box or quick pick) and accepts. */
export async function answerQuickInput(page, text, { expectTitle } = {}) {
  const widget = page.locator(".quick-input-widget");
  await widget.waitFor({ state: "visible" });
  if (expectTitle) await widget.locator(".quick-input-title", { hasText: expectTitle }).waitFor();
  const input = widget.locator("input").first();
  await input.fill(text);
  await page.keyboard.press("Enter");
}

export async function quickInputMessage(page) {
  return page.locator(".quick-input-widget .quick-input-message").innerText();
}

/** The extension's own HTML inside a webview: two nested iframes. */
export function webview(page) {
  return page.frameLocator("iframe.webview.ready").frameLocator("#active-frame");
}

export function statusBarItem(page, text) {
  return page.locator(".statusbar-item", { hasText: text }).first();
}

export async function notificationTexts(page) {
  return page.locator(".notification-toast .notification-list-item-message").allInnerTexts();
}

/**
 * VS Code asks before opening a website it does not trust (link protection): the local Entra ID lives on
 * 127.0.0.2, which is not "localhost" to VS Code, so the sign-in page triggers that dialog. Answer "Open"
 * like a person would, for as long as the page lives.
 */
export function confirmExternalLinks(page) {
  let stopped = false;
  const dialog = page.locator(".monaco-dialog-box", { hasText: "open the external website" });
  (async () => {
    while (!stopped && !page.isClosed()) {
      try {
        await dialog.waitFor({ state: "visible", timeout: 1000 });
        await dialog.locator(".monaco-button", { hasText: /^Open$/ }).first().click({ timeout: 2000 });
      } catch { /* no dialog right now */ }
    }
  })();
  return () => { stopped = true; };
}
