// Throw-away certificates for the fake Entra ID, generated with the `openssl` CLI at run time (never committed):
//   ca.pem / ca-key.pem          a test CA (trust it with NODE_EXTRA_CA_CERTS, tlsOptions.ca or FAKE_BROWSER_CA)
//   server.pem / server-key.pem  TLS certificate for localhost, 127.0.0.1 and ::1, signed by the CA
//   client.pem / client-key.pem  self-signed certificate of the certificate-credential app
//   client-combined.pem          client key + certificate in one file (ClientCertificateCredential's certificatePath)
// ensureCerts is idempotent: it reuses a complete, consistent, unexpired set and serializes concurrent callers.
import { execFile, execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export interface FakeEntraCerts {
  readonly dir: string;
  readonly caPath: string;
  readonly certPath: string;
  readonly keyPath: string;
  readonly clientCertPath: string;
  readonly clientKeyPath: string;
  /** Key and certificate in one PEM file, as ClientCertificateCredential expects. */
  readonly clientPemPath: string;
  /** SHA-1 thumbprint of the client certificate, upper-case hex (as the Azure portal shows it). */
  readonly clientCertThumbprint: string;
  readonly clientCertThumbprintSha256: string;
}

export interface ClientCertFiles {
  readonly certPath: string;
  readonly keyPath: string;
  readonly pemPath: string;
  readonly thumbprint: string;
  readonly thumbprintSha256: string;
}

const MIN_REMAINING_MS = 24 * 3600 * 1000;

async function openssl(args: string[], cwd: string): Promise<void> {
  try {
    await run("openssl", args, { cwd });
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { stderr?: string };
    if (err.code === "ENOENT") throw new Error("fake-entra: the `openssl` command is required to generate test certificates", { cause: e });
    throw new Error(`fake-entra: openssl ${args[0]} failed: ${err.stderr ?? err.message}`, { cause: e });
  }
}

function thumbprints(certPem: string): { sha1: string; sha256: string } {
  const raw = new crypto.X509Certificate(certPem).raw;
  return {
    sha1: crypto.createHash("sha1").update(raw).digest("hex").toUpperCase(),
    sha256: crypto.createHash("sha256").update(raw).digest("hex").toUpperCase(),
  };
}

/**
 * Generates a self-signed RSA client certificate `<name>.pem` + `<name>-key.pem` + `<name>-combined.pem` in `dir`.
 * Used for the sandbox certificate app, and by tests that need a certificate the fake does not know.
 */
export async function generateClientCert(dir: string, name: string, commonName = name): Promise<ClientCertFiles> {
  fs.mkdirSync(dir, { recursive: true });
  const certPath = path.join(dir, `${name}.pem`);
  const keyPath = path.join(dir, `${name}-key.pem`);
  const pemPath = path.join(dir, `${name}-combined.pem`);
  await openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "365", "-subj", `/CN=${commonName}`,
    "-keyout", keyPath, "-out", certPath], dir);
  fs.chmodSync(keyPath, 0o600);
  const certPem = fs.readFileSync(certPath, "utf8");
  fs.writeFileSync(pemPath, fs.readFileSync(keyPath, "utf8") + certPem, { mode: 0o600 });
  const t = thumbprints(certPem);
  return { certPath, keyPath, pemPath, thumbprint: t.sha1, thumbprintSha256: t.sha256 };
}

function pathsIn(dir: string) {
  return {
    caPath: path.join(dir, "ca.pem"),
    caKeyPath: path.join(dir, "ca-key.pem"),
    certPath: path.join(dir, "server.pem"),
    keyPath: path.join(dir, "server-key.pem"),
    clientCertPath: path.join(dir, "client.pem"),
    clientKeyPath: path.join(dir, "client-key.pem"),
    clientPemPath: path.join(dir, "client-combined.pem"),
  };
}

/** True when every file exists, the server cert is issued by the CA, and nothing expires within a day. */
function usable(p: ReturnType<typeof pathsIn>): boolean {
  try {
    const ca = new crypto.X509Certificate(fs.readFileSync(p.caPath));
    const server = new crypto.X509Certificate(fs.readFileSync(p.certPath));
    const client = new crypto.X509Certificate(fs.readFileSync(p.clientCertPath));
    for (const f of [p.keyPath, p.clientKeyPath, p.clientPemPath]) if (!fs.statSync(f).isFile()) return false;
    const soon = Date.now() + MIN_REMAINING_MS;
    if ([ca, server, client].some((c) => new Date(c.validTo).getTime() < soon)) return false;
    if (!server.checkIssued(ca) || !server.verify(ca.publicKey)) return false;
    if (!server.checkIP("127.0.0.2")) return false; // certificates from before the 127.0.0.2 listener
    const serverKey = crypto.createPrivateKey(fs.readFileSync(p.keyPath));
    return server.checkPrivateKey(serverKey);
  } catch {
    return false;
  }
}

async function withLock<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, ".lock");
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: "wx" });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      try {
        if (Date.now() - fs.statSync(lock).mtimeMs > 60_000) fs.rmSync(lock, { force: true }); // stale
      } catch { /* removed meanwhile */ }
      if (Date.now() > deadline) throw new Error(`fake-entra: timed out waiting for ${lock}`, { cause: e });
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

/** Ensures the CA, server and client certificates exist in `dir` (created if needed) and returns their paths. */
export async function ensureCerts(dir: string): Promise<FakeEntraCerts> {
  const abs = path.resolve(dir);
  fs.mkdirSync(abs, { recursive: true });
  const p = pathsIn(abs);
  await withLock(abs, async () => {
    if (usable(p)) return;
    const ext = path.join(abs, `server-${process.pid}.ext`);
    const csr = path.join(abs, `server-${process.pid}.csr`);
    try {
      await openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "730", "-subj", "/CN=Azure Token Fake Entra Test CA",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-keyout", p.caKeyPath, "-out", p.caPath], abs);
      await openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", p.keyPath, "-out", csr], abs);
      fs.writeFileSync(ext, [
        "basicConstraints=CA:FALSE",
        "keyUsage=critical,digitalSignature,keyEncipherment",
        "extendedKeyUsage=serverAuth",
        "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2,IP:::1",
        "subjectKeyIdentifier=hash",
        "authorityKeyIdentifier=keyid,issuer",
      ].join("\n") + "\n");
      await openssl(["x509", "-req", "-in", csr, "-CA", p.caPath, "-CAkey", p.caKeyPath, "-CAcreateserial", "-days", "365",
        "-sha256", "-out", p.certPath, "-extfile", ext], abs);
      for (const k of [p.caKeyPath, p.keyPath]) fs.chmodSync(k, 0o600);
      await generateClientCert(abs, "client", "Azure Token Sandbox Cert Daemon");
    } finally {
      for (const f of [ext, csr, path.join(abs, "ca.srl")]) fs.rmSync(f, { force: true });
    }
  });
  const t = thumbprints(fs.readFileSync(p.clientCertPath, "utf8"));
  return {
    dir: abs,
    caPath: p.caPath,
    certPath: p.certPath,
    keyPath: p.keyPath,
    clientCertPath: p.clientCertPath,
    clientKeyPath: p.clientKeyPath,
    clientPemPath: p.clientPemPath,
    clientCertThumbprint: t.sha1,
    clientCertThumbprintSha256: t.sha256,
  };
}

let untrusted: { key: Buffer; cert: Buffer } | undefined;

/**
 * A self-signed server certificate no client trusts (not issued by the test CA), for the untrustedCert fault: what a
 * TLS-inspecting proxy shows a machine that does not trust its authority. Made once per process, on first use.
 */
export function untrustedServerCert(): { key: Buffer; cert: Buffer } {
  if (untrusted) return untrusted;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-entra-untrusted-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=Untrusted Inspecting Proxy",
      "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1,IP:127.0.0.2", "-keyout", "key.pem", "-out", "cert.pem"], { cwd: dir, stdio: "ignore" });
    untrusted = { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) };
    return untrusted;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
