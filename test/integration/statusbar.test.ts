// The store/refresher wiring inside the real extension host: "Get Fresh Token" re-acquires the active token through
// the refresh token (bypassing the cache), keeps its id and records what changed; "Clear Tokens" forgets them all.
// Neither Get Fresh Token nor Refresh Token Now hands a token to its caller.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AzureTokenApi } from "../../src/extension";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as https from "node:https";
import type { RequestLogEntry } from "../fake-entra/server";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";

/** The local Entra ID's request log (it listens on 127.0.0.2, which FakeEntraControl does not accept). */
function requestLog(): Promise<RequestLogEntry[]> {
  return new Promise((resolve, reject) => {
    const req = https.request(new URL("/_fake/requests", process.env.FAKE_ENTRA_URL), { ca: fs.readFileSync(process.env.FAKE_ENTRA_CA!), agent: false }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`request log: ${res.statusCode}`))));
    });
    req.on("error", reject);
    req.end();
  });
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

suite("Status bar: refresh and fresh token wiring", () => {
  test("Get Fresh Token replaces the active token (same id) via a refresh_token grant and lists the claim changes; it returns no token", async () => {
    const api = await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
    // The commands give their caller no token: the store is read through the test-only view (hashes, never tokens).
    assert.ok(api.testing, "the extension runs in ExtensionMode.Test and offers its test-only view");
    const active = () => api.testing!.heldTokens().find((t) => t.active);
    const scope = "https://storage.azure.com/user_impersonation";
    const first = await api.getToken({ tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: [scope] });
    assert.ok(first, "a token was acquired");
    assert.equal(active()?.tokenSha256, sha256(first.token), "the API's token is the active one");
    const baseline = (await requestLog()).length;
    // exp is in seconds: let a second pass so the fresh token's expiry differs.
    await new Promise((r) => setTimeout(r, 1100));

    const returned = await vscode.commands.executeCommand<unknown>("azureToken.getFreshToken");
    assert.equal(returned, undefined, "Get Fresh Token gives its caller no token");
    const fresh = active();
    assert.ok(fresh, "a token is held");
    assert.notEqual(fresh.tokenSha256, sha256(first.token), "a new token, not the cached one");
    assert.ok(fresh.changes?.some((c) => c.kind === "expiry"), "the expiry change is recorded for the view");
    const grants = (await requestLog()).slice(baseline).filter((r) => r.path.endsWith("/token"));
    assert.ok(grants.length >= 1 && grants.every((r) => r.grantType === "refresh_token"), `refresh_token grants only, got ${grants.map((g) => g.grantType).join(", ")}`);

    const again = await vscode.commands.executeCommand<unknown>("azureToken.getFreshToken");
    assert.equal(again, undefined, "no token the second time either");
    assert.equal(active()?.id, fresh.id, "the held token keeps its id across fresh tokens");
    assert.equal(await vscode.commands.executeCommand<unknown>("azureToken.refreshToken"), undefined, "Refresh Token Now gives its caller no token");

    await vscode.commands.executeCommand("azureToken.clearTokens");
    assert.deepEqual(api.testing.heldTokens(), [], "nothing is held after Clear Tokens from Memory");
    const none = await vscode.commands.executeCommand<unknown>("azureToken.getFreshToken");
    assert.equal(none, undefined, "nothing to refresh after Clear Tokens from Memory");
  });
});
