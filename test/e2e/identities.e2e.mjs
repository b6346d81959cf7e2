// The sign-ins of an Azure host, end to end in the real workbench. scripts/test.mjs starts the end-to-end VS Code as
// if on one: IDENTITY_ENDPOINT/IDENTITY_HEADER name the local Entra's App Service managed identity endpoint (it
// refuses a request without the header), and AZURE_FEDERATED_TOKEN_FILE a file this test fills with a service account
// token the local Entra mints, as AKS projects one into a pod. The local Entra validates that federated assertion
// (the trusted issuer's signature, iss, sub and aud against the app's federated credential) and refuses a wrong one
// with Entra's AADSTS code, which the extension explains. The network guard stays on throughout.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { claimValue, getTokenThroughPrompts, notification } from "./credentialSteps.mjs";
import { entra, entraControl, screenshotPath, withWorkbench, workloadTokenFile } from "./support.mjs";

const API_DEFAULT = `${entra.apiIdentifierUri}/.default`;

/** Writes what AKS would project into the pod: a service account token from the local Entra's trusted issuer. */
async function projectServiceAccountToken(request = {}) {
  const { token } = await entraControl("POST", "/_fake/federated-token", request);
  fs.mkdirSync(path.dirname(workloadTokenFile), { recursive: true });
  fs.writeFileSync(workloadTokenFile, token);
}

const tokenRequestsOf = async (clientId) => (await entraControl("GET", "/_fake/requests"))
  .filter((r) => r.clientId === clientId && r.path.endsWith("/oauth2/v2.0/token"));

test("workload identity: the federated token file is validated by the local Entra; a wrong subject is refused and explained", async () => {
  await withWorkbench("workload-identity", async ({ page }) => {
    await projectServiceAccountToken();
    await getTokenThroughPrompts(page, "Workload identity", { Tenant: entra.tenantId, "Client ID": entra.workloadClientId, Scopes: API_DEFAULT });
    assert.match(await claimValue(page, "roles"), /Items\.Read\.All/);
    assert.equal((await claimValue(page, "azp")).split("\n")[0].trim(), entra.workloadClientId);
    const accepted = await tokenRequestsOf(entra.workloadClientId);
    assert.ok(accepted.some((r) => r.status === 200 && r.clientAuth === "private_key_jwt" && r.grantType === "client_credentials"),
      `the workload app signed in with the federated assertion: ${JSON.stringify(accepted)}`);
    await page.screenshot({ path: screenshotPath("workload-identity-token") });

    // Another service account's token: the federated credential names one subject. (The tenant's domain makes this a
    // new credential, which reads the file again: @azure/identity keeps an assertion it read for five minutes.)
    const stranger = "system:serviceaccount:orders:someone-else";
    await projectServiceAccountToken({ subject: stranger });
    await getTokenThroughPrompts(page, "Workload identity", { Tenant: entra.tenantDomain, "Client ID": entra.workloadClientId, Scopes: API_DEFAULT });
    const refused = await notification(page, "AADSTS700213");
    const text = await refused.locator(".notification-list-item-message").innerText();
    assert.match(text, /No matching federated credential \(subject\)/, "the extension's explanation of the code");
    assert.match(text, /Federated credentials/, "the fix names where the credential is configured");
    await page.screenshot({ path: screenshotPath("workload-identity-refused") });
  });
});

test("workload identity: an assertion signed by a key the local Entra does not trust is refused", async () => {
  await withWorkbench("workload-identity-forged", async ({ page }) => {
    await projectServiceAccountToken({ untrustedKey: true });
    // A new window has its own extension host: nothing the first test's credentials read is reused.
    await getTokenThroughPrompts(page, "Workload identity", { Tenant: entra.tenantId, "Client ID": entra.workloadClientId, Scopes: API_DEFAULT });
    const refused = await notification(page, "AADSTS700027");
    assert.match(await refused.locator(".notification-list-item-message").innerText(), /Client assertion signature invalid/);
  });
});

test("managed identity: the App Service identity endpoint answers when the header is sent", async () => {
  await withWorkbench("managed-identity", async ({ page }) => {
    await getTokenThroughPrompts(page, "Managed identity", { "Client ID": "", Scopes: API_DEFAULT });
    assert.match(await claimValue(page, "roles"), /Items\.Read\.All/);
    assert.equal((await claimValue(page, "azp")).split("\n")[0].trim(), entra.managedIdentityClientId);
    assert.match(await claimValue(page, "idtyp"), /app/);
    const calls = (await entraControl("GET", "/_fake/requests")).filter((r) => r.path === "/msi/token");
    assert.ok(calls.length > 0 && calls.every((r) => r.status === 200), `the identity endpoint answered: ${JSON.stringify(calls)}`);
    await page.screenshot({ path: screenshotPath("managed-identity-token") });
  });
});
