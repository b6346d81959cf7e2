// The VS Code account wrapper against a fake vscode.authentication: scopes, silent vs prompting, account choice,
// forceRefresh, and expiry read from the token.
import { test } from "node:test";
import assert from "node:assert/strict";
import type * as vscode from "vscode";
import { CancelledError } from "../../src/auth/abortable";
import { isInteractionRequired } from "../../src/core/authErrors";
import { VsCodeAccountCredential, expiryFromTokens, vscodeSessionScopes, type VsCodeAuthentication } from "../../src/auth/vscodeAccountCredential";

/** An unsigned JWT made at run time (never a committed literal). */
function jwt(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${part({ alg: "RS256", typ: "JWT" })}.${part(payload)}.c2ln`;
}

type Call = { scopes: readonly string[]; options: vscode.AuthenticationGetSessionOptions | undefined };

function fakeAuth(accounts: string[], token = jwt({ exp: 2_000_000_000 })) {
  const calls: Call[] = [];
  const authentication = {
    async getAccounts() { return accounts.map((label) => ({ id: label, label })); },
    async getSession(_provider: string, scopes: readonly string[], options?: vscode.AuthenticationGetSessionOptions) {
      calls.push({ scopes, options });
      if (options?.silent) return undefined;
      const account = options?.account ?? { id: accounts[0] ?? "new", label: accounts[0] ?? "new@contoso.test" };
      return { id: "s1", accessToken: token, account, scopes };
    },
  } as unknown as VsCodeAuthentication;
  return { authentication, calls };
}

test("session scopes carry VSCODE_TENANT and VSCODE_CLIENT_ID, except for the multi-tenant aliases", () => {
  assert.deepEqual(vscodeSessionScopes(["https://graph.microsoft.com/.default"], "contoso.test", "5a1d7c3e-2b9f-4e61-8d04-7f3c2a9b1e65"),
    ["https://graph.microsoft.com/.default", "VSCODE_TENANT:contoso.test", "VSCODE_CLIENT_ID:5a1d7c3e-2b9f-4e61-8d04-7f3c2a9b1e65"]);
  assert.deepEqual(vscodeSessionScopes(["a/.default"], "organizations"), ["a/.default"]);
  assert.deepEqual(vscodeSessionScopes(["a/.default"], " "), ["a/.default"]);
});

test("expiry comes from the access token's exp, else the id token's, else none", () => {
  assert.equal(expiryFromTokens(jwt({ exp: 1_900_000_000 })), 1_900_000_000_000);
  assert.equal(expiryFromTokens("opaque-msa-token", jwt({ exp: 1_800_000_000 })), 1_800_000_000_000);
  assert.equal(expiryFromTokens("opaque-msa-token"), undefined);
  assert.equal(expiryFromTokens(jwt({ exp: "soon" })), undefined);
});

test("interaction 'never' asks silently and fails with an interaction-required error", async () => {
  const { authentication, calls } = fakeAuth(["alice@contoso.test"]);
  const credential = new VsCodeAccountCredential({ authentication, providerId: "microsoft", tenant: "contoso.test" });
  await assert.rejects(credential.getTokenFor(["s/.default"], { interaction: "never", forceRefresh: false }), (e) => isInteractionRequired(e));
  assert.equal(calls[0].options?.silent, true);
  assert.equal(calls[0].options?.createIfNone, undefined);
  await assert.rejects(credential.getTokenFor(["s/.default"], { interaction: "never", forceRefresh: true }), (e) => isInteractionRequired(e));
  assert.equal(calls.length, 1, "a background forced refresh does not even ask VS Code");
});

test("several accounts: the user picks one, and repeats use it without asking again", async () => {
  const { authentication, calls } = fakeAuth(["alice@contoso.test", "bob@contoso.test"]);
  const credential = new VsCodeAccountCredential({ authentication, providerId: "microsoft" });
  const offered: string[][] = [];
  const pickAccount = async (labels: readonly string[]) => { offered.push([...labels]); return "bob@contoso.test"; };
  const token = await credential.getTokenFor(["s/.default"], { interaction: "allowed", forceRefresh: false, pickAccount });
  assert.deepEqual(offered, [["alice@contoso.test", "bob@contoso.test"]]);
  assert.equal(calls[0].options?.account?.label, "bob@contoso.test");
  assert.equal(calls[0].options?.createIfNone, true);
  assert.equal(token.expiresOnTimestamp, 2_000_000_000_000);
  assert.ok((token.refreshAfterTimestamp ?? 0) < token.expiresOnTimestamp, "refresh before exp, for clock skew");

  await credential.getTokenFor(["s/.default"], { interaction: "allowed", forceRefresh: false, pickAccount });
  assert.equal(offered.length, 1);
  assert.equal(calls[1].options?.account?.label, "bob@contoso.test");
});

test("the login hint picks the account without asking; cancelling the pick is a cancel", async () => {
  const { authentication, calls } = fakeAuth(["alice@contoso.test", "bob@contoso.test"]);
  const hinted = new VsCodeAccountCredential({ authentication, providerId: "microsoft", loginHint: "Alice@Contoso.test" });
  await hinted.getTokenFor(["s/.default"], { interaction: "allowed", forceRefresh: false, pickAccount: async () => assert.fail("no pick") });
  assert.equal(calls[0].options?.account?.label, "alice@contoso.test");

  const asking = new VsCodeAccountCredential({ authentication, providerId: "microsoft" });
  await assert.rejects(asking.getTokenFor(["s/.default"], { interaction: "allowed", forceRefresh: false, pickAccount: async () => undefined }), CancelledError);
});

test("forceRefresh asks VS Code for a new session", async () => {
  const { authentication, calls } = fakeAuth(["alice@contoso.test"]);
  const credential = new VsCodeAccountCredential({ authentication, providerId: "microsoft" });
  await credential.getTokenFor(["s/.default"], { interaction: "allowed", forceRefresh: true });
  assert.ok(calls[0].options?.forceNewSession);
  assert.equal(calls[0].options?.createIfNone, undefined);
});

test("an opaque token without any exp gets a short assumed life", async () => {
  const { authentication } = fakeAuth(["alice@contoso.test"], "opaque-personal-account-token");
  const credential = new VsCodeAccountCredential({ authentication, providerId: "microsoft" });
  const token = await credential.getTokenFor(["s/.default"], { interaction: "allowed", forceRefresh: false });
  assert.ok(token.expiresOnTimestamp <= Date.now() + 5 * 60_000 && token.expiresOnTimestamp > Date.now());
});
