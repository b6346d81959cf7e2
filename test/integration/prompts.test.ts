// "Get Azure Token" called with arguments inside the real extension host: validation errors name the argument and
// nothing is prompted; a complete set of arguments returns the token with what was asked for.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AzureTokenApi } from "../../src/extension";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";
const api = () => vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();

suite("Get Azure Token arguments", () => {
  test("each invalid argument is refused with an error that names it", async () => {
    const a = await api();
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ tenant: "contoso", clientId: APPS.publicClient.appId, scopes: "https://graph.microsoft.com/.default" }, /Argument 'tenant'.*contoso\.onmicrosoft\.com/],
      [{ tenant: TENANT.id, clientId: "04b07795", scopes: "https://graph.microsoft.com/.default" }, /Argument 'clientId'.*hex digits/],
      [{ tenant: TENANT.id, scopes: "https://graph.microsoft.com/.default https://management.azure.com/.default" }, /Argument 'scopes'.*AADSTS70011/],
      [{ credential: "magic", scopes: "https://graph.microsoft.com/.default" }, /Argument 'credential'/],
      [{ cloud: "AzureMoon", tenant: TENANT.id, scopes: "https://graph.microsoft.com/.default" }, /Argument 'cloud'/],
      [{ tenant: TENANT.id, scopes: "https://graph.microsoft.com/.default", clientSecret: "abc" }, /secrets are never passed as arguments/],
      [{ profile: `no such profile ${Date.now()}` }, /Argument 'profile': there is no saved profile/],
    ];
    for (const [args, expected] of cases) {
      await assert.rejects(a.getToken(args as never), (e: Error) => {
        assert.equal(e.name, "InvalidArgumentError");
        assert.match(e.message, expected);
        return true;
      }, JSON.stringify(args));
    }
  });

  test("the command with complete arguments runs without prompts and returns what was asked for", async () => {
    const result = await vscode.commands.executeCommand<Record<string, unknown>>("azureToken.getToken", {
      tenant: TENANT.domain, clientId: APPS.publicClient.appId.toUpperCase(), scopes: ["https://storage.azure.com"], credential: "interactiveBrowser",
    });
    assert.ok(result, "a result is returned");
    assert.equal(result.tenant, TENANT.domain);
    assert.equal(result.clientId, APPS.publicClient.appId, "the client id is normalised");
    assert.deepEqual(result.scopes, ["https://storage.azure.com/.default"], "a resource URL becomes its .default scope");
    assert.equal(result.credential, "interactiveBrowser");
    const claims = JSON.parse(Buffer.from(String(result.token).split(".")[1], "base64url").toString("utf8"));
    assert.equal(claims.aud, "https://storage.azure.com");
    assert.ok(Number(result.expiresOnTimestamp) > Date.now());
  });

  test("the command reports invalid arguments to the user and returns undefined (no prompt opens)", async () => {
    const result = await vscode.commands.executeCommand("azureToken.getToken", { tenant: "not a tenant" });
    assert.equal(result, undefined);
  });
});
