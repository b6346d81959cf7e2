// On-behalf-of, the pure part: which pasted tokens can be the incoming token (with a specific reason for each refusal,
// never quoting the token), and which claims flowed into the downstream token.
import { test } from "node:test";
import assert from "node:assert/strict";
import { checkIncomingToken, flowedClaims } from "../../src/core/onBehalfOf";
import { makeJwe, makeJwt } from "./helpers/makeJwt";

const NOW = Date.UTC(2026, 0, 1, 12);
const MIDDLE = "d1a7e3c5-9b2f-4e8d-a6c4-3f0b7e2d5a19";
const user = (extra: Record<string, unknown> = {}) => ({
  aud: MIDDLE, iss: "https://login.microsoftonline.com/t/v2.0", tid: "8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90", oid: "b0b0b0b2-7c1d-4e9a-8f23-6a4d2c8e1f53",
  preferred_username: "bob@contoso.test", name: "Bob", idtyp: "user", scp: "access_as_user", azp: "5a1d7c3e-2b9f-4e61-8d04-7f3c2a9b1e65", ver: "2.0",
  exp: NOW / 1000 + 3600, ...extra,
});

const refusal = (input: string, clientId?: string) => {
  const r = checkIncomingToken(input, { nowMs: NOW, clientId });
  assert.ok("error" in r, "refused");
  return r.error;
};

test("incoming token: a delegated, unexpired JWT for the middle tier is accepted (a Bearer prefix is cleaned off)", () => {
  const token = makeJwt(user());
  const r = checkIncomingToken(`Bearer ${token}`, { nowMs: NOW, clientId: MIDDLE.toUpperCase() });
  assert.ok(!("error" in r));
  assert.equal(r.token, token);
  assert.equal(r.payload.scp, "access_as_user");
  assert.ok(!("error" in checkIncomingToken(makeJwt(user({ aud: `api://${MIDDLE}` })), { nowMs: NOW, clientId: MIDDLE })), "api://<client id> is the same app");
  assert.ok(!("error" in checkIncomingToken(makeJwt(user({ aud: "api://contoso-orders" })), { nowMs: NOW, clientId: MIDDLE })), "another App ID URI is left to Entra");
});

test("incoming token: each refusal says what is wrong, without quoting the token", () => {
  assert.match(refusal("  "), /Paste the access token your API received/);
  assert.match(refusal("not a token at all"), /not a JWT/);
  assert.match(refusal(makeJwe()), /encrypted \(JWE\)/);
  assert.match(refusal(makeJwt(user({ idtyp: "app", scp: undefined, roles: ["Items.Read.All"] }))), /application token/);
  assert.match(refusal(makeJwt(user({ scp: undefined }))), /application token/);
  assert.match(refusal(makeJwt(user({ exp: NOW / 1000 - 60 }))), /expired at 2026-01-01 11:59:00 UTC.*AADSTS500133/);
  assert.match(refusal(makeJwt(user({ aud: "00000003-0000-0000-c000-000000000000" }))), /for Microsoft Graph/);
  assert.match(refusal(makeJwt(user({ aud: "https://management.azure.com/" }))), /not for your API/);
  const other = refusal(makeJwt(user()), "11111111-2222-3333-4444-555555555555");
  assert.match(other, new RegExp(`audience is app ${MIDDLE}, not the middle-tier app 11111111-2222-3333-4444-555555555555.*AADSTS50013`));
  assert.match(refusal(makeJwt(user({ aud: undefined }))), /no audience/);
  const token = makeJwt(user({ exp: NOW / 1000 - 1 }));
  assert.ok(!refusal(token).includes(token.split(".")[1]), "the message does not quote the token");
});

test("flowed claims: the user's identity flows through, aud/scp/client change and say how", () => {
  const incoming = user();
  const downstream = {
    aud: "00000003-0000-0000-c000-000000000000", iss: "https://sts.windows.net/t/", tid: incoming.tid, oid: incoming.oid, upn: "bob@contoso.test",
    name: "Bob", idtyp: "user", scp: "User.Read openid", appid: MIDDLE, ver: "1.0",
  };
  const rows = flowedClaims(incoming, downstream);
  const by = Object.fromEntries(rows.map((r) => [r.claim, r]));
  assert.deepEqual(rows.map((r) => r.claim), ["oid", "tid", "upn / preferred_username", "name", "idtyp", "aud", "scp", "azp", "appid", "ver", "iss"]);
  for (const c of ["oid", "tid", "upn / preferred_username", "name", "idtyp"]) assert.equal(by[c].status, "flowed", c);
  assert.equal(by.aud.status, "changed");
  assert.match(by.aud.message, /aud changed from d1a7e3c5-.* to 00000003-/);
  assert.equal(by.scp.status, "changed");
  assert.equal(by.scp.message, "scp: added User.Read, openid; removed access_as_user");
  assert.equal(by.azp.status, "removed");
  assert.equal(by.appid.status, "added");
  assert.equal(by.ver.status, "changed");

  const otherUser = flowedClaims(incoming, { ...downstream, oid: "another", upn: "alice@contoso.test" });
  assert.equal(otherUser.find((r) => r.claim === "oid")?.status, "changed", "a different user is a change, not a flow");
  assert.equal(otherUser.find((r) => r.claim === "upn / preferred_username")?.status, "changed");
});
