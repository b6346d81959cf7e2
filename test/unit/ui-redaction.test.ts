// Every sink in ui/ and auth/ that shows or hands on external text uses the one redactor (src/core/redact.ts): the
// error an API caller gets from runInContext(…, "rethrow"), the message a command shows, the device code
// notification, a failed copy's warning. Runs the real modules against a stand-in for 'vscode'.
import "./helpers/vscodeStub";
import { test } from "node:test";
import assert from "node:assert/strict";
import { createAuthUi } from "../../src/auth/authUi";
import { explainCommandError, InvalidArgumentError } from "../../src/core/commandErrors";
import { REDACTED, REDACTED_JWT, SecretRegistry } from "../../src/core/redact";
import { copyToken } from "../../src/ui/copyToken";
import { runInContext } from "../../src/ui/commandRunner";
import type { Log } from "../../src/ui/log";
import { shown } from "./helpers/vscodeStub";
import { makeJwt } from "./helpers/makeJwt";

const jwt = makeJwt({ upn: "someone@example.com" });
const claims = jwt.split(".")[1];
const typedSecret = "typed-client-secret-1";

/** The Log's redaction (registry included) without an output channel; what it logged, redacted. */
function fakeLog(): { log: Log; lines: string[] } {
  const secrets = new SecretRegistry();
  secrets.register(typedSecret);
  const lines: string[] = [];
  const log = {
    secrets,
    redact: (text: string) => secrets.redact(text),
    info: (m: string) => lines.push(secrets.redact(m)),
    warn: (m: string) => lines.push(secrets.redact(m)),
    error: (m: string) => lines.push(secrets.redact(m)),
    show: () => undefined,
  };
  return { log: log as unknown as Log, lines };
}

const getToken = { id: "azureToken.getToken", failure: "get a token", signsIn: true };

test("rethrow: the API caller gets a redacted copy that keeps its class, name and fields", async () => {
  const { log, lines } = fakeLog();
  shown.length = 0;
  const thrown = Object.assign(new InvalidArgumentError(`Argument 'tenant': '${jwt}' is not a tenant (client_secret=${typedSecret})`), { argument: "tenant" });
  await assert.rejects(runInContext({ operation: getToken, log, explain: explainCommandError }, () => Promise.reject(thrown), "rethrow"), (e: Error & { argument?: string }) => {
    assert.equal(e.name, "InvalidArgumentError");
    assert.equal(e.message, `Argument 'tenant': '${REDACTED_JWT}' is not a tenant (client_secret=${REDACTED})`);
    assert.equal(e.argument, "tenant");
    assert.ok(e instanceof InvalidArgumentError);
    assert.ok(!String(e.stack).includes(claims) && !String(e.stack).includes(typedSecret), String(e.stack));
    return true;
  });
  assert.ok(lines.every((l) => !l.includes(claims) && !l.includes(typedSecret)), lines.join("\n"));
  assert.equal(shown.length, 0, "rethrow shows nothing");
});

test("rethrow: a cancellation reaches the caller redacted too, still recognisable by name", async () => {
  const { log } = fakeLog();
  const cancel = Object.assign(new Error(`Cancelled while sending Bearer ${jwt}`), { name: "CancelledError" });
  await assert.rejects(runInContext({ operation: getToken, log, explain: explainCommandError }, () => Promise.reject(cancel), "rethrow"), (e: Error) => {
    assert.equal(e.name, "CancelledError");
    assert.equal(e.message, `Cancelled while sending Bearer ${REDACTED_JWT}`);
    return true;
  });
});

test("report: the message shown is redacted, registered secrets included", async () => {
  const { log } = fakeLog();
  shown.length = 0;
  const result = await runInContext({ operation: { id: "azureToken.renameProfile", failure: "rename the profile" }, log, explain: explainCommandError },
    () => Promise.reject(new Error(`storage rejected ${jwt} and ${typedSecret}`)), "report");
  assert.equal(result, undefined);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].text, `Couldn't rename the profile. storage rejected ${REDACTED_JWT} and ${REDACTED}`);
});

test("the device code notification is redacted; the user code stays readable", () => {
  shown.length = 0;
  createAuthUi().showDeviceCode({ userCode: "ABCD-1234", verificationUri: `https://microsoft.com/devicelogin?access_token=${jwt}`, message: "" }, new AbortController().signal);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].text, `Azure Token: to sign in, open https://microsoft.com/devicelogin?access_token=${REDACTED_JWT} and enter the code ABCD-1234`);
});

test("a failed copy's warning goes through the log's redaction", async () => {
  shown.length = 0;
  const seen: string[] = [];
  const log = { info: () => undefined, redact: (text: string) => { seen.push(text); return `«${text}»`; } };
  const held = { id: "t1", label: "test", source: "pasted" as const, token: "not{a}b64token", acquiredAtMs: 0 };
  assert.equal(await copyToken(held, "header", log), false);
  assert.equal(shown.length, 1);
  assert.equal(shown[0].text, `«${seen[0]}»`);
  assert.match(seen[0], /^Azure Token: This token contains characters/);
});
