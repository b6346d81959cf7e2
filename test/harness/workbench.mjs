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
  await waitForWorkbench(page);
}

/** The workbench is laid out: its editor area and status bar are visible (after a load or a window reload). */
export async function waitForWorkbench(page) {
  for (const part of [".monaco-workbench", ".part.editor", ".statusbar"]) await page.locator(part).first().waitFor({ state: "visible", timeout: 60_000 });
}

/**
 * Opens the command palette and resolves once its input is visible. A key pressed while the workbench is still
 * starting (after a load or a reload, on a busy machine) can be lost: press again until the palette shows,
 * never wait once and hope.
 */
export async function openCommandPalette(page, { timeoutMs = 60_000 } = {}) {
  const input = page.locator(".quick-input-widget input").first();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.keyboard.press("F1");
    try {
      await input.waitFor({ state: "visible", timeout: 2000 });
      return input;
    } catch (e) {
      if (Date.now() > deadline) throw new Error(`the command palette did not open within ${timeoutMs / 1000} s`, { cause: e });
    }
  }
}

/**
 * Runs a command from the palette. Right after the window opens, remote extensions may not be scanned yet
 * and the palette computes its list once per query: retry until the command shows up.
 */
export async function runCommand(page, title, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  for (;;) {
    const input = await openCommandPalette(page, { timeoutMs: Math.max(5000, deadline - Date.now()) });
    await input.fill(`>${title}`);
    try {
      await row.waitFor({ timeout: 3000 });
      break;
    } catch (e) {
      await page.keyboard.press("Escape");
      if (Date.now() > deadline) throw new Error(`command "${title}" not in the palette after ${timeoutMs / 1000} s`, { cause: e });
    }
  }
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

