// The status bar expiry indicator in the real workbench, against the local Entra ID with short-lived tokens:
// countdown text, warning/normal/expired states, silent refresh before expiry (a refresh_token grant, no new
// sign-in), "sign in" when the refresh needs an interactive sign-in (and a click signs in), and the click → quick
// pick actions (fresh token, copy, show, clear).
import { test } from "node:test";
import assert from "node:assert/strict";
import { answerQuickInput, runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, setWorkspaceSettings, waitFor, withWorkbench } from "./support.mjs";

const ITEM = ".statusbar-item[id$='azureToken.expiry']";

/** Runs the local Entra ID with a short access-token lifetime for `fn`, then puts the previous lifetime back. */
async function withLifetime(seconds, fn) {
  const previous = (await entraControl("GET", "/_fake/config")).accessTokenLifetimeSec;
  await entraControl("POST", "/_fake/config", { accessTokenLifetimeSec: seconds });
  try {
    return await fn();
  } finally {
    await entraControl("POST", "/_fake/config", { accessTokenLifetimeSec: previous });
  }
}

/** "Get Azure Token" through its prompts with a browser sign-in (the local Entra ID approves it by itself). */
function acquire(page, scope) {
  return getTokenThroughPrompts(page, "Browser sign-in", { Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: scope, Account: "" });
}

async function requestsSince(count, scopePart) {
  const all = await entraControl("GET", "/_fake/requests");
  return all.slice(count).filter((r) => !scopePart || (r.scope ?? "").includes(scopePart) || r.path.includes("authorize"));
}

/** Authorize requests and token grants since `count`, as [grant type or "authorize", status, AADSTS code]. */
async function signInTraffic(count) {
  return (await requestsSince(count)).filter((r) => r.path.endsWith("/authorize") || r.path.endsWith("/token"))
    .map((r) => [r.grantType ?? "authorize", r.status, r.aadsts]);
}


async function pickAction(page, label, screenshot) {
  await page.locator(ITEM).click();
  if (screenshot) {
    await page.locator(".quick-input-widget .quick-input-list .monaco-list-row", { hasText: "Clear tokens from memory" }).waitFor();
    await page.screenshot({ path: screenshotPath(screenshot) });
  }
  await answerQuickInput(page, label, { expectTitle: "Azure Token:" });
}

test("the status bar counts down a 90 s token, warns, and renews it silently before expiry (refresh_token grant)", async () => {
  const settings = setWorkspaceSettings({ "azureToken.statusBar.warningMinutes": 0, "azureToken.autoRefresh": true });
  try {
    await withLifetime(90, async () => {
      await withWorkbench("status-bar-refresh", async ({ page }) => {
        const item = page.locator(ITEM);
        await acquire(page, "https://management.azure.com/.default");
        await item.waitFor({ state: "visible", timeout: 60_000 });
        const acquiredAt = Date.now();
        // Requests from here on are the extension's own doing, not the sign-in's.
        const baseline = (await entraControl("GET", "/_fake/requests")).length;
        assert.match(await item.innerText(), /^\s*(1m|\d{1,2}s)\s*$/, "icon + time left of the 90 s token");
        assert.match(await item.locator("[aria-label]").first().getAttribute("aria-label"), /^Azure Token: token expires in (1m|\d+s)$/);
        assert.equal(await item.evaluate((e) => e.classList.contains("warning-kind")), false, "normal background with warningMinutes 0");
        await page.screenshot({ path: screenshotPath("status-bar-normal") });

        // The default: warning under 5 minutes, so a 90 s token is in the warning state at once.
        settings.update({ "azureToken.statusBar.warningMinutes": 5 });
        await page.locator(`${ITEM}.warning-kind`).waitFor({ timeout: 15_000 });
        await page.screenshot({ path: screenshotPath("status-bar-warning") });

        // Half-way through its life the token is renewed through the refresh token: no browser, no new sign-in.
        const renewal = await waitFor("a refresh_token grant", async () => {
          const since = await requestsSince(baseline, "management.azure.com");
          return since.find((r) => r.grantType === "refresh_token" && r.status === 200) ? since : undefined;
        }, 80_000);
        const refreshedAfterSec = (Date.now() - acquiredAt) / 1000;
        assert.ok(refreshedAfterSec > 30 && refreshedAfterSec < 85, `renewed half-way, before expiry (after ${refreshedAfterSec.toFixed(0)} s)`);
        assert.deepEqual(renewal.filter((r) => r.path.includes("/authorize") || r.grantType === "authorization_code"), [],
          "no sign-in page and no authorization_code grant for the renewal");
        // The renewed token counts down from its own expiry again.
        await page.locator(ITEM, { hasText: /^\s*1m\s*$/ }).waitFor({ timeout: 15_000 });
        await page.screenshot({ path: screenshotPath("status-bar-refreshed") });
      });
    });
  } finally {
    settings.restore();
  }
});

test("a refresh that needs MFA turns the item into 'sign in' without opening a browser; a click signs in again", async () => {
  const settings = setWorkspaceSettings({ "azureToken.autoRefresh": true });
  try {
    await withLifetime(60, async () => {
      await withWorkbench("status-bar-sign-in", async ({ page, context }) => {
        const item = page.locator(ITEM);
        await acquire(page, "https://management.azure.com/.default");
        await item.waitFor({ state: "visible", timeout: 60_000 });
        const popups = [];
        context.on("page", (p) => popups.push(p));
        const baseline = (await entraControl("GET", "/_fake/requests")).length;
        // From here on Entra wants MFA: the refresh token is refused (invalid_grant, suberror basic_action) until the
        // person signs in on the sign-in page, which no longer approves by itself.
        await entraControl("POST", "/_fake/config", { autoApprove: false, failNext: { aadsts: 50076, grantType: "refresh_token", count: 10 } });

        // Half-way through the token's life the background refresh is refused: the item asks for a sign-in.
        await page.locator(ITEM, { hasText: "sign in" }).waitFor({ timeout: 60_000 });
        assert.match(await item.innerText(), /^\s*sign in\s*$/, "the key icon + sign in");
        assert.equal(await item.locator(".codicon-key").count(), 1, "$(key) renders as the key icon");
        const label = item.locator("[aria-label]").first();
        assert.equal(await label.getAttribute("aria-label"), "Azure Token: sign in needed to refresh the token");
        assert.equal(await label.getAttribute("role"), "button");
        assert.deepEqual(await signInTraffic(baseline), [["refresh_token", 400, 50076]], "one silent refresh, no sign-in page");
        assert.equal(popups.length, 0, "the background refresh opened no browser page");
        await page.screenshot({ path: screenshotPath("status-bar-sign-in") });

        // A click signs in: the silent refresh is refused again, then the sign-in page opens; the person does MFA there
        // (Entra stops refusing) and approves. The item counts down the new token.
        const clicked = (await entraControl("GET", "/_fake/requests")).length;
        const signInPage = context.waitForEvent("page", { timeout: 60_000 });
        await item.click();
        const signIn = await signInPage;
        await signIn.locator("button[name=action][value=approve]").waitFor();
        // The progress says what is happening: a sign-in, not a refresh.
        await page.locator(".notification-toast", { hasText: "Azure Token: signing in for" }).waitFor({ timeout: 15_000 });
        await entraControl("POST", "/_fake/config", { failNext: null });
        await signIn.locator("button[name=action][value=approve]").click();
        await page.locator(ITEM, { hasText: /^\s*(1m|\d{1,2}s)\s*$/ }).waitFor({ timeout: 60_000 });
        assert.match(await label.getAttribute("aria-label"), /^Azure Token: token expires in (1m|\d+s)$/);
        // MSAL tries the refresh token (in the auth layer's silent try and again inside authenticate()) before the page.
        const traffic = await signInTraffic(clicked);
        const authorize = traffic.findIndex(([kind]) => kind === "authorize");
        const refused = traffic.slice(0, authorize);
        assert.ok(refused.length > 0 && refused.every(([kind, status, code]) => kind === "refresh_token" && status === 400 && code === 50076),
          `the refresh token was tried and refused before the sign-in page: ${JSON.stringify(traffic)}`);
        assert.deepEqual(traffic.slice(authorize, authorize + 2), [["authorize", 200, undefined], ["authorization_code", 200, undefined]]);
        await page.locator(".notification-toast", { hasText: "signing in for" }).waitFor({ state: "hidden", timeout: 15_000 });
        await page.screenshot({ path: screenshotPath("status-bar-signed-in") });
      });
    });
  } finally {
    settings.restore();
    await entraControl("POST", "/_fake/config", { autoApprove: true, failNext: null });
  }
});

test("with refresh off the item shows the expired state; the quick pick gets a fresh token, copies, shows and clears", async () => {
  const settings = setWorkspaceSettings({ "azureToken.autoRefresh": false });
  try {
    await withLifetime(20, async () => {
      await withWorkbench("status-bar-actions", async ({ page }) => {
        const item = page.locator(ITEM);
        await acquire(page, "https://graph.microsoft.com/User.Read");
        await item.waitFor({ state: "visible", timeout: 60_000 });
        const baseline = (await entraControl("GET", "/_fake/requests")).length;
        assert.match(await item.innerText(), /^\s*\d{1,2}s\s*$/, "seconds in the last minute");
        // The open token view's findings follow the clock: "Expires soon" counts down, then becomes "Expired".
        const findings = webview(page).locator("#diagnostics .message");
        const soon = findings.filter({ hasText: /^Expires soon: in \d{1,2} s\.$/ });
        const first = await soon.innerText({ timeout: 30_000 });
        await waitFor("the finding to count down", async () => (await soon.innerText()) !== first, 10_000);
        await page.locator(`${ITEM}.error-kind`, { hasText: "expired" }).waitFor({ timeout: 40_000 });
        await findings.filter({ hasText: /^Expired (just now|\d{1,2} s ago)\.$/ }).waitFor({ timeout: 10_000 });
        assert.equal(await findings.filter({ hasText: "Expires soon" }).count(), 0, "the 'expires soon' finding is gone");
        assert.equal(await item.locator("[aria-label]").first().getAttribute("aria-label"), "Azure Token: token expired");
        const refreshes = (await requestsSince(baseline, "User.Read")).filter((r) => r.grantType === "refresh_token");
        assert.equal(refreshes.length, 0, "no background refresh with azureToken.autoRefresh off");
        await page.screenshot({ path: screenshotPath("status-bar-expired") });

        // Get fresh token: bypasses the cache through the refresh token; the item counts down again.
        await pickAction(page, "Get fresh token", "status-bar-quick-pick");
        await waitFor("the fresh token's refresh_token grant", async () =>
          (await requestsSince(baseline, "User.Read")).some((r) => r.grantType === "refresh_token" && r.status === 200), 30_000);
        await page.locator(ITEM, { hasText: /^\s*\d{1,2}s\s*$/ }).waitFor({ timeout: 15_000 });

        // Copy as → Token: the clipboard holds the token (JWT-shaped, for Graph).
        await page.evaluate(() => navigator.clipboard.writeText("before"));
        await pickAction(page, "Copy as");
        await answerQuickInput(page, "Token", { expectTitle: "copy" });
        const copied = await waitFor("the clipboard", async () => {
          const text = await page.evaluate(() => navigator.clipboard.readText());
          return text !== "before" ? text : undefined;
        }, 15_000);
        const parts = copied.split(".");
        assert.equal(parts.length, 3, "a JWT was copied");
        assert.equal(JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8")).aud, "00000003-0000-0000-c000-000000000000");

        // Show token: the view opens (close it first).
        await runCommand(page, "View: Close All Editors");
        await page.locator("iframe.webview.ready").waitFor({ state: "detached", timeout: 15_000 });
        await pickAction(page, "Show token");
        await webview(page).locator("#claims tr[data-claim=aud] td.value").waitFor({ timeout: 30_000 });
        await page.screenshot({ path: screenshotPath("status-bar-show") });

        // Clear tokens from memory: the item disappears.
        await pickAction(page, "Clear tokens");
        await item.waitFor({ state: "hidden", timeout: 15_000 });
      });
    });
  } finally {
    settings.restore();
  }
});
