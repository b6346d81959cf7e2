// A 401 claims challenge in the real workbench (issue 8): a token for the sandbox API, then the API's whole 401
// response (an authentication context, c1) on the clipboard → Explain 401 Challenge shows it explained above the
// token, which does not meet it → "Get a token that satisfies this challenge" signs in again with the claims (the
// local Entra refuses the silent request until a sign-in meets c1) → the new token has acrs c1, the view says it
// meets the challenge and what changed. Then bad input: a Basic challenge gets a specific message; the input box
// names what is wrong as it is typed. The explanation's screenshot is docs/images/challenge.png.
import { test } from "node:test";
import assert from "node:assert/strict";
import { quickInputBox, runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts, notification } from "./credentialSteps.mjs";
import { clipAround, entra, entraControl, saveImage, withWorkbench } from "./support.mjs";

const b64url = (text) => Buffer.from(text).toString("base64url");
const SCOPE = "api://azure-token-sandbox-api/Items.Read";

/** The API's answer, as curl -i prints it. */
function response401() {
  const claims = b64url(JSON.stringify({ access_token: { acrs: { essential: true, value: "c1" } } }));
  return [
    "HTTP/1.1 401 Unauthorized",
    "Content-Type: application/json; charset=utf-8",
    `WWW-Authenticate: Bearer realm="", authorization_uri="${entra.url}/${entra.tenantId}/oauth2/v2.0/authorize", error="insufficient_claims", error_description="Step-up authentication is required for this operation", claims="${claims}"`,
    "",
    JSON.stringify({ error: { code: "AuthenticationContextRequired", message: "The operation needs authentication context c1." } }),
  ].join("\r\n");
}

test("Explain 401 Challenge: a pasted 401 explained; a token that satisfies it has acrs c1; bad input gets a specific message", async () => {
  await withWorkbench("challenge", async ({ page }) => {
    const view = webview(page);
    await getTokenThroughPrompts(page, "Browser sign-in", { Tenant: entra.tenantId, "Client ID": entra.publicClientId, Scopes: SCOPE, Account: "" });
    await view.locator("#claims tr[data-claim=scp]", { hasText: "Items.Read" }).waitFor({ timeout: 60_000 });
    assert.equal(await view.locator("#claims tr[data-claim=acrs]").count(), 0, "the first token has no authentication context");

    // The whole response from the clipboard (the active editor is the view: no selection).
    await page.evaluate((text) => navigator.clipboard.writeText(text), response401());
    await runCommand(page, "Explain 401 Challenge");
    const summary = view.locator("#challenge-summary");
    await summary.waitFor({ timeout: 30_000 });
    assert.match(await summary.innerText(), /HTTP 401\. The API wants a new token with acrs c1/);
    const findings = await view.locator("#challenge-findings").innerText();
    assert.match(findings, /insufficient_claims: the API wants a token with other claims/);
    assert.match(findings, /Conditional Access authentication context c1 is required/);
    assert.match(findings, new RegExp(`tenant ${entra.tenantId}`));
    assert.match(findings, /The response body says: AuthenticationContextRequired/);
    assert.match(await view.locator("#challenge-claims").innerText(), /"acrs"[\s\S]*"c1"/);
    assert.match(await view.locator("#challenge-params-0 tr[data-claim=error_description]").innerText(), /Step-up authentication is required/);
    const check = view.locator("#challenge-check");
    assert.equal(await check.getAttribute("data-met"), "false");
    assert.match(await check.innerText(), /does not meet this challenge[\s\S]*acrs c1/);
    await view.locator("#claims").waitFor(); // the token is still shown below

    // The image: no toast over it ("got a token… Save as Profile"), the explanation and the check, not the parameters.
    await runCommand(page, "Notifications: Clear All Notifications");
    await page.locator(".notification-toast").first().waitFor({ state: "detached" }).catch(() => {});
    await view.locator("#challenge-section").evaluate((node) => node.scrollIntoView({ block: "start" }));
    const clip = await clipAround(page, [view.locator("#challenge-section")], { margin: 16 });
    await saveImage(page, "challenge", { clip: { ...clip, height: Math.min(clip.height, 620) }, publishTo: "docs/images/challenge.png" });

    // Satisfy: the same browser sign-in with the claims; the local Entra refuses the silent request (50076) and
    // approves the sign-in, which meets c1.
    const before = (await entraControl("GET", "/_fake/requests")).length;
    await view.locator("#satisfy").click();
    await view.locator("#challenge-check[data-met=true]", { hasText: "The token got for this challenge" }).waitFor({ timeout: 90_000 });
    assert.match(await view.locator("#challenge-check").innerText(), /The token got for this challenge .* meets this challenge/);
    assert.match(await view.locator("#claims tr[data-claim=acrs] td.value").innerText(), /c1/);
    assert.match(await view.locator("#claims tr[data-claim=xms_cc] td.value").innerText(), /cp1/, "CAE-capable");
    const changes = await view.locator("#changes").innerText();
    assert.match(changes, /acrs/);
    assert.match(changes, /xms_cc/);
    assert.match(await view.locator("#token-label").innerText(), /\(challenge\)/);
    assert.equal(await view.locator("#history option").count(), 2, "the first token is still held");
    const requests = (await entraControl("GET", "/_fake/requests")).slice(before);
    assert.ok(requests.some((r) => r.path.endsWith("/authorize")), "a sign-in met the challenge");
    assert.ok(requests.some((r) => r.grantType === "authorization_code" && r.status === 200));

    // Not a Bearer challenge: a specific message, and the view keeps the challenge it had.
    await page.evaluate(() => navigator.clipboard.writeText('WWW-Authenticate: Basic realm="intranet"'));
    await runCommand(page, "Explain 401 Challenge");
    await notification(page, "Not a Bearer challenge: the API asks for Basic authentication");
    await page.keyboard.press("Escape");

    // Nothing challenge-like on the clipboard: the input box says what is wrong while it is typed; Escape is silent.
    await page.evaluate(() => navigator.clipboard.writeText("just some text"));
    await runCommand(page, "Explain 401 Challenge");
    const input = quickInputBox(page);
    await input.waitFor();
    await input.fill('error="invalid_token"');
    await page.locator(".quick-input-widget .quick-input-message", { hasText: "it starts with the parameter error, not with a scheme such as Bearer" }).waitFor();
    await page.keyboard.press("Escape");
    await view.locator("#challenge-check[data-met=true]").waitFor();

    // Dismiss: the challenge leaves the view; the token stays.
    await view.locator("#dismiss-challenge").click();
    await view.locator("#challenge-section").waitFor({ state: "detached" });
    await view.locator("#claims tr[data-claim=acrs]").waitFor();
  });
});
