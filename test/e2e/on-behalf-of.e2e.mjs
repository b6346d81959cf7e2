// On-behalf-of and client assertions in the real workbench, against the local Entra ID:
// - Exchange Token On-Behalf-Of: a user's token for the middle-tier API (got here by device code, as the API would
//   receive it) is pasted into the prompt, exchanged with the middle tier's secret for a Microsoft Graph token, and the
//   view shows both: the incoming token masked, and claim by claim what flowed through (the user) and what changed
//   (aud, scp). The README's picture of that view is taken here (AZURE_TOKEN_UPDATE_IMAGES=1).
// - Client assertion from a file: an assertion signed with the sandbox certificate app's key, read from a file.
import { test } from "node:test";
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { answerQuickInput, quickInputBox, runCommand, webview } from "../harness/workbench.mjs";
import { getTokenThroughPrompts } from "./credentialSteps.mjs";
import { clipAround, entra, entraControl, runDir, saveImage, waitFor, withWorkbench } from "./support.mjs";

/** A form POST to the local Entra ID's protocol endpoints; resolves the JSON answer (errors included). */
function entraForm(route, form) {
  const body = new URLSearchParams(form).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(`${entra.url}${route}`, {
      method: "POST", ca: fs.readFileSync(entra.caPath), headers: { "content-type": "application/x-www-form-urlencoded" },
    }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve(JSON.parse(text)));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** A user's access token from the sandbox public client, by device code approved through the control API. */
async function userToken(scope, username) {
  const device = await entraForm(`/${entra.tenantId}/oauth2/v2.0/devicecode`, { client_id: entra.publicClientId, scope });
  await entraControl("POST", "/_fake/devicecode/approve", { userCode: device.user_code, username });
  const answer = await entraForm(`/${entra.tenantId}/oauth2/v2.0/token`, {
    grant_type: "urn:ietf:params:oauth:grant-type:device_code", client_id: entra.publicClientId, device_code: device.device_code,
  });
  assert.ok(answer.access_token, `the local Entra ID gave a user token (${answer.error ?? ""})`);
  return answer.access_token;
}

/** A client assertion (RFC 7523) for the certificate app, signed with its key; made at run time, never committed. */
function certificateAssertion() {
  const pem = fs.readFileSync(entra.clientCertPemPath, "utf8");
  const cert = new crypto.X509Certificate(pem);
  const b64 = (value) => Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const header = { alg: "RS256", typ: "JWT", "x5t#S256": crypto.createHash("sha256").update(cert.raw).digest("base64url") };
  const payload = {
    aud: `${entra.url}/${entra.tenantId}/oauth2/v2.0/token`, iss: entra.certificateClientId, sub: entra.certificateClientId,
    jti: crypto.randomUUID(), nbf: now - 60, iat: now, exp: now + 600,
  };
  const signingInput = `${b64(header)}.${b64(payload)}`;
  const signature = crypto.sign("sha256", Buffer.from(signingInput), crypto.createPrivateKey(pem)).toString("base64url");
  return `${signingInput}.${signature}`;
}

async function oboRow(view, claim) {
  const row = view.locator(`#obo-claims tr[data-claim="${claim}"]`);
  await row.waitFor({ timeout: 60_000 });
  return { status: await row.getAttribute("data-status"), text: await row.innerText() };
}

test("Exchange Token On-Behalf-Of: the pasted incoming token becomes a Graph token; the view shows both and what flowed", async () => {
  const incoming = await userToken(entra.middleTierScope, "bob@contoso.test");
  await withWorkbench("on-behalf-of", async ({ page }) => {
    await runCommand(page, "Exchange Token On-Behalf-Of");
    // The first step offers only the on-behalf-of sign-ins.
    const rows = page.locator(".quick-input-widget .monaco-list-row");
    await rows.first().waitFor();
    assert.deepEqual((await rows.allInnerTexts()).map((t) => t.split("\n")[0]), ["On-behalf-of (client secret)", "On-behalf-of (certificate)"]);
    await getTokenThroughPrompts(page, "On-behalf-of (client secret)", {
      Tenant: entra.tenantId, "Client ID": entra.middleTierClientId, "Incoming Token": incoming, "Client Secret": entra.middleTierClientSecret,
      Scopes: "https://graph.microsoft.com/User.Read",
    }, { alreadyOpen: true });

    const view = webview(page);
    for (const claim of ["oid", "tid", "upn / preferred_username", "name"]) {
      const row = await oboRow(view, claim);
      assert.equal(row.status, "flowed", `${claim} flowed through: ${row.text}`);
    }
    assert.match((await oboRow(view, "oid")).text, /b0b0b0b2-7c1d-4e9a-8f23-6a4d2c8e1f53/, "bob's object id in both");
    const scp = await oboRow(view, "scp");
    assert.equal(scp.status, "changed");
    assert.match(scp.text, /added User\.Read; removed access_as_user/);
    const aud = await oboRow(view, "aud");
    assert.equal(aud.status, "changed");
    assert.match(aud.text, new RegExp(`${entra.middleTierClientId}[\\s\\S]*00000003-0000-0000-c000-000000000000`));
    const summary = await view.locator("#obo-incoming").innerText();
    assert.match(summary, /Audience d1a7e3c5-9b2f-4e8d-a6c4-3f0b7e2d5a19/);
    assert.ok(!summary.includes(incoming.split(".")[2]), "the incoming token is masked");
    assert.match(await view.locator('#claims tr[data-claim="upn"] td.value').innerText(), /bob@contoso\.test/);

    const exchange = (await entraControl("GET", "/_fake/requests")).filter((r) => r.grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer").at(-1);
    assert.equal(exchange?.status, 200, "the middle tier exchanged the token at the local Entra ID");
    assert.equal(exchange.clientId, entra.middleTierClientId);
    assert.equal(exchange.clientAuth, "client_secret_post");

    // The picture for the README: the incoming token and the rows down to scp, without the "got a token" toast.
    await runCommand(page, "Notifications: Clear All Notifications");
    await page.locator(".notification-toast").first().waitFor({ state: "detached", timeout: 10_000 }).catch(() => {});
    await view.locator("#obo-section").scrollIntoViewIfNeeded();
    const clip = await clipAround(page, [view.locator("#obo-section h2"), view.locator('#obo-claims tr[data-claim="scp"]')]);
    await saveImage(page, "on-behalf-of-view", { clip, publishTo: "docs/images/on-behalf-of-view.png" });
  });
});

test("Exchange Token On-Behalf-Of refuses a token for another API on the incoming-token step, saying why, and sends nothing", async () => {
  const armToken = await userToken("https://management.azure.com/.default", "alice@contoso.test");
  await withWorkbench("on-behalf-of-refused", async ({ page }) => {
    const exchangesBefore = (await entraControl("GET", "/_fake/requests")).filter((r) => r.grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer").length;
    await runCommand(page, "Exchange Token On-Behalf-Of");
    await answerQuickInput(page, "On-behalf-of (client secret)", { expectTitle: "How to Sign In" });
    await answerQuickInput(page, entra.tenantId, { expectTitle: "Tenant" });
    await answerQuickInput(page, entra.middleTierClientId, { expectTitle: "Client ID" });
    const widget = page.locator(".quick-input-widget");
    await widget.locator(".quick-input-title", { hasText: "Incoming Token" }).waitFor();
    await quickInputBox(page).fill(armToken);
    const message = widget.locator(".quick-input-message", { hasText: "not for your API" });
    await message.waitFor();
    assert.match(await message.innerText(), /Windows Azure Service Management API|Azure Resource Manager|management\.azure\.com/);
    await page.keyboard.press("Enter");
    await message.waitFor(); // Enter does not move on
    assert.match(await widget.locator(".quick-input-title").innerText(), /Incoming Token/);
    await page.keyboard.press("Escape");
    await widget.waitFor({ state: "hidden" });
    const exchangesAfter = (await entraControl("GET", "/_fake/requests")).filter((r) => r.grantType === "urn:ietf:params:oauth:grant-type:jwt-bearer").length;
    assert.equal(exchangesAfter, exchangesBefore, "nothing was sent to Entra");
  });
});

test("client assertion from a file: the signed assertion in the file gets the app its token", async () => {
  const started = new Date().toISOString();
  const file = path.join(runDir, `client-assertion-${process.pid}.jwt`);
  fs.writeFileSync(file, `${certificateAssertion()}\n`, { mode: 0o600 });
  try {
    await withWorkbench("client-assertion", async ({ page }) => {
      await getTokenThroughPrompts(page, "Client assertion", {
        Tenant: entra.tenantId, "Client ID": entra.certificateClientId, "Client Assertion": file, Scopes: `${entra.apiIdentifierUri}/.default`,
      });
      const roles = webview(page).locator('#claims tr[data-claim="roles"] td.value');
      await roles.waitFor({ timeout: 60_000 });
      assert.match(await roles.innerText(), /Items\.Read\.All/);
      const request = await waitFor("the assertion's token request", async () =>
        (await entraControl("GET", "/_fake/requests")).find((r) => r.time >= started && r.clientId === entra.certificateClientId && r.status === 200));
      assert.equal(request.clientAuth, "private_key_jwt", "the app proved itself with the assertion from the file");
    });
  } finally {
    fs.rmSync(file, { force: true });
  }
});
