// Run by test/unit/auth-clear.test.ts in a child process: the real auth service (src/auth/index.ts with the real
// @azure/identity) against the local Entra ID the parent started. NODE_EXTRA_CA_CERTS, which makes this process trust
// that server's throw-away CA, is read only when a process starts, hence the child. Prints one JSON line: what the
// local Entra ID saw between the steps, never a token (only whether two tokens are the same).
import Module from "node:module";
import path from "node:path";
import type * as AuthModule from "../../../src/auth/index";
import type { AcquireOptions, TokenRequest } from "../../../src/auth/types";
import { FakeEntraControl } from "../../fake-entra/control";
import { APPS, TENANT } from "../../fake-entra/sandbox";

// src/auth/index.ts loads the device code UI, which imports 'vscode': plain Node gets the same stand-in as the benchmark.
const loader = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]) {
  return request === "vscode" ? path.resolve(__dirname, "../../../scripts/bench/vscode-stub.cjs") : resolve.call(this, request, ...rest);
};
const { createAuthService } = require("../../../src/auth/index") as typeof AuthModule;

const url = process.env.FAKE_ENTRA_URL!;
const control = new FakeEntraControl(url, process.env.FAKE_ENTRA_CA!);
const count = async (suffix: string) => (await control.requests()).filter((r) => r.path.endsWith(suffix)).length;
const tokenRequests = () => count("/oauth2/v2.0/token");
const signInPages = () => count("/oauth2/v2.0/authorize");
const options = (interaction: "allowed" | "never"): AcquireOptions => ({
  signal: new AbortController().signal, interaction, ui: { showDeviceCode: () => { throw new Error("no device code expected"); } },
});
const base = { cloud: "Custom", authorityHost: url, disableInstanceDiscovery: true, tenant: TENANT.id } as const;

async function main(): Promise<void> {
  let secretValue: string = APPS.confidentialClient.secret!;
  const secrets = { get: async () => secretValue, store: async () => undefined, delete: async () => undefined };
  const service = createAuthService({ secrets, env: {} });

  // A confidential client: MSAL caches its access token in the credential.
  const app: TokenRequest = { ...base, credential: "clientSecret", clientId: APPS.confidentialClient.appId, secretKey: "k", scopes: ["api://azure-token-sandbox-api/.default"] };
  const a1 = await service.acquire(app, options("never"));
  const appFirst = await tokenRequests();
  const a2 = await service.acquire(app, options("never"));
  const appCached = await tokenRequests();
  service.clear();
  const a3 = await service.acquire(app, options("never"));
  const appAfterClear = await tokenRequests();
  // Another secret under the same key (the user typed a new one): the held answer belongs to the credential built with
  // the old one, so the request goes to Entra (which refuses this made-up secret).
  secretValue = "another-secret-typed-by-the-user";
  let newSecretOutcome = "answered";
  try {
    await service.acquire(app, options("never"));
  } catch (e) {
    newSecretOutcome = (e as Error).name;
  }
  const appAfterNewSecret = await tokenRequests();

  // A browser sign-in: MSAL holds its access and refresh tokens; a silent request ("never") is answered from them.
  const user: TokenRequest = { ...base, credential: "interactiveBrowser", clientId: APPS.publicClient.appId, scopes: ["https://management.azure.com/.default"] };
  await service.acquire(user, options("allowed"));
  const pagesAfterSignIn = await signInPages();
  await service.acquire(user, options("never"));
  const silentBeforeClear = "answered";
  service.clear();
  let silentAfterClear = "answered";
  try {
    await service.acquire(user, options("never"));
  } catch (e) {
    silentAfterClear = (e as Error).name;
  }
  await service.acquire(user, options("allowed"));
  const pagesAfterSecondSignIn = await signInPages();

  console.log(JSON.stringify({
    appFirst, appCached, appAfterClear, appAfterNewSecret, newSecretOutcome, sameTokenFromCache: a1.token === a2.token, newTokenAfterClear: a3.token !== a1.token,
    pagesAfterSignIn, silentBeforeClear, silentAfterClear, pagesAfterSecondSignIn,
  }));
}

main().then(() => process.exit(0), (e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  process.exit(1);
});
