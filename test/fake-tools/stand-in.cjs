// Shared by the test-only developer-tool stand-ins in this folder (az, azd, pwsh). Each answers the exact command
// @azure/identity runs, the way the real tool prints it, with a real token from the local Entra ID (client credentials
// of the sandbox daemon app, read from FAKE_ENTRA_INFO). AZURE_TOKEN_FAKE_<TOOL> (AZURE_TOKEN_FAKE_AZ, _AZD, _PWSH)
// picks another answer, such as "signed-out". Not executable: only the tools themselves are found on PATH.
"use strict";
const fs = require("node:fs");
const https = require("node:https");

/** Writes `message` to stderr and exits with `code`, as the tools do on an error. */
function fail(message, code = 1) {
  process.stderr.write(message + "\n");
  process.exit(code);
}

/** The answer AZURE_TOKEN_FAKE_<TOOL> asks for ("signed-out", …), "" for a signed-in tool. */
function mode(tool) {
  return process.env[`AZURE_TOKEN_FAKE_${tool.toUpperCase()}`] ?? "";
}

/**
 * A token for `scopes` (space-separated `<resource>/.default`) from the local Entra ID, in `tenant` or the sandbox
 * tenant. Resolves { token, tenant, expiresOn }: expiresOn is the token's `exp` in POSIX seconds (what the tools
 * compute from `expires_in`). Rejects with Entra's error description.
 */
function entraToken({ scopes, tenant }) {
  const info = JSON.parse(process.env.FAKE_ENTRA_INFO ?? "null");
  if (!info) fail("test stand-in: FAKE_ENTRA_INFO is not set", 2);
  const tenantId = tenant || info.tenantId;
  const body = new URLSearchParams({
    grant_type: "client_credentials", client_id: info.confidentialClientId, client_secret: info.confidentialClientSecret, scope: scopes,
  }).toString();
  return new Promise((resolve, reject) => {
    const req = https.request(`${info.url}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`, {
      method: "POST", ca: fs.readFileSync(info.caPath),
      headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
    }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => {
        const json = JSON.parse(text);
        if (res.statusCode !== 200) return reject(new Error(json.error_description ?? json.error));
        const { exp } = JSON.parse(Buffer.from(json.access_token.split(".")[1], "base64url").toString("utf8"));
        resolve({ token: json.access_token, tenant: tenantId, expiresOn: exp });
      });
    });
    req.on("error", (e) => reject(new Error(`test stand-in: ${e.message}`)));
    req.end(body);
  });
}

module.exports = { entraToken, fail, mode };
