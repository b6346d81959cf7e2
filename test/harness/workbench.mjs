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
  await waitForWorkbench(page);
}

/** The workbench is laid out: its editor area and status bar are visible (after a load or a window reload). */
export async function waitForWorkbench(page) {
  for (const part of [".monaco-workbench", ".part.editor", ".statusbar"]) await page.locator(part).first().waitFor({ state: "visible", timeout: 60_000 });
}

/**
 * "Developer: Reload Window" as a person runs it (the command lets the workbench flush its storage first): a new
 * extension host, tokens gone from memory, globalState kept. Resolves when the reloaded workbench is laid out.
 */
export async function reloadWindow(page) {
  const reloaded = page.waitForEvent("load", { timeout: 60_000 });
  await runCommand(page, "Developer: Reload Window");
  await reloaded;
  await waitForWorkbench(page);
}

/**
 * Opens the command palette and resolves once its input is visible. A key pressed while the workbench is still
 * starting (after a load or a reload, on a busy machine) can be lost: press again until the palette shows,
 * never wait once and hope.
 */
export async function openCommandPalette(page, { timeoutMs = 60_000 } = {}) {
  const input = quickInputBox(page);
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
  const row = page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first();
  for (;;) {
    const input = await openCommandPalette(page, { timeoutMs: Math.max(5000, deadline - Date.now()) });
    try {
      // The palette can close again before it is typed into (focus taken by an editor or dialog closing behind it):
      // then open it again, like the missing row below.
      await input.fill(`>${title}`, { timeout: 3000 });
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

/**
 * Picks an item of the open context menu. A click that lands while the menu is still opening is sometimes dropped
 * (the menu stays open with the item highlighted: seen twice in ten runs), so the item is clicked again until the
 * menu closes.
 */
export async function clickContextMenuItem(page, label, { timeoutMs = 15_000 } = {}) {
  const menu = page.locator(".context-view .monaco-menu");
  const item = menu.locator(".action-label", { hasText: label });
  const deadline = Date.now() + timeoutMs;
  await item.click({ timeout: timeoutMs });
  while (await menu.isVisible()) {
    if (Date.now() > deadline) throw new Error(`the context menu stayed open after clicking "${label}"`);
    await page.waitForTimeout(500);
    if (await menu.isVisible()) await item.click({ timeout: 2_000 }).catch(() => {});
  }
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


/** An editor tab by its label (e.g. "Walkthrough: Azure Token"), brought to the front. */
export async function showEditorTab(page, label) {
  const tab = page.locator(".tabs-container .tab", { hasText: label }).first();
  await tab.click();
  await page.locator(".tabs-container .tab.active", { hasText: label }).first().waitFor();
}

/**
 * Help: Welcome, then the walkthrough's entry in its "Walkthroughs" list, as a person opens it. Extension
 * walkthroughs join the list once the installed extensions are registered: the entry is waited for.
 */
export async function openWalkthroughFromWelcome(page, title, { timeoutMs = 60_000 } = {}) {
  await runCommand(page, "Help: Welcome");
  const entry = page.locator(".gettingStartedContainer button.getting-started-category", { hasText: title });
  await entry.waitFor({ timeout: timeoutMs });
  await entry.click();
  await page.locator(".gettingStartedSlideDetails h2.category-title", { hasText: title }).waitFor();
}

/** The step titles of the open walkthrough, in order. */
export function walkthroughStepTitles(page) {
  return page.locator(".gettingStartedSlideDetails .getting-started-step h3.step-title").allInnerTexts();
}

/**
 * One step of the open walkthrough, by its title: `row` (a click selects it and shows its description, buttons and
 * image), `done()` (its check mark: VS Code ticks it off when a completion event fires), `button(label)` (a
 * `[label](command:…)` link of its description) and `image` (the step's media, shown beside the steps).
 */
export function walkthroughStep(page, title) {
  const row = page.locator(".gettingStartedSlideDetails button.getting-started-step", { has: page.locator("h3.step-title", { hasText: title }) });
  const checkbox = row.locator("[role=checkbox]").first();
  return {
    row,
    checkbox,
    done: async () => (await checkbox.getAttribute("aria-checked")) === "true",
    /** Resolves once the check mark shows (VS Code renders it when the step's completion event fires). */
    waitDone: (timeout = 15_000) => row.locator("[role=checkbox][aria-checked=true]").waitFor({ timeout }),
    button: (label) => row.locator(".button-container .monaco-button", { hasText: label }).first(),
    select: async () => {
      await row.click();
      await page.locator(".gettingStartedSlideDetails button.getting-started-step.expanded", { has: page.locator("h3.step-title", { hasText: title }) }).waitFor();
    },
  };
}

/** The image shown beside the open walkthrough's steps for the selected step, by its alt text. */
export function walkthroughImage(page, altText) {
  return page.locator(`.gettingStartedSlideDetails .getting-started-media img[alt=${JSON.stringify(altText)}]`);
}

/** Resolves when `img` has loaded a real image (a missing file loads as "complete" with no pixels). */
export async function imageLoaded(page, img, { timeout = 15_000 } = {}) {
  await img.waitFor({ timeout });
  await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await img.elementHandle(), { timeout });
}

/**
 * The modal dialog on top of the workbench (a consent, a confirmation; a workbench with an extension-test payload
 * refuses to show them, the end-to-end one shows them): its message, detail and buttons by their exact labels.
 */
export function modalDialog(page) {
  const box = page.locator(".monaco-dialog-box");
  return {
    box,
    /** Resolves with the dialog's element once one is visible (a later dialog is a new element). */
    shown: async (timeout = 60_000) => {
      await box.waitFor({ state: "visible", timeout });
      return box.elementHandle();
    },
    message: () => box.locator(".dialog-message-text").innerText(),
    detail: () => box.locator(".dialog-message-detail").innerText(),
    button: (label) => box.locator(".dialog-buttons .monaco-button").filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*$`) }),
    buttonLabels: () => box.locator(".dialog-buttons .monaco-button").allInnerTexts(),
  };
}
