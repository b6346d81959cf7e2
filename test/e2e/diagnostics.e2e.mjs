// The token view's diagnostics in the real workbench, each on a token that has the problem: an app-only v2.0 token
// (client credentials for the sandbox API), a delegated v1.0 token (a browser sign-in for Microsoft Graph), a token
// for another audience than the one asked for (the local Entra's wrongAudience fault, as a misrouted request or a
// stale cache would give), and a pasted token whose nbf is an hour ahead (made at run time).
import { test } from "node:test";
import assert from "node:assert/strict";
import { runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, withWorkbench } from "./support.mjs";

const GRAPH_APP_ID = "00000003-0000-0000-c000-000000000000";
const b64url = (text) => Buffer.from(text).toString("base64url");

/** The diagnostics list once the view shows a token whose `claim` row holds `value`: one "severity: message" per finding. */
async function findingsFor(page, claim, value) {
  const view = webview(page);
  await view.locator(`#claims tr[data-claim=${claim}]`, { hasText: value }).waitFor({ timeout: 60_000 });
  return view.locator("#diagnostics li.diagnostic").evaluateAll((items) => items.map((li) =>
    `${["error", "warning", "info"].find((s) => li.classList.contains(s))}: ${li.querySelector(".message")?.textContent ?? ""}`));
}

const clientSecret = (scopes) => ({
  Tenant: entra.tenantId, "Client ID": entra.confidentialClientId, "Client Secret": entra.confidentialClientSecret, Scopes: scopes,
  // A second client secret request in the window is offered the secret entered earlier (never reused silently).
  "Secret to Use": "Use the secret entered earlier",
});

test("diagnostics: app-only vs delegated, v2.0 vs v1.0, another audience than asked for, nbf in the future", async () => {
  await withWorkbench("diagnostics", async ({ page }) => {
    // App-only, v2.0: client credentials for the sandbox API.
    await getTokenThroughPrompts(page, "Client secret", clientSecret(`${entra.apiIdentifierUri}/.default`));
    const appOnly = await findingsFor(page, "aud", entra.apiAppId);
    assert.ok(appOnly.includes("info: Application token: no signed-in user."), appOnly.join(" | "));
    assert.ok(appOnly.includes("info: v2.0 access token."), appOnly.join(" | "));
    assert.ok(!appOnly.some((f) => f.startsWith("error")), appOnly.join(" | "));

    // Asked for Microsoft Graph, got a token for the sandbox API.
    await entraControl("POST", "/_fake/config", { wrongAudience: { resource: entra.apiIdentifierUri } });
    try {
      await getTokenThroughPrompts(page, "Client secret", clientSecret("https://graph.microsoft.com/.default"));
      // The second token of the window: the history lists it once the view shows it.
      await webview(page).locator("#history option >> nth=1").waitFor({ state: "attached", timeout: 60_000 });
      const mismatch = await findingsFor(page, "aud", entra.apiAppId);
      assert.ok(mismatch.includes(`error: Audience is ${entra.apiAppId}, not Microsoft Graph.`), mismatch.join(" | "));
      await page.screenshot({ path: screenshotPath("diagnostics-audience-mismatch") });
    } finally {
      await entraControl("POST", "/_fake/config", { wrongAudience: null });
    }

    // Delegated, v1.0: a browser sign-in for Microsoft Graph (its tokens are v1.0).
    await getTokenThroughPrompts(page, "Browser sign-in", { Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: "https://graph.microsoft.com/User.Read", Account: "" });
    const delegated = await findingsFor(page, "scp", "User.Read");
    assert.ok(delegated.includes("info: Delegated token: the app acts for a signed-in user."), delegated.join(" | "));
    assert.ok(delegated.includes("info: v1.0 access token."), delegated.join(" | "));
    assert.match(await webview(page).locator("#claims tr[data-claim=aud] td.value").innerText(), new RegExp(GRAPH_APP_ID));

    // A pasted token that starts in an hour.
    const now = Math.floor(Date.now() / 1000);
    const future = [b64url(JSON.stringify({ typ: "JWT", alg: "RS256", kid: "e2e" })),
      b64url(JSON.stringify({ aud: "api://diagnostics-e2e", iss: `https://sts.windows.net/${entra.tenantId}/`, tid: entra.tenantId, iat: now, nbf: now + 3600, exp: now + 7200, name: "Future Token" })),
      b64url("not-a-real-signature-".repeat(8))].join(".");
    await page.evaluate((t) => navigator.clipboard.writeText(t), future);
    await runCommand(page, "Decode JWT");
    const notYet = await findingsFor(page, "name", "Future Token");
    assert.ok(notYet.some((f) => /^error: Not yet valid: it starts in (59 min|1 h)/.test(f)), notYet.join(" | "));
    await page.screenshot({ path: screenshotPath("diagnostics-not-yet-valid") });
  });
});
