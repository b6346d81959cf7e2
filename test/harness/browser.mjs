// Debian Chromium driven by playwright-core, kept off the network: every hostname other than loopback fails to
// resolve, and any request to a non-loopback http(s)/ws(s) URL is recorded as a guard violation.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM } from "./paths.mjs";

const CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
  "--disable-features=Translate,MediaRouter", "--mute-audio",
  // The sign-in and device pages open as popups; the workbench behind them must keep rendering its webviews.
  "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE 127.0.0.2"];

export function isLoopbackUrl(url) {
  let u;
  try { u = new URL(url); } catch { return true; }
  if (!["http:", "https:", "ws:", "wss:"].includes(u.protocol)) return true;
  return ["localhost", "[::1]"].includes(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname) || u.hostname.endsWith(".localhost");
}

/** Chromium's way to trust one server certificate (the local Entra ID's) without trusting anything else. */
function spkiHash(certPath) {
  const key = new crypto.X509Certificate(fs.readFileSync(certPath)).publicKey.export({ type: "spki", format: "der" });
  return crypto.createHash("sha256").update(key).digest("base64");
}

/**
 * @param {{ runDir: string, colorScheme?: 'light'|'dark', violations?: string[], trustCertPath?: string }} options
 */
export async function launchBrowser(options) {
  const userDataDir = fs.mkdtempSync(path.join(options.runDir, "chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true,
    args: [...CHROME_ARGS, ...(options.trustCertPath ? [`--ignore-certificate-errors-spki-list=${spkiHash(options.trustCertPath)}`] : [])],
    viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: "en-US", timezoneId: "UTC",
    colorScheme: options.colorScheme ?? "light", reducedMotion: "reduce",
    permissions: ["clipboard-read", "clipboard-write"],
    env: { ...process.env, HOME: userDataDir, XDG_CONFIG_HOME: path.join(userDataDir, ".config"), XDG_CACHE_HOME: path.join(userDataDir, ".cache"), TMPDIR: userDataDir },
  });
  const violations = options.violations ?? [];
  // Webview resources use https://*.vscode-resource.vscode-cdn.net URLs that the webview's service worker answers
  // locally: only a request that really went to the network (failed to resolve, or answered by a server) counts.
  const violation = (request) => violations.push(`${request.method()} ${request.url()}`);
  context.on("requestfailed", (request) => { if (!isLoopbackUrl(request.url())) violation(request); });
  context.on("response", (response) => { if (!isLoopbackUrl(response.url()) && !response.fromServiceWorker()) violation(response.request()); });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context, page, violations,
    async close() { await context.close().catch(() => {}); fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 }); },
  };
}
