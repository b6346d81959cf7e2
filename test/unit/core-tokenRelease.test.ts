// Whether a token may leave the extension, as data: the setting, the grants remembered for the window and the
// request shape decide allow / deny / ask; the modal's answers; its words; the denial's error.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  consentAnswerOf, consentText, CONSENT_CHOICES, decideRelease, isTokenReleaseDenied, outcomeOfConsent, parseTokenReleaseSetting,
  releaseLogLine, releaseShapeKey, TokenReleaseDeniedError, type ReleaseShape, type TokenReleaseSetting,
} from "../../src/core/tokenRelease";

const TENANT = "6f1c4a2e-8b3d-4e5f-9a7b-1c2d3e4f5a6b";
const CLIENT = "5a1d7c3e-2b9f-4e61-8d04-7f3c2a9b1e65";
const shape: ReleaseShape = {
  credential: "interactiveBrowser", cloud: "AzurePublic", authorityHost: "https://login.microsoftonline.com",
  tenant: TENANT, clientId: CLIENT, scopes: ["https://graph.microsoft.com/User.Read", "https://graph.microsoft.com/Mail.Read"],
};

test("the setting: ask, allow and deny are read as such; anything else is the safe default, ask", () => {
  for (const v of ["ask", "allow", "deny"] as const) assert.equal(parseTokenReleaseSetting(v), v);
  for (const v of [undefined, null, "", "Allow", "yes", true, 1, ["allow"], { allow: true }]) assert.equal(parseTokenReleaseSetting(v), "ask", JSON.stringify(v));
});

test("decision table: setting × remembered grant → allow / deny / ask", () => {
  const granted = new Set([releaseShapeKey(shape)]);
  const none = new Set<string>();
  const table: [TokenReleaseSetting, ReadonlySet<string>, string][] = [
    ["ask", none, "ask"],
    ["ask", granted, "allow"],
    ["allow", none, "allow"],
    ["allow", granted, "allow"],
    ["deny", none, "deny"],
    ["deny", granted, "deny"], // the setting wins over what the user allowed for the window
  ];
  for (const [setting, grants, expected] of table) assert.equal(decideRelease(setting, grants, shape), expected, `${setting} with ${grants.size} grant(s)`);
});

test("a grant covers exactly its request shape: kind, cloud, authority, tenant, client and scopes", () => {
  const granted = new Set([releaseShapeKey(shape)]);
  const same: ReleaseShape[] = [
    { ...shape, tenant: TENANT.toUpperCase(), clientId: ` ${CLIENT.toUpperCase()} ` },
    { ...shape, authorityHost: "HTTPS://login.microsoftonline.com/" },
    { ...shape, scopes: [...shape.scopes].reverse() },
    { ...shape, scopes: [...shape.scopes, shape.scopes[0]] },
  ];
  for (const s of same) assert.equal(decideRelease("ask", granted, s), "allow", JSON.stringify(s));
  const other: ReleaseShape[] = [
    { ...shape, credential: "deviceCode" },
    { ...shape, cloud: "AzureUSGovernment" },
    { ...shape, cloud: "Custom", authorityHost: "https://login.contoso-stack.example" },
    { ...shape, authorityHost: "https://login.contoso-stack.example" },
    { ...shape, tenant: "contoso.onmicrosoft.com" },
    { ...shape, clientId: undefined },
    { ...shape, clientId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46" },
    { ...shape, scopes: ["https://graph.microsoft.com/User.Read"] },
    { ...shape, scopes: [...shape.scopes, "https://graph.microsoft.com/Files.Read"] },
    { ...shape, scopes: ["https://graph.microsoft.com/.default"] },
  ];
  for (const s of other) assert.equal(decideRelease("ask", granted, s), "ask", JSON.stringify(s));
});

test("the modal's answers: once releases, for this window releases and remembers, Deny or closing releases nothing", () => {
  assert.deepEqual(outcomeOfConsent("once"), { release: true, remember: false });
  assert.deepEqual(outcomeOfConsent("window"), { release: true, remember: true });
  assert.deepEqual(outcomeOfConsent("deny"), { release: false, remember: false });
  assert.deepEqual(outcomeOfConsent(undefined), { release: false, remember: false });
  assert.equal(consentAnswerOf(CONSENT_CHOICES.once), "once");
  assert.equal(consentAnswerOf(CONSENT_CHOICES.window), "window");
  assert.equal(consentAnswerOf(CONSENT_CHOICES.deny), "deny");
  assert.equal(consentAnswerOf(undefined), undefined);
  assert.equal(consentAnswerOf("Cancel"), undefined);
});

test("the modal says a program asked, and names tenant, client, audience, scopes and sign-in kind", () => {
  const { message, detail } = consentText(shape);
  assert.match(message, /program asked/);
  assert.match(detail, new RegExp(`Tenant: ${TENANT}`));
  assert.match(detail, new RegExp(`Client: ${CLIENT}`));
  assert.match(detail, /Audience: https:\/\/graph\.microsoft\.com\n/);
  assert.match(detail, /Scopes: https:\/\/graph\.microsoft\.com\/User\.Read https:\/\/graph\.microsoft\.com\/Mail\.Read/);
  assert.match(detail, /Sign-in: Browser sign-in/);
  assert.match(detail, /azureToken\.tokenRelease/);
  // A CLI kind with no tenant or client: the modal says what is used instead.
  const cli = consentText({ credential: "azureCli", cloud: "Custom", authorityHost: "https://127.0.0.2:8443", tenant: "", scopes: ["https://management.azure.com/.default"] });
  assert.match(cli.detail, /Tenant: none given \(the tenant of your 'az login'\)/);
  assert.match(cli.detail, /Client: none given/);
  assert.match(cli.detail, /Audience: https:\/\/management\.azure\.com\n/);
  assert.match(cli.detail, /Sign-in: Azure CLI/);
  assert.match(cli.detail, /Authority: Custom authority host https:\/\/127\.0\.0\.2:8443/);
});

test("the log line says a token was released, when and for which audience, never a token", () => {
  const line = releaseLogLine(shape, "once", Date.UTC(2030, 0, 2, 3, 4, 5));
  assert.match(line, /^token released to a caller at 2030-01-02T03:04:05\.000Z: audience https:\/\/graph\.microsoft\.com,/);
  assert.match(line, /allowed once/);
  assert.match(releaseLogLine(shape, "setting", 0), /azureToken\.tokenRelease is "allow"/);
  assert.match(releaseLogLine(shape, "remembered", 0), /allowed earlier for this window/);
});

test("a denial names the setting, and is recognised by name (the auth bundle has its own copy of core)", () => {
  for (const by of ["setting", "user"] as const) {
    const e = new TokenReleaseDeniedError(by);
    assert.equal(e.name, "TokenReleaseDeniedError");
    assert.match(e.message, /denied/);
    assert.match(e.message, /setting azureToken\.tokenRelease/);
    assert.equal(isTokenReleaseDenied(e), true);
  }
  assert.equal(isTokenReleaseDenied(Object.assign(new Error("x"), { name: "TokenReleaseDeniedError" })), true);
  assert.equal(isTokenReleaseDenied(new Error("denied")), false);
  assert.equal(isTokenReleaseDenied(undefined), false);
});
