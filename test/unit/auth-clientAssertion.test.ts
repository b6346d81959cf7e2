// Where ClientAssertionCredential's assertion comes from: a file or a command (stdout, with a timeout). Each failure is
// a CredentialUnavailableError that names the source and never quotes what it printed, and explainAuthError turns it
// into "The client assertion could not be read" with the fix.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readAssertionFile, runAssertionCommand } from "../../src/auth/clientAssertion";
import { explainAuthError } from "../../src/core/authErrors";
import { makeJwt } from "./helpers/makeJwt";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azt-assertion-"));
test.after(() => fs.rmSync(dir, { recursive: true, force: true }));
const assertion = makeJwt({ iss: "app", sub: "app", aud: "https://login.microsoftonline.com/t/oauth2/v2.0/token" });
const file = (name: string, content: string) => {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
};
const node = (script: string) => `"${process.execPath}" -e ${JSON.stringify(script)}`;

async function unavailable(p: Promise<unknown>, pattern: RegExp): Promise<Error> {
  const error = await p.then(() => assert.fail("expected a failure"), (e: Error) => e);
  assert.equal(error.name, "CredentialUnavailableError");
  assert.match(error.message, pattern);
  return error;
}

test("file: the assertion, trimmed; a missing, empty, non-JWT or huge file says which and why", async () => {
  assert.equal(await readAssertionFile(file("ok.jwt", `\n${assertion}\n`)), assertion);
  await unavailable(readAssertionFile(path.join(dir, "missing.jwt")), /There is no client assertion file at .*missing\.jwt/);
  await unavailable(readAssertionFile(file("empty.jwt", "  \n")), /gave nothing/);
  const secretish = "client_secret=hunter2-not-a-jwt";
  const e = await unavailable(readAssertionFile(file("text.jwt", secretish)), /did not give a JWT/);
  assert.ok(!e.message.includes("hunter2"), "the content is never quoted");
  await unavailable(readAssertionFile(file("big.jwt", "a".repeat(70_000))), /70000 bytes/);
});

test("command: its stdout is the assertion; a failure gives the exit code and stderr's first line, a hang is stopped", async () => {
  assert.equal(await runAssertionCommand(node(`process.stdout.write(${JSON.stringify(assertion + "\n")})`)), assertion);
  await unavailable(runAssertionCommand(node("console.error('not signed in to the vault'); process.exit(3)")), /failed \(exit code 3\): not signed in to the vault/);
  const e = await unavailable(runAssertionCommand(node("console.log('secret-output-value')")), /azureToken\.clientAssertionCommand did not give a JWT/);
  assert.ok(!e.message.includes("secret-output-value"), "the output is never quoted");
  const started = Date.now();
  await unavailable(runAssertionCommand(node("setTimeout(() => {}, 60000)"), 500), /did not finish within 1 seconds and was stopped/);
  assert.ok(Date.now() - started < 10_000, "stopped at the timeout");
  await unavailable(runAssertionCommand("  "), /needs a file, or a command in the azureToken\.clientAssertionCommand setting/);
});

test("explained: the client assertion's failures read as such, with the fix", async () => {
  const error = await readAssertionFile(path.join(dir, "missing.jwt")).catch((e: unknown) => e);
  const explained = explainAuthError(error);
  assert.equal(explained.title, "The client assertion could not be read");
  assert.match(explained.fix ?? "", /clientAssertionCommand/);
});
