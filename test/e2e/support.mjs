// Shared by the end-to-end tests: the running VS Code and local Entra ID (started by scripts/test.mjs and passed
// in AZURE_TOKEN_E2E), a fresh Chromium per test, guard checks, screenshots.
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import tls from "node:tls";
import { launchBrowser } from "../harness/browser.mjs";
import { ARTIFACTS_DIR, PROJECT_DIR } from "../harness/paths.mjs";
import { openWorkbench, webview } from "../harness/workbench.mjs";

const context = JSON.parse(process.env.AZURE_TOKEN_E2E ?? "null");
if (!context) throw new Error("AZURE_TOKEN_E2E is not set: run the end-to-end tests through `npm test` (scripts/test.mjs).");
export const { server, entra, runDir, callerDir, workloadTokenFile } = context;

/** Calls the local Entra ID's control API (configure faults, lifetime, auto-approve; read the request log). */
export function entraControl(method, route, body) {
  const ca = fs.readFileSync(entra.caPath);
  // CONTROL_SERVERNAME of test/fake-entra/config.ts: the trusted certificate also while the untrustedCert fault is on.
  const tlsName = { servername: "control.fake-entra.test", checkServerIdentity: (_name, cert) => tls.checkServerIdentity(new URL(entra.url).hostname, cert) };
  return new Promise((resolve, reject) => {
    const req = https.request(`${entra.url}${route}`, { method, ca, ...tlsName, headers: { "content-type": "application/json" } }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => (res.statusCode < 300 ? resolve(text ? JSON.parse(text) : undefined) : reject(new Error(`${route}: ${res.statusCode} ${text}`))));
    });
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * Sets workspace settings for a test (windows of the shared VS Code see them) and returns `update` for more and
 * `restore`, which puts the settings file back as it was.
 */
export function setWorkspaceSettings(values) {
  const file = path.join(server.workspace, ".vscode", "settings.json");
  const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  const apply = (v) => {
    const current = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8") || "{}") : {};
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ ...current, ...v }, null, 2));
  };
  apply(values);
  return {
    update: apply,
    restore: () => (before === undefined ? fs.rmSync(file, { force: true }) : fs.writeFileSync(file, before)),
  };
}

export function screenshotPath(name) {
  fs.mkdirSync(ARTIFACTS_DIR, { recursive: true });
  return path.join(ARTIFACTS_DIR, `${name}.png`);
}

/** `AZURE_TOKEN_UPDATE_IMAGES=1`: the tests that take committed images (walkthrough steps, README) write them too. */
export const UPDATING_IMAGES = process.env.AZURE_TOKEN_UPDATE_IMAGES === "1";

/**
 * The smallest viewport rectangle around every locator, `margin` pixels wider on each side; `extend` pushes edges to
 * the viewport's own ("right", "bottom"), for an item at the window's edge.
 */
export async function clipAround(page, locators, { margin = 12, extend = [] } = {}) {
  const boxes = [];
  for (const l of locators) {
    const box = await l.boundingBox();
    if (!box) throw new Error(`nothing to crop around: ${l} is not visible`);
    boxes.push(box);
  }
  const { width, height } = page.viewportSize();
  const x = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.x)) - margin));
  const y = Math.max(0, Math.floor(Math.min(...boxes.map((b) => b.y)) - margin));
  const right = extend.includes("right") ? width : Math.min(width, Math.ceil(Math.max(...boxes.map((b) => b.x + b.width)) + margin));
  const bottom = extend.includes("bottom") ? height : Math.min(height, Math.ceil(Math.max(...boxes.map((b) => b.y + b.height)) + margin));
  return { x, y, width: right - x, height: bottom - y };
}

/**
 * A screenshot of `clip` into artifacts/<name>.png, like every other; with AZURE_TOKEN_UPDATE_IMAGES=1 also into
 * `publishTo` (a committed image, relative to the project). A normal run never writes outside artifacts/.
 */
export async function saveImage(page, name, { clip, publishTo }) {
  const file = screenshotPath(name);
  await page.screenshot({ path: file, clip });
  if (UPDATING_IMAGES && publishTo) {
    const target = path.join(PROJECT_DIR, publishTo);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  return file;
}

/**
 * Runs `fn({ page, context })` in a fresh browser on a fresh workbench window (installed .vsix, no payload).
 * Fails the test when the browser tried to leave loopback; saves a screenshot when the test fails.
 */
export async function withWorkbench(name, fn, { colorScheme = "light", beforeOpen } = {}) {
  const browser = await launchBrowser({ runDir, colorScheme, trustCertPath: entra.certPath });
  const { page } = browser;
  try {
    // beforeOpen({ page }): listeners that must see the workbench load (console messages, requests).
    if (beforeOpen) await beforeOpen({ page, context: browser.context });
    await openWorkbench(page, server);
    await fn({ page, context: browser.context });
    if (browser.violations.length) throw new Error(`browser tried to leave loopback: ${browser.violations.join(", ")}`);
  } catch (e) {
    await page.screenshot({ path: screenshotPath(`${name}-failure`) }).catch(() => {});
    throw e;
  } finally {
    await browser.close();
  }
}

/** Polls `check` until it returns something truthy (a state outside the page: a file, the local Entra's log, the clipboard). */
export async function waitFor(what, check, timeoutMs = 90_000, { everyMs = 250 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The active token as the view shows it on Reveal (masked again afterwards): for a hash to compare, never to print. */
export async function tokenInView(page) {
  const view = webview(page);
  const reveal = view.locator("#reveal");
  await reveal.waitFor({ timeout: 60_000 });
  if ((await reveal.getAttribute("aria-pressed")) !== "true") await reveal.click();
  await view.locator("#reveal[aria-pressed=true]").waitFor();
  const token = await view.locator("#token-text").innerText();
  await reveal.click();
  await view.locator("#reveal[aria-pressed=false]").waitFor();
  return token;
}
