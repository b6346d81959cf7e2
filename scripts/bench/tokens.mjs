// Realistic Entra ID access tokens for the bench, made at run time (no JWT-shaped string is committed): the three
// shapes users paste most, about 1.5–2.5 KB each. Signatures are random bytes: decoding never looks at them.
import { randomBytes } from "node:crypto";

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
const TENANT = "8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90";

function jwt(header, payload) {
  return [b64(header), b64(payload), randomBytes(256).toString("base64url")].join(".");
}

/** name → token, made now. */
export function benchTokens(nowSec = Math.floor(Date.now() / 1000)) {
  const times = { iat: nowSec - 60, nbf: nowSec - 60, exp: nowSec + 3540 };
  return {
    // v1 delegated: Azure Resource Manager through the Azure CLI's client, with groups and directory roles.
    v1Delegated: jwt({ typ: "JWT", alg: "RS256", x5t: "bench-thumbprint", kid: "bench-thumbprint" }, {
      aud: "https://management.azure.com", iss: `https://sts.windows.net/${TENANT}/`, ...times,
      acr: "1", aio: "AVQAq/8bench".padEnd(120, "x"), amr: ["pwd", "mfa"], appid: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", appidacr: "0",
      family_name: "User", given_name: "Bench", idtyp: "user", ipaddr: "203.0.113.7", name: "Bench User",
      oid: "a11ce0a1-2f4b-4c8e-9d17-3b6e5f0c9a21", puid: "10032001A2B3C4D5", rh: "0.AXYA".padEnd(60, "y"), scp: "user_impersonation",
      sub: "bench-subject-7Qm1s9kT2c", tid: TENANT, unique_name: "bench@contoso.test", upn: "bench@contoso.test", uti: "abcDEF123",
      ver: "1.0", wids: ["62e90394-69f5-4237-9190-012177145e10", "b79fbf4d-3ef9-4689-8143-76b194e85509"], xms_tcdt: 1600000000,
      groups: Array.from({ length: 12 }, (_, i) => `0000000${i % 10}-1111-4222-8333-44445555666${i % 10}`),
    }),
    // v2 app-only: a daemon calling a custom API with application roles.
    v2AppOnly: jwt({ typ: "JWT", alg: "RS256", kid: "bench-kid-v2" }, {
      aud: "api://azure-token-sandbox-api", iss: `https://login.microsoftonline.com/${TENANT}/v2.0`, ...times,
      aio: "k2BgYBench".padEnd(80, "z"), azp: "c0f1de47-8a2b-4d5c-9e6f-1a2b3c4d5e6f", azpacr: "1", idtyp: "app",
      oid: "7a3f2c1d-5b4e-4d9f-8c83-2f1b4e6d8a30", rh: "0.AXYB".padEnd(60, "w"), roles: ["Items.Read.All", "Items.Write.All"],
      sub: "7a3f2c1d-5b4e-4d9f-8c83-2f1b4e6d8a30", tid: TENANT, uti: "ghiJKL456", ver: "2.0",
    }),
    // Microsoft Graph, delegated: its header carries a nonce, so no client can verify it.
    graphNonce: jwt({ typ: "JWT", nonce: "bench-nonce-".padEnd(43, "n"), alg: "RS256", x5t: "bench-thumbprint", kid: "bench-thumbprint" }, {
      aud: "00000003-0000-0000-c000-000000000000", iss: `https://sts.windows.net/${TENANT}/`, ...times,
      acct: 0, acr: "1", aio: "E2RgYBench".padEnd(100, "q"), amr: ["pwd", "rsa", "mfa"], app_displayname: "Graph Explorer",
      appid: "de8bc8b5-d9f9-48b1-a8ad-b748da725064", appidacr: "0", family_name: "User", given_name: "Bench", idtyp: "user",
      ipaddr: "203.0.113.7", name: "Bench User", oid: "a11ce0a1-2f4b-4c8e-9d17-3b6e5f0c9a21", platf: "3", puid: "10032001A2B3C4D5",
      rh: "0.AXYC".padEnd(60, "v"), scp: "openid profile User.Read Mail.Read Calendars.ReadWrite Files.ReadWrite.All email",
      signin_state: ["kmsi"], sub: "bench-graph-subject-4r8T", tenant_region_scope: "EU", tid: TENANT, unique_name: "bench@contoso.test",
      upn: "bench@contoso.test", uti: "mnoPQR789", ver: "1.0", wids: ["b79fbf4d-3ef9-4689-8143-76b194e85509"],
      xms_ftd: "bench".padEnd(40, "f"), xms_idrel: "1 20", xms_st: { sub: "bench-st" }, xms_tcdt: 1600000000,
    }),
  };
}

/** Random printable ASCII of `bytes` length (what a mis-paste of a log or a binary file as text looks like). */
export function garbageText(bytes) {
  const raw = randomBytes(bytes);
  for (let i = 0; i < raw.length; i++) raw[i] = 32 + (raw[i] % 95);
  return raw.toString("latin1");
}
