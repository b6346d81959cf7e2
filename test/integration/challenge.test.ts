// Explain 401 Challenge from another extension or a task: the text as its argument returns the challenge explained,
// never a token (a token pasted along with the response is redacted); a bad argument is refused with a message that
// says which; satisfying without a challenge, a claims request or a sign-in says what to do first.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { decodeChallenge, type ExplainedChallenge } from "../../src/commands/decodeChallenge";
import { satisfyChallenge } from "../../src/commands/satisfyChallenge";
import { parseChallenge } from "../../src/core/challenge";
import { ChallengeStore } from "../../src/tokens/challengeStore";
import { ProfileStore } from "../../src/tokens/profileStore";
import { TokenStore } from "../../src/tokens/tokenStore";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";

const b64url = (text: string) => Buffer.from(text).toString("base64url");

suite("Explain 401 Challenge (command argument)", () => {
  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  });

  test("returns the parsed challenge with its explanation and the claims to send; no token in it", async () => {
    const token = [b64url('{"alg":"RS256","typ":"JWT"}'), b64url('{"aud":"api://x","upn":"alice@contoso.test"}'), b64url("signature-bytes-here")].join(".");
    const claims = b64url('{"access_token":{"nbf":{"essential":true,"value":"1726000000"}}}');
    const text = `HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer error="insufficient_claims", error_description="Token ${token} was revoked", claims="${claims}"\r\n\r\n`;
    const result = await vscode.commands.executeCommand<ExplainedChallenge>("azureToken.decodeChallenge", text);
    assert.ok(result);
    assert.equal(result.status, 401);
    assert.equal(result.claims, '{"access_token":{"nbf":{"essential":true,"value":"1726000000"}}}');
    assert.match(result.summary, /^The API wants a new token with nbf 1726000000/);
    assert.ok(result.findings.some((f) => /Continuous Access Evaluation/.test(f.message)));
    assert.equal(result.challenges[0].params.find((p) => p.name === "error")?.value, "insufficient_claims");
    assert.ok(!JSON.stringify(result).includes(token), "the pasted token does not come back");
  });

  test("azureToken.caeTokens: Get Azure Token asks for CAE-capable tokens (xms_cc cp1), and only then", async () => {
    const config = vscode.workspace.getConfiguration("azureToken");
    const claimsOf = async (): Promise<Record<string, unknown>> => {
      const result = await vscode.commands.executeCommand<{ token: string }>("azureToken.getToken", {
        tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: ["https://storage.azure.com/.default"], credential: "interactiveBrowser", forceRefresh: true,
      });
      assert.ok(result?.token);
      return JSON.parse(Buffer.from(result.token.split(".")[1], "base64url").toString("utf8"));
    };
    assert.equal((await claimsOf()).xms_cc, undefined);
    await config.update("caeTokens", true, vscode.ConfigurationTarget.Global);
    try {
      assert.deepEqual((await claimsOf()).xms_cc, ["cp1"]);
    } finally {
      await config.update("caeTokens", undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test("a bad argument or a non-Bearer challenge is refused with a message that says which; nothing is kept", async () => {
    const challenges = new ChallengeStore();
    const deps = { challenges, showChallenge: () => assert.fail("nothing to show") };
    const cases: [unknown, RegExp][] = [
      ['Basic realm="x"', /^Not a Bearer challenge: the API asks for Basic authentication/],
      [42, /The argument must be the challenge as text/],
      [{ text: "Bearer" }, /The argument must be the challenge as text/],
      ['Bearer realm="never closed', /the value of realm has an opening quote that is never closed/],
    ];
    for (const [arg, expected] of cases) {
      await assert.rejects(decodeChallenge(deps, arg), (e: Error) => e.name === "InvalidArgumentError" && expected.test(e.message), JSON.stringify(arg));
    }
    assert.equal(challenges.current, undefined);
    challenges.dispose();
  });

  test("satisfying: without a challenge, without a claims request, without a sign-in: each says what to do, and no sign-in starts", async () => {
    const challenges = new ChallengeStore();
    const store = new TokenStore();
    const memory = new Map<string, unknown>();
    const memento = { keys: () => [...memory.keys()], get: (k: string) => memory.get(k), update: async (k: string, v: unknown) => void memory.set(k, v) } as unknown as vscode.Memento;
    const deps = {
      auth: () => assert.fail("no sign-in expected"), store, challenges, profiles: new ProfileStore(memento, () => undefined), showToken: () => assert.fail("nothing to show"),
    };
    await assert.rejects(satisfyChallenge(deps), /There is no challenge to satisfy: run Explain 401 Challenge/);
    const parsed = (text: string) => {
      const p = parseChallenge(text);
      assert.ok(p.ok);
      return p;
    };
    challenges.set(parsed('Bearer error="invalid_token", error_description="The token is expired"'));
    await assert.rejects(satisfyChallenge(deps), /carries no claims request/);
    challenges.set(parsed(`Bearer error="insufficient_claims", claims="${b64url('{"access_token":{"acrs":{"essential":true,"value":"c1"}}}')}"`));
    await assert.rejects(satisfyChallenge(deps), /No sign-in to answer the challenge with: get a token first/);
    await assert.rejects(satisfyChallenge(deps, { profile: "no such profile" }), /Argument 'profile': there is no saved profile/);
    await assert.rejects(satisfyChallenge(deps, { profile: { toString: 1 } } as never), /Argument 'profile': it must be a profile's name or id/);
    challenges.dispose();
    store.dispose();
  });
});
