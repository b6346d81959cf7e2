// Debian Chromium driven by playwright-core, kept off the network: every hostname other than loopback fails to
// resolve, and any request to a non-loopback http(s)/ws(s) URL is recorded as a guard violation.
import fs from "node:fs";
import path from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM } from "./paths.mjs";

const CHROME_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
  "--disable-features=Translate,MediaRouter", "--mute-audio",
  "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"];

export function isLoopbackUrl(url) {
  let u;
  try { u = new URL(url); } catch { return true; }
  if (!["http:", "https:", "ws:", "wss:"].includes(u.protocol)) return true;
  return ["localhost", "[::1]"].includes(u.hostname) || /^127\.\d+\.\d+\.\d+$/.test(u.hostname) || u.hostname.endsWith(".localhost");
}

/**
 * @param {{ runDir: string, colorScheme?: 'light'|'dark', violations?: string[], grantClipboard?: boolean }} options
 */
export async function launchBrowser(options) {
  const userDataDir = fs.mkdtempSync(path.join(options.runDir, "chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM, headless: true, args: CHROME_ARGS,
    viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, locale: "en-US", timezoneId: "UTC",
    colorScheme: options.colorScheme ?? "light", reducedMotion: "reduce",
    permissions: ["clipboard-read", "clipboard-write"],
    env: { ...process.env, HOME: userDataDir, XDG_CONFIG_HOME: path.join(userDataDir, ".config"), XDG_CACHE_HOME: path.join(userDataDir, ".cache"), TMPDIR: userDataDir },
  });
  const violations = options.violations ?? [];
  context.on("request", (request) => { if (!isLoopbackUrl(request.url())) violations.push(`${request.method()} ${request.url()}`); });
  const page = context.pages()[0] ?? await context.newPage();
  return {
    context, page, violations,
    async close() { await context.close().catch(() => {}); fs.rmSync(userDataDir, { recursive: true, force: true, maxRetries: 3 }); },
  };
}
