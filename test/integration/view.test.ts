// Signature verification and clipboard auto-clear inside the real extension host: Node's https trusts the local
// Entra ID's CA (NODE_EXTRA_CA_CERTS), tokens come from the real sign-in, the clipboard is vscode.env.clipboard.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AzureTokenApi } from "../../src/extension";
import { copyToken } from "../../src/ui/copyToken";
import type { HeldToken } from "../../src/tokens/tokenStore";
import { verifySignature } from "../../src/tokens/verifySignature";
import { Log } from "../../src/ui/log";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";
const authority = () => vscode.workspace.getConfiguration("azureToken").get<string>("authorityHost", "");

async function tokenFor(scopes: string): Promise<string> {
  const api = await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
  const result = await api.getToken({ tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes });
  assert.ok(result);
  return result.token;
}

suite("Token view: verify signature and clipboard", () => {
  test("a sandbox API token verifies against the configured authority's keys; audience is what was asked for", async () => {
    const token = await tokenFor("api://azure-token-sandbox-api/Items.Read");
    assert.ok(authority().startsWith("https://"), "tests point azureToken.authorityHost at the local Entra ID");
    const result = await verifySignature(token, { authorityHost: authority(), expectedAudience: "api://azure-token-sandbox-api/Items.Read" });
    assert.equal(result.outcome, "verified", `${result.message} ${result.reason}`);
  });

  test("a token changed after issuance is invalid", async () => {
    const token = await tokenFor("api://azure-token-sandbox-api/Items.Read");
    const [h, p, s] = token.split(".");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString("utf8"));
    const tampered = [h, Buffer.from(JSON.stringify({ ...claims, scp: "Items.Read Items.Write" })).toString("base64url"), s].join(".");
    const result = await verifySignature(tampered, { authorityHost: authority() });
    assert.equal(result.outcome, "invalid");
    assert.match(result.message, /Invalid signature/);
  });

  test("a Microsoft Graph token (nonce header) cannot be verified by a client, and says why", async () => {
    const token = await tokenFor("https://graph.microsoft.com/User.Read");
    const result = await verifySignature(token, { authorityHost: authority() });
    assert.equal(result.outcome, "unverifiable");
    assert.match(result.message, /nonce/);
  });

  test("clipboard auto-clear clears only what we copied", async () => {
    const log = new Log();
    try {
      const held: HeldToken = { id: "it1", label: "test", source: "pasted", token: await tokenFor("api://azure-token-sandbox-api/Items.Read"), acquiredAtMs: Date.now() };
      let timerFired: () => void = () => assert.fail("no timer");
      const setTimer = (fn: () => void) => { timerFired = fn; return { dispose: () => undefined }; };
      assert.equal(await copyToken(held, "header", log, { clearAfterSeconds: 30, setTimer }), true);
      assert.equal(await vscode.env.clipboard.readText(), `Authorization: Bearer ${held.token}`);
      timerFired();
      await waitFor(async () => (await vscode.env.clipboard.readText()) === "");

      assert.equal(await copyToken(held, "raw", log, { clearAfterSeconds: 30, setTimer }), true);
      await vscode.env.clipboard.writeText("the user copied something else");
      timerFired();
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(await vscode.env.clipboard.readText(), "the user copied something else");
    } finally {
      log.dispose();
    }
  });

  test("Decode JWT and the hover setting are contributed", () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    assert.equal(pkg.contributes.commands.find((c: { command: string }) => c.command === "azureToken.decodeJwt")?.title, "Decode JWT");
    assert.ok(pkg.contributes.menus["editor/context"].some((m: { command: string; when: string }) => m.command === "azureToken.decodeJwt" && m.when === "editorHasSelection"));
    assert.equal(vscode.workspace.getConfiguration("azureToken").get("hover.enabled"), true);
    assert.equal(vscode.workspace.getConfiguration("azureToken").get("clipboardClearSeconds"), 0);
  });
});

async function waitFor(check: () => Promise<boolean>, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}
