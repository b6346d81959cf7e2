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

  /**
   * The command rejects (so VS Code does not start the task: an undefined result would leave "${input:token}" in it),
   * saying why; nothing is signed in or held.
   */
  async function assertNothing(arg: unknown, why: RegExp): Promise<void> {
    const api = await vscode.extensions.getExtension<AzureTokenApi>(EXTENSION_ID)!.activate();
    const held = api.testing!.heldTokens().length;
    const before = await signIns();
    await assert.rejects(Promise.resolve(vscode.commands.executeCommand<unknown>("azureToken.tokenForTask", arg)), (e: Error) => {
      assert.match(e.message, why);
      assert.match(e.message, /^Task or launch not started: Azure Token /);
      return true;
    });
    assert.equal(await signIns(), before, "no sign-in");
    assert.equal(api.testing!.heldTokens().length, held, "no token acquired");
  }

  test("deny: refused at once, before any profile pick or sign-in", async () => {
    await setTokenRelease("deny");
    await assertNothing(undefined, /denied the token.*azureToken\.tokenRelease/);
    await assertNothing("some profile", /denied the token/);
  });

  test("a profile that does not exist, or a wrong argument: the task is not started, nothing signed in", async () => {
    await assertNothing("No such profile", /gave no token/);
    await assertNothing({ profile: 42 }, /gave no token/);
    await assertNothing([1, 2], /gave no token/);
  });
});
