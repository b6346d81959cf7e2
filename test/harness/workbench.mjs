// Drives the VS Code workbench like a person does. DOM hooks are VS Code internals (not API): keep them here.
import util from "node:util";

/** payload: [key, value] pairs, honoured because the server runs with enable-smoke-test-driver. */
export function workbenchUrl(server, payload = []) {
  let url = `${server.url}/?folder=${encodeURI(server.workspace)}`;
  if (payload.length) url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return url;
}

/**
 * Opens the workbench of `server` (from startCodeServer, or its JSON in the end-to-end tests). Differences between
 * the VS Code versions the tests run in stay in this file: see trustOriginsInBrowser.
 */
export async function openWorkbench(page, server, { payload = [], onLog } = {}) {
  if (onLog) {
    await page.exposeFunction("codeAutomationLog", (type, args) => onLog(type, util.format(...(Array.isArray(args) ? args : [args])).replace(/%c/g, "")));
  }
  if (server.originsToTrustInBrowser?.length) await trustOriginsInBrowser(page, server, server.originsToTrustInBrowser);
  await page.goto(workbenchUrl(server, payload));
  await page.locator(".monaco-workbench").waitFor({ timeout: 60_000 });
  await page.locator(".statusbar").waitFor({ timeout: 60_000 });
}

/**
 * VS Code asks before opening a website it does not trust (link protection). The local Entra ID lives on 127.0.0.2,
 * which is not "localhost" to VS Code, so its sign-in page would trigger that dialog, and during extension tests VS Code
 * refuses to show dialogs at all ("DialogService: refused to show dialog in tests"). code-server 4.139.1 is told to
 * trust it (--link-protection-trusted-domains); code-server 4.93.1 has no such flag. There the origins go where
 * VS Code 1.93 keeps the trusted domains a person adds ("Configure Trusted Domains"): the workbench origin's
 * application storage (IndexedDB vscode-web-state-db-global, store ItemTable, key http.linkProtectionTrustedDomains),
 * written before the workbench starts.
 */
async function trustOriginsInBrowser(page, server, origins) {
  await page.goto(`${server.url}/healthz`);
  await page.evaluate((origins) => new Promise((resolve, reject) => {
    const open = indexedDB.open("vscode-web-state-db-global");
    open.onupgradeneeded = () => { if (!open.result.objectStoreNames.contains("ItemTable")) open.result.createObjectStore("ItemTable"); };
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction("ItemTable", "readwrite");
      tx.objectStore("ItemTable").put(JSON.stringify(origins), "http.linkProtectionTrustedDomains");
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), origins);
}

/**
 * The text box of the open quick input (command palette, input box, quick pick). Not just any `input`: VS Code 1.93's
 * widget also holds a "toggle all" checkbox input.
 */
export function quickInputBox(page) {
  return page.locator(".quick-input-widget .quick-input-box input");
}

/**
 * Runs a command from the palette. Right after the window opens, remote extensions may not be scanned yet
 * and the palette computes its list once per query: retry until the command shows up.
 */
export async function runCommand(page, title, { timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  const input = quickInputBox(page);
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  for (;;) {
    await page.keyboard.press("F1");
    await input.waitFor();
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
  const input = quickInputBox(page);
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

