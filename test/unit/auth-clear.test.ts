// "Clear Tokens from Memory" reaches the sign-ins: after AuthService.clear() the credentials and MSAL's in-memory
// access and refresh tokens are gone, so the next request goes to the local Entra ID again (a confidential client
// asks for a new token; a browser sign-in cannot be renewed silently and signs in again). The real auth service runs
// in a child process (helpers/authServiceClear.run.ts), which is how it can trust the local Entra ID's CA.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { fakeBrowserEnv } from "../fake-entra/browser";
import { useFixture } from "../fake-entra/testing";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fx = useFixture({ autoApprove: true });

test("after clear() the auth service asks the local Entra ID again: a new app token, and a browser sign-in is no longer renewed silently", async () => {
  const env: Record<string, string> = {};
  const browser = fakeBrowserEnv({ caPath: fx.certs.caPath, logPath: path.join(fx.tmpDir, "fake-browser.log") });
  // The fake browser's variables, some of them unset (undefined): those are left out.
  for (const [k, v] of Object.entries({ ...process.env, ...browser })) if (v !== undefined) env[k] = v;
  Object.assign(env, { NODE_EXTRA_CA_CERTS: fx.certs.caPath, FAKE_ENTRA_URL: fx.fe.url, FAKE_ENTRA_CA: fx.certs.caPath });
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", path.join(root, "test/unit/helpers/authServiceClear.run.ts")],
    { cwd: root, env, timeout: 90_000 });
  const r = JSON.parse(stdout.trim().split("\n").at(-1)!);

  assert.equal(r.appFirst, 1, "the first app token is a request");
  assert.equal(r.appCached, 1, "the repeat is answered from the held token: no request");
  assert.equal(r.sameTokenFromCache, true);
  assert.equal(r.appAfterClear, 2, "after clear() the same request goes to Entra again");
  assert.equal(r.newTokenAfterClear, true);
  assert.equal(r.appAfterNewSecret, 3, "a new secret value under the same key is not answered by the token the old one got: Entra is asked");
  assert.notEqual(r.newSecretOutcome, "answered", "and Entra refuses the made-up secret");

  assert.equal(r.pagesAfterSignIn, 1, "one browser sign-in");
  assert.equal(r.silentBeforeClear, "answered", "before clear() a silent request is answered from MSAL's tokens");
  assert.equal(r.silentAfterClear, "InteractionRequiredError", "after clear() no refresh token is left: a sign-in is needed");
  assert.equal(r.pagesAfterSecondSignIn, 2, "and the next request signs in again");
});
