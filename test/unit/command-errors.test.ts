import { test } from "node:test";
import assert from "node:assert/strict";
import { AuthenticationError, CredentialUnavailableError } from "@azure/identity";
import { isRejectedSecret } from "../../src/core/authErrors";
import { explainCommandError, failureOf, InvalidArgumentError, RecoverableError, type Operation } from "../../src/core/commandErrors";
import { TokenReleaseDeniedError } from "../../src/core/tokenRelease";
import { CommandId } from "../../src/commands/commandIds";
import { Operations } from "../../src/commands/operations";

const rename: Operation = { id: "azureToken.renameProfile", failure: "rename the profile" };
const signIn: Operation = { id: "azureToken.getToken", failure: "get a token", signsIn: true };

test("a user cancel is silent for every operation", () => {
  for (const operation of [rename, signIn]) {
    assert.equal(explainCommandError(operation, Object.assign(new Error("Canceled"), { name: "Canceled" })), undefined);
    assert.equal(explainCommandError(operation, Object.assign(new Error("Cancelled by the user."), { name: "CancelledError" })), undefined);
  }
});

test("a denied token release is the user's answer: silent like a cancel (the API caller still gets the error)", () => {
  assert.equal(explainCommandError(signIn, new TokenReleaseDeniedError("user")), undefined);
  assert.equal(explainCommandError(signIn, new TokenReleaseDeniedError("setting")), undefined);
  assert.equal(explainCommandError(signIn, Object.assign(new Error("denied"), { name: "TokenReleaseDeniedError" })), undefined, "by name, across bundles");
});

test("a bad argument is told in the operation's words, not as a sign-in failure", () => {
  const x = explainCommandError(rename, new InvalidArgumentError("Argument 'name': A profile named 'Graph' already exists."));
  assert.deepEqual(x, { title: "Couldn't rename the profile", detail: "Argument 'name': A profile named 'Graph' already exists." });
  const y = explainCommandError(signIn, new InvalidArgumentError("Argument 'tenant': not a tenant."));
  assert.equal(y?.title, "Couldn't get a token");
});

test("any other failure of a command that does not sign in names that command, never 'Couldn't get a token'", () => {
  const x = explainCommandError(rename, new Error("EACCES: storage is read-only\n    at write (x.js:1:1)"));
  assert.deepEqual(x, { title: "Couldn't rename the profile", detail: "EACCES: storage is read-only" });
  assert.deepEqual(explainCommandError({ id: "x", failure: "copy the token" }, 42), { title: "Couldn't copy the token", detail: "An unexpected error occurred." });
});

test("a sign-in failure is explained as one: AADSTS code, fix and ids, for any operation that met it", () => {
  const entra = new AuthenticationError(400, { error: "invalid_grant", error_description: "AADSTS50076: MFA required.\r\nTrace ID: t-1\r\nCorrelation ID: c-1\r\nTimestamp: 2025-01-09 02:02:12Z" });
  for (const operation of [signIn, { id: "azureToken.tokenActions", failure: "run the token action" }]) {
    const x = explainCommandError(operation, entra);
    assert.equal(x?.code, 50076);
    assert.match(x?.title ?? "", /AADSTS50076/);
    assert.ok(x?.fix);
  }
  assert.match(explainCommandError(signIn, new CredentialUnavailableError("Azure CLI could not be found."))?.title ?? "", /Azure CLI/);
  assert.equal(explainCommandError(signIn, new Error("boom"))?.title, "Couldn't get a token");
});

test("messages never carry a token", () => {
  const jwt = ["eyJhbGciOiJSUzI1NiJ9", "eyJzdWIiOiJ4In0", "c2lnbmF0dXJlLXNpZ25hdHVyZQ"].join(".");
  const x = explainCommandError(rename, new Error(`storage rejected ${jwt}`));
  assert.ok(!x?.detail.includes(jwt));
  const y = explainCommandError(rename, new InvalidArgumentError(`Argument 'name': ${jwt}`));
  assert.ok(!y?.detail.includes(jwt));
  // Redacted before the first line is taken: a token broken across lines loses no part to the cut.
  const [h, p, s] = jwt.split(".");
  const z = explainCommandError(rename, new InvalidArgumentError(`Argument 'name': ${h}.${p.slice(0, 8)}\n${p.slice(8)}.${s}`));
  assert.equal(z?.detail, "Argument 'name': [REDACTED JWT]");
});

test("every command has an operation with its own words and id", () => {
  for (const [name, id] of Object.entries(CommandId)) {
    const operation = Operations[name as keyof typeof CommandId];
    assert.equal(operation.id, id);
    assert.match(operation.failure, /^[a-z]/);
  }
  assert.equal(Operations.getToken.signsIn, true);
  assert.notEqual(Operations.renameProfile.signsIn, true);
});

const entraRefusal = (code: number) => new AuthenticationError(401, {
  error: "invalid_client", error_description: `AADSTS${code}: the client secret was refused.\r\nTrace ID: t\r\nCorrelation ID: c`, error_codes: [code],
});

test("only Entra's refusal of the secret itself (AADSTS7000215 wrong, 7000222 expired) offers a new secret", () => {
  assert.equal(isRejectedSecret(entraRefusal(7000215)), true);
  assert.equal(isRejectedSecret(entraRefusal(7000222)), true);
  assert.equal(isRejectedSecret(entraRefusal(700016)), false, "an unknown app: a new secret does not help");
  assert.equal(isRejectedSecret(new Error("socket hang up")), false);
  assert.equal(isRejectedSecret(undefined), false);
});

test("a recoverable failure is explained as the failure it wraps; an API caller gets that failure", () => {
  const failure = entraRefusal(7000215);
  const wrapped = new RecoverableError(failure, { label: "Enter a new secret", run: async () => undefined });
  assert.deepEqual(explainCommandError(signIn, wrapped), explainCommandError(signIn, failure));
  assert.equal(explainCommandError(signIn, wrapped)?.code, 7000215);
  assert.equal(failureOf(wrapped), failure);
  assert.equal(failureOf(failure), failure);
  const cancelled = new RecoverableError(Object.assign(new Error("Canceled"), { name: "Canceled" }), { label: "x", run: async () => undefined });
  assert.equal(explainCommandError(signIn, cancelled), undefined, "a wrapped cancel stays silent");
});
