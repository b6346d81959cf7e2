// A loopback stand-in for the API a copied request calls: HTTPS on 127.0.0.1 with a throw-away certificate for the
// API's host name (made with openssl at run time), so the copied command runs unchanged and is only pointed at
// loopback (curl --connect-to; for the .http file, the connection's address). It checks the bearer token like an API
// does: signed by the local Entra ID's key (its JWKS), issued by the sandbox tenant, for this API's audience, not
// expired. It answers 200 with the token's SHA-256, or 401 with a WWW-Authenticate challenge.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import path from "node:path";
import { createLocalJWKSet, jwtVerify } from "jose";

export const sha256 = (text) => crypto.createHash("sha256").update(text).digest("hex");

function getJson(url, ca) {
  return new Promise((resolve, reject) => {
    https.get(url, { ca }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`${url}: ${res.statusCode}`))));
    }).on("error", reject);
  });
}

/**
 * @param {{ entra: object, dir: string, hostname: string, audiences: string[], issuer: string, jwksPath: string }} options
 * jwksPath: the local Entra's key set for the token's version (v1 tokens: /{tenant}/discovery/keys).
 */
export async function startEchoApi({ entra, dir, hostname, audiences, issuer, jwksPath }) {
  fs.mkdirSync(dir, { recursive: true });
  const keyPath = path.join(dir, "api.key");
  const certPath = path.join(dir, "api.crt");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", `/CN=${hostname}`,
    "-addext", `subjectAltName=DNS:${hostname}`, "-keyout", keyPath, "-out", certPath], { stdio: "ignore" });
  const keys = createLocalJWKSet(await getJson(`${entra.url}${jwksPath}`, fs.readFileSync(entra.caPath)));
  const calls = [];
  const server = https.createServer({ key: fs.readFileSync(keyPath), cert: fs.readFileSync(certPath) }, (req, res) => {
    void (async () => {
      const bearer = /^Bearer ([A-Za-z0-9\-._~+/]+=*)$/.exec(req.headers.authorization ?? "")?.[1];
      const call = { method: req.method, url: req.url, host: req.headers.host, status: 401 };
      calls.push(call);
      let body;
      try {
        if (!bearer) throw new Error("no bearer token");
        await jwtVerify(bearer, keys, { issuer, audience: audiences, algorithms: ["RS256"] });
        call.status = 200;
        body = { ok: true, tokenSha256: sha256(bearer) };
      } catch (e) {
        body = { ok: false, error: e.message };
      }
      const text = JSON.stringify(body);
      res.writeHead(call.status, {
        "content-type": "application/json",
        ...(call.status === 401 ? { "www-authenticate": `Bearer realm="", error="invalid_token"` } : {}),
      });
      res.end(text);
    })();
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: server.address().port, certPath, calls,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
