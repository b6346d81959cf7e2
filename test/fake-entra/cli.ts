// Runs the fake Entra ID as a process (npm run demo, integration/e2e scripts):
//   node --import tsx test/fake-entra/cli.ts [--port N] [--host 127.0.0.2] [--auto-approve] [--certs DIR] [--lifetime SEC]
// Prints ONE JSON line to stdout with the URL, CA path and sandbox ids, logs requests to stderr, and stops cleanly
// on SIGINT/SIGTERM. Certificates default to <repo>/.run/fake-entra-certs (git-ignored).
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureCerts } from "./certs";
import { FAKE_ENTRA_DIR } from "./browser";
import { APPS, RESOURCES, TENANT, USERS } from "./sandbox";
import { startFakeEntra, type RequestLogEntry } from "./server";

function usage(message?: string): never {
  if (message) process.stderr.write(`fake-entra: ${message}\n`);
  process.stderr.write("usage: node --import tsx test/fake-entra/cli.ts [--port N] [--host 127.0.0.2] [--auto-approve] [--certs DIR] [--lifetime SEC] [--quiet]\n");
  process.exit(2);
}

function intArg(value: string | undefined, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} must be an integer ${min}-${max}`);
  return n;
}

function shortLine(e: RequestLogEntry): string {
  const parts = [`${e.method} ${e.path}`];
  if (e.grantType) parts.push(`grant=${e.grantType}`);
  if (e.clientId) parts.push(`client=${e.clientId}`);
  if (e.scope) parts.push(`scope="${e.scope}"`);
  parts.push(`-> ${e.status ?? "?"}`);
  if (e.aadsts) parts.push(`AADSTS${e.aadsts}`);
  if (e.fault) parts.push(`(fault: ${e.fault})`);
  return `[fake-entra] ${new Date().toISOString().slice(11, 19)} ${parts.join(" ")}\n`;
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; "auto-approve"?: boolean; certs?: string; lifetime?: string; quiet?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "auto-approve": { type: "boolean" },
        certs: { type: "string" },
        lifetime: { type: "string" },
        quiet: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
      strict: true,
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  if (values.help) usage();
  const port = intArg(values.port, "port", 0, 65535) ?? 0;
  const lifetime = intArg(values.lifetime, "lifetime", 1, 86_400);
  const certsDir = path.resolve(values.certs ?? path.join(FAKE_ENTRA_DIR, "..", "..", ".run", "fake-entra-certs"));
  const certs = await ensureCerts(certsDir);
  if (values.host !== undefined && !/^127\.\d+\.\d+\.\d+$/.test(values.host)) usage("--host must be a loopback address (127.x.x.x)");
  const fe = await startFakeEntra({
    port,
    host: values.host,
    certs,
    autoApprove: values["auto-approve"] === true,
    ...(lifetime !== undefined ? { accessTokenLifetimeSec: lifetime } : {}),
    onRequest: values.quiet ? undefined : (e) => process.stderr.write(shortLine(e)),
  });
  const info = {
    url: fe.url,
    port: fe.port,
    pid: process.pid,
    caPath: certs.caPath,
    certPath: certs.certPath,
    certsDir: certs.dir,
    tenantId: TENANT.id,
    tenantDomain: TENANT.domain,
    publicClientId: APPS.publicClient.appId,
    noPublicFlowsClientId: APPS.publicClientNoPublicFlows.appId,
    confidentialClientId: APPS.confidentialClient.appId,
    confidentialClientSecret: APPS.confidentialClient.secret,
    certificateClientId: APPS.certificateClient.appId,
    clientCertPemPath: certs.clientPemPath,
    clientCertThumbprint: certs.clientCertThumbprint,
    middleTierClientId: APPS.middleTier.appId,
    middleTierClientSecret: APPS.middleTier.secret,
    middleTierScope: `${RESOURCES.middleTierApi.identifierUris[0]}/access_as_user`,
    workloadClientId: APPS.workloadClient.appId,
    managedIdentityClientId: APPS.managedIdentity.appId,
    identityEndpoint: fe.identityEndpoint,
    identityHeader: fe.identityHeader,
    apiAppId: RESOURCES.sandboxApi.appId,
    apiIdentifierUri: RESOURCES.sandboxApi.identifierUris[0],
    users: Object.values(USERS).map((u) => u.username),
    autoApprove: fe.config.autoApprove,
  };
  process.stdout.write(JSON.stringify(info) + "\n");

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`[fake-entra] ${signal}: stopping\n`);
    fe.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((e: unknown) => {
  process.stderr.write(`fake-entra: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
