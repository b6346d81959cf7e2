// Sign-in methods besides the browser, in the real workbench against the local Entra ID: device code (the code in a
// notification with "Copy code & open browser"), client secret (typed once into the prompt and held for the window;
// a repeat offers it and is answered from the library's cache with no request to Entra), and client certificate.
import { test } from "node:test";
import assert from "node:assert/strict";
import { webview } from "../harness/workbench.mjs";
import { claimValue, getTokenThroughPrompts, notification } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, withWorkbench } from "./support.mjs";

const tokenPosts = async () => (await entraControl("GET", "/_fake/requests")).filter((r) => r.path.endsWith("/oauth2/v2.0/token")).length;

test("device code: the notification shows the code; approving it on the device page gives a token", async () => {
  await withWorkbench("device-code", async ({ page, context }) => {
    await getTokenThroughPrompts(page, "Device code", {
      Tenant: entra.tenantDomain, "Client ID": entra.publicClientId, Scopes: "https://vault.azure.net/.default",
    });
    const toast = await notification(page, "enter the code");
    const pending = await entraControl("GET", "/_fake/devicecodes");
    const text = await toast.locator(".notification-list-item-message").innerText();
    const shown = pending.find((code) => text.includes(code));
    assert.ok(shown, `the notification shows the pending user code (${text})`);
    await page.screenshot({ path: screenshotPath("device-code-notification") });

    // "Copy code & open browser" opens the verification page through VS Code.
    const opened = context.waitForEvent("page", { timeout: 30_000 });
    await toast.getByRole("button", { name: "Copy code & open browser" }).click();
    const devicePage = await opened;
    await devicePage.waitForLoadState();
    assert.match(devicePage.url(), /\/common\/oauth2\/deviceauth/);
    await devicePage.close();
    await page.bringToFront();

    const approved = await entraControl("POST", "/_fake/devicecode/approve", { userCode: shown, username: "bob@contoso.test" });
    assert.equal(approved.approved, true);
    assert.match(await claimValue(page, "aud"), /vault\.azure\.net/);
    assert.match(await claimValue(page, "upn"), /bob@contoso\.test/);
    await page.screenshot({ path: screenshotPath("device-code-token") });
  });
});

test("client secret: typed once, then a repeat comes from the cache without a request to Entra", async () => {
  await withWorkbench("client-secret", async ({ page }) => {
    const answers = {
      Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret,
      Scopes: `${entra.apiIdentifierUri}/.default`,
    };
    await getTokenThroughPrompts(page, "Client secret", answers);
    assert.match(await claimValue(page, "roles"), /Items\.Read\.All/);
    assert.match(await claimValue(page, "aud"), new RegExp(entra.apiAppId));
    await page.screenshot({ path: screenshotPath("client-secret-token") });

    // The view's session history (shown from two tokens on) lists the second token once it is held. The secret typed
    // before is held for this window and offered, never reused silently.
    const before = await tokenPosts();
    await getTokenThroughPrompts(page, "Client secret", { ...answers, "Secret to Use": "Use the secret entered earlier" });
    await webview(page).locator("select option >> nth=1").waitFor({ state: "attached", timeout: 30_000 });
    assert.equal(await tokenPosts(), before, "the second token came from MSAL's cache: no request reached the local Entra ID");
  });
});

test("client certificate: the PEM file's app gets a token", async () => {
  await withWorkbench("client-certificate", async ({ page }) => {
    await getTokenThroughPrompts(page, "Client certificate", {
      // "Password" first: the password step's title also contains "Certificate". The sandbox key is not encrypted.
      Tenant: entra.tenantId, "Client ID": entra.certificateClientId, Password: "", Certificate: entra.clientCertPemPath,
      Scopes: `${entra.apiIdentifierUri}/.default`,
    });
    assert.match(await claimValue(page, "roles"), /Items\.Read\.All/);
    const requests = await entraControl("GET", "/_fake/requests");
    assert.ok(requests.some((r) => r.clientId === entra.certificateClientId && r.status === 200), "the certificate app got its token");
  });
});

test("Azure CLI: reuses the CLI's sign-in (the stand-in az on VS Code's PATH)", async () => {
  await withWorkbench("azure-cli", async ({ page }) => {
    await getTokenThroughPrompts(page, "Azure CLI", { Tenant: entra.tenantId, Scopes: "https://management.azure.com/.default" });
    assert.match(await claimValue(page, "aud"), /https:\/\/management\.azure\.com/);
    assert.equal((await claimValue(page, "appid")).split("\n")[0].trim(), entra.confidentialClientId, "the token is the one az handed over");
    await page.screenshot({ path: screenshotPath("azure-cli-token") });
  });
});
