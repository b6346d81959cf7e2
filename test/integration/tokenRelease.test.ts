// azureToken.tokenRelease inside the real extension host. This workbench refuses modal dialogs ("DialogService:
// refused to show dialog in tests"), which is what "ask" meets here: a consent that cannot be given is a denial.
// The run's user settings say "allow" (scripts/test.mjs); each test sets its value and puts "allow" back.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AzureTokenApi } from "../../src/extension";
import { FakeEntraControl } from "../fake-entra/control";
import { APPS, TENANT } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";

const api = () => vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
const ARGS = { tenant: TENANT.id, clientId: APPS.publicClient.appId, scopes: ["https://management.azure.com/.default"] };

async function setTokenRelease(value: "ask" | "allow" | "deny"): Promise<void> {
  await vscode.workspace.getConfiguration("azureToken").update("tokenRelease", value, vscode.ConfigurationTarget.Global);
  assert.equal(vscode.workspace.getConfiguration("azureToken").get("tokenRelease"), value);
}

suite("Token release to callers (azureToken.tokenRelease)", () => {
  const control = new FakeEntraControl(process.env.FAKE_ENTRA_URL!, process.env.FAKE_ENTRA_CA!);
  const signIns = async () => (await control.requests()).filter((r) => r.path.endsWith("/token") || r.path.endsWith("/authorize")).length;

  teardown(() => setTokenRelease("allow"));

  /** A denied caller gets nothing, and nothing happens on its behalf: no sign-in, no token held. */
  async function assertDenied(expectedMessage: RegExp): Promise<void> {
    const a = await api();
    const heldBefore = a.testing!.heldTokens().length;
    const requestsBefore = await signIns();
    const returned = await vscode.commands.executeCommand<unknown>("azureToken.getToken", ARGS);
    assert.equal(returned, undefined, "the command returns undefined");
    await assert.rejects(a.getToken(ARGS), (e: Error) => {
      assert.equal(e.name, "TokenReleaseDeniedError");
      assert.match(e.message, /denied/);
      assert.match(e.message, /setting azureToken\.tokenRelease/);
      assert.match(e.message, expectedMessage);
      assert.doesNotMatch(e.message, /eyJ[\w-]{10,}/, "no token in the message");
      return true;
    });
    assert.equal(await signIns(), requestsBefore, "no sign-in and no token request for a denied caller");
    assert.equal(a.testing!.heldTokens().length, heldBefore, "no token acquired for a denied caller");
  }

  test("deny: the command returns undefined and the API rejects naming the setting, before any prompt or sign-in", async () => {
    await setTokenRelease("deny");
    await assertDenied(/"deny"/);
    // Even a caller that leaves out the request (which would prompt the user) is refused at once.
    await assert.rejects((await api()).getToken(), { name: "TokenReleaseDeniedError" });
  });

  test("ask: the modal is refused in this workbench, which counts as a denial: nothing leaks", async () => {
    await setTokenRelease("ask");
    await assertDenied(/"ask"/);
  });

  test("allow: the caller gets the token without a question", async () => {
    await setTokenRelease("allow");
    const result = await (await api()).getToken(ARGS);
    assert.ok(result?.token, "a token is returned");
    const aud = JSON.parse(Buffer.from(result.token.split(".")[1], "base64url").toString("utf8")).aud;
    assert.equal(aud, "https://management.azure.com");
  });
});
