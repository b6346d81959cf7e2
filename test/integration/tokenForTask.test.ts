// azureToken.tokenForTask inside the real extension host: registered, and refusing without a sign-in. (The token
// reaching a task after consent, and a denial cancelling the task, are proven end to end: test/e2e/task-token.e2e.mjs.)
// The run's user settings say "allow" (scripts/test.mjs); each test puts "allow" back.
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import type { AzureTokenApi } from "../../src/extension";
import { FakeEntraControl } from "../fake-entra/control";
import { EXTENSION_ID } from "./extensionId";

suite("Token for Task (azureToken.tokenForTask)", () => {
  const control = new FakeEntraControl(process.env.FAKE_ENTRA_URL!, process.env.FAKE_ENTRA_CA!);
  const signIns = async () => (await control.requests()).filter((r) => r.path.endsWith("/token") || r.path.endsWith("/authorize")).length;
  const setTokenRelease = (value: "ask" | "allow" | "deny") =>
    vscode.workspace.getConfiguration("azureToken").update("tokenRelease", value, vscode.ConfigurationTarget.Global);

  teardown(() => setTokenRelease("allow"));

  async function assertNothing(arg: unknown): Promise<void> {
    const api = await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
    const held = api.testing!.heldTokens().length;
    const before = await signIns();
    assert.equal(await vscode.commands.executeCommand<unknown>("azureToken.tokenForTask", arg), undefined);
    assert.equal(await signIns(), before, "no sign-in");
    assert.equal(api.testing!.heldTokens().length, held, "no token acquired");
  }

  test("deny: undefined at once, before any profile pick or sign-in", async () => {
    await setTokenRelease("deny");
    await assertNothing(undefined);
    await assertNothing("some profile");
  });

  test("a profile that does not exist, or a wrong argument: undefined (the message names it), no sign-in", async () => {
    await assertNothing("No such profile");
    await assertNothing({ profile: 42 });
    await assertNothing([1, 2]);
  });
});
