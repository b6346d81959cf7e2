// Runs inside the real extension host of code-server, against the local Entra ID started by scripts/test.mjs.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AzureTokenApi } from "../../src/extension";
import { APPS, RESOURCES, TENANT, USERS } from "../fake-entra/sandbox";
import { authBundleLoaded } from "./index";
import { EXTENSION_ID } from "./extensionId";

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}
/** Recorded by index.ts right after activation, before any test ran. */
const authLoadedAtActivation = () => (globalThis as { azureTokenAuthLoadedAtActivation?: boolean }).azureTokenAuthLoadedAtActivation;
const verifyLoadedAtActivation = () => (globalThis as { azureTokenVerifyLoadedAtActivation?: boolean }).azureTokenVerifyLoadedAtActivation;

suite("Azure Token in a real extension host", () => {
  test("activates without loading @azure/identity; it loads on the first token request", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, "the extension under development is present");
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(authLoadedAtActivation(), false, "dist/auth.js (with @azure/identity) must not load at activation");
    assert.equal(verifyLoadedAtActivation(), false, "dist/verify.js (with jose) must not load at activation");
    const result = await vscode.commands.executeCommand<{ token: string }>("azureToken.getToken", {
      tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: "https://management.azure.com/.default",
    });
    assert.equal(claimsOf(result.token).aud, "https://management.azure.com", "the command returns the token to its caller");
    assert.equal(authBundleLoaded(), true, "dist/auth.js loads on the first token request");
  });

  test("contributes the command titled exactly \"Get Azure Token\"", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = extension.packageJSON.contributes.commands as { command: string; title: string }[];
    assert.equal(contributed.find((c) => c.command === "azureToken.getToken")?.title, "Get Azure Token");
    const registered = await vscode.commands.getCommands(true);
    for (const c of contributed) assert.ok(registered.includes(c.command), `${c.command} is registered`);
  });

  test("gets a token from the local Entra ID through the browser sign-in (interactive browser credential)", async () => {
    const api = await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
    const result = await api.getToken({ tenant: TENANT.domain, clientId: APPS.publicClient.appId, scopes: ["https://graph.microsoft.com/User.Read"] });
    assert.ok(result, "the API returns the result to the caller");
    const claims = claimsOf(result.token);
    assert.equal(claims.aud, RESOURCES.graph.appId);
    assert.equal(claims.tid, TENANT.id);
    assert.equal(claims.upn, USERS.alice.username);
    assert.match(String(claims.scp), /\bUser\.Read\b/);
    assert.ok(result.expiresOnTimestamp > Date.now(), "expiry comes from the library and lies in the future");
  });
});
