// Every credential kind of the auth layer (dist/auth.js, the real bundle) inside the real extension host, against
// the local Entra ID: tokens, MSAL cache hits counted at the server, forceRefresh, interaction 'never', cancel,
// the Azure CLI, Azure Developer CLI and Azure PowerShell through the stand-ins in test/fake-tools (az, azd, pwsh),
// the VS Code account through a test-only authentication provider, and how errors are explained.
import * as assert from "node:assert/strict";
import * as crypto from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import type * as AuthModule from "../../src/auth/index";
import type { AcquiredToken, AcquireOptions, AuthService, AuthUi, DeviceCodePrompt, TokenRequest } from "../../src/auth/types";
import { explainAuthError } from "../../src/core/authErrors";
import { FakeEntraControl } from "../fake-entra/control";
import { APPS, RESOURCES, TENANT, USERS } from "../fake-entra/sandbox";
import { EXTENSION_ID } from "./extensionId";
const TEST_PROVIDER = "azure-token-test";

interface EntraInfo {
  url: string; caPath: string; tenantId: string; publicClientId: string; confidentialClientId: string;
  confidentialClientSecret: string; certificateClientId: string; clientCertPemPath: string;
}
const info = JSON.parse(process.env.FAKE_ENTRA_INFO ?? "null") as EntraInfo;

/** A client assertion for the certificate app, signed with its key (made at run time: no key material is committed). */
function certificateAssertion(): string {
  const pem = fs.readFileSync(info.clientCertPemPath, "utf8");
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
  const now = Math.floor(Date.now() / 1000);
  const x5t = crypto.createHash("sha256").update(new crypto.X509Certificate(pem).raw).digest("base64url");
  const input = `${b64({ alg: "RS256", typ: "JWT", "x5t#S256": x5t })}.${b64({
    aud: `${info.url}/${info.tenantId}/oauth2/v2.0/token`, iss: info.certificateClientId, sub: info.certificateClientId, jti: crypto.randomUUID(), nbf: now - 60, exp: now + 600,
  })}`;
  return `${input}.${crypto.sign("sha256", Buffer.from(input), crypto.createPrivateKey(pem)).toString("base64url")}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split(".")[1], "base64url").toString("utf8"));
}

class MemorySecrets {
  readonly map = new Map<string, string>();
  async get(key: string) { return this.map.get(key); }
  async store(key: string, value: string) { this.map.set(key, value); }
  async delete(key: string) { this.map.delete(key); }
}

const silentUi: AuthUi = { showDeviceCode: () => assert.fail("no device code expected") };

suite("Credentials (auth layer against the local Entra ID)", () => {
  let auth: typeof AuthModule;
  let authBundlePath: string;
  let extensionPath: string;
  let control: FakeEntraControl;
  const secrets = new MemorySecrets();
  let service: AuthService;

  const base = (): Omit<TokenRequest, "credential" | "scopes"> => ({
    cloud: "Custom", authorityHost: info.url, disableInstanceDiscovery: true, tenant: info.tenantId,
  });
  const opts = (extra: Partial<AcquireOptions> = {}): AcquireOptions => ({ signal: new AbortController().signal, ui: silentUi, ...extra });
  const tokenRequests = async () => (await control.requests()).filter((r) => r.path.endsWith("/oauth2/v2.0/token")).length;
  const authorizeRequests = async () => (await control.requests()).filter((r) => r.path.endsWith("/oauth2/v2.0/authorize")).length;
  async function failureOf(work: Promise<unknown>): Promise<unknown> {
    try {
      await work;
    } catch (e) {
      return e;
    }
    return assert.fail("expected the request to fail");
  }

  suiteSetup(async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    extensionPath = extension.extensionPath;
    authBundlePath = path.join(extensionPath, "dist", "auth.js");
    // The real bundle, loaded directly so the test can inject a secret store and a test authentication provider.
    auth = require(authBundlePath) as typeof AuthModule;
    control = new FakeEntraControl(info.url, info.caPath);
    service = auth.createAuthService({ secrets, authentication: vscode.authentication, vscodeProviderId: TEST_PROVIDER, env: {} });
  });

  suiteTeardown(async () => {
    // extension.test.ts checks that activation does not load dist/auth.js: leave require's cache as we found it.
    delete require.cache[authBundlePath];
    await control?.configure({ failNext: null, delayMs: 0 });
  });

  test("client secret from secret storage: an app token; a repeat is a cache hit; forceRefresh goes to Entra once", async () => {
    await secrets.store("azureToken.secret.it-daemon", info.confidentialClientSecret);
    const request: TokenRequest = {
      ...base(), credential: "clientSecret", clientId: info.confidentialClientId, secretKey: "azureToken.secret.it-daemon",
      scopes: [`${RESOURCES.sandboxApi.identifierUris[0]}/.default`],
    };
    const first = await service.acquire(request, opts());
    const claims = claimsOf(first.token);
    assert.equal(claims.azp ?? claims.appid, APPS.confidentialClient.appId);
    assert.deepEqual(claims.roles, ["Items.Read.All"]);
    assert.equal(first.answeredBy, "ClientSecretCredential");
    assert.equal(first.expirySource, "library");

    const before = await tokenRequests();
    const second = await service.acquire(request, opts());
    assert.equal(await tokenRequests(), before, "an unexpired token of the same request makes no network call");
    assert.equal(second.token, first.token);

    const fresh = await service.acquire(request, opts({ forceRefresh: true }));
    assert.equal(await tokenRequests(), before + 1, "forceRefresh makes exactly one token request");
    assert.notEqual(fresh.token, first.token);
    const third = await service.acquire(request, opts());
    assert.equal(await tokenRequests(), before + 1, "after a forced refresh, repeats are cache hits again");
    assert.equal(third.token, fresh.token);
  });

  test("client secret missing from secret storage: a clear message, no network call", async () => {
    const before = await tokenRequests();
    const err = await failureOf(service.acquire({
      ...base(), credential: "clientSecret", clientId: info.confidentialClientId, secretKey: "azureToken.secret.it-missing",
      scopes: ["https://management.azure.com/.default"],
    }, opts()));
    const explained = explainAuthError(err);
    assert.equal(explained.kind, "unavailable");
    assert.match(explained.detail, /no longer in VS Code's secret storage/);
    assert.equal(await tokenRequests(), before);
  });

  test("client certificate (PEM file): an app token for the certificate app", async () => {
    const result = await service.acquire({
      ...base(), credential: "clientCertificate", clientId: info.certificateClientId, certificatePath: info.clientCertPemPath,
      scopes: [`${RESOURCES.sandboxApi.identifierUris[0]}/.default`],
    }, opts());
    const claims = claimsOf(result.token);
    assert.equal(claims.azp ?? claims.appid, APPS.certificateClient.appId);
    assert.equal(result.answeredBy, "ClientCertificateCredential");
    const log = (await control.requests()).filter((r) => r.clientId === APPS.certificateClient.appId);
    assert.ok(log.length > 0, "the local Entra saw the certificate client");
  });

  test("device code: the prompt gets the user code; approving it yields a user token; background renewals hit the cache", async () => {
    const prompts: DeviceCodePrompt[] = [];
    const ui: AuthUi = {
      showDeviceCode(prompt) {
        prompts.push(prompt);
        void control.approveDeviceCode(prompt.userCode, USERS.bob.username);
      },
    };
    const request: TokenRequest = { ...base(), credential: "deviceCode", clientId: info.publicClientId, scopes: ["https://management.azure.com/.default"] };
    const result = await service.acquire(request, opts({ ui }));
    assert.equal(prompts.length, 1);
    assert.match(prompts[0].userCode, /^[A-Z0-9-]{6,}$/);
    assert.match(prompts[0].verificationUri, /^https:\/\//);
    assert.equal(claimsOf(result.token).upn, USERS.bob.username);
    assert.equal(result.answeredBy, "DeviceCodeCredential");

    const before = await tokenRequests();
    const renewed = await service.acquire(request, opts({ interaction: "never", ui: silentUi }));
    assert.equal(renewed.token, result.token);
    assert.equal(await tokenRequests(), before, "the renewal came from MSAL's cache");
  });

  test("on-behalf-of: the middle tier exchanges a user's token for a Graph token carrying the same user", async () => {
    const ui: AuthUi = { showDeviceCode: (prompt) => void control.approveDeviceCode(prompt.userCode, USERS.bob.username) };
    const incoming = await service.acquire({
      ...base(), credential: "deviceCode", clientId: info.publicClientId, scopes: [`${RESOURCES.middleTierApi.identifierUris[0]}/access_as_user`],
    }, opts({ ui }));
    await secrets.store("azureToken.secret.it-middle-tier", APPS.middleTier.secret);
    const request: TokenRequest = {
      ...base(), credential: "onBehalfOf", clientId: APPS.middleTier.appId, secretKey: "azureToken.secret.it-middle-tier",
      scopes: ["https://graph.microsoft.com/User.Read"],
    };
    const downstream = await service.acquire(request, opts({ userAssertion: incoming.token }));
    const claims = claimsOf(downstream.token);
    assert.equal(claims.oid, USERS.bob.oid);
    assert.equal(claims.scp, "User.Read");
    assert.equal(claims.appid, APPS.middleTier.appId);
    assert.equal(downstream.answeredBy, "OnBehalfOfCredential");
    const before = await tokenRequests();
    assert.equal((await service.acquire(request, opts({ userAssertion: incoming.token }))).token, downstream.token, "a repeat comes from MSAL's cache");
    assert.equal(await tokenRequests(), before);

    const missing = explainAuthError(await failureOf(service.acquire(request, opts())));
    assert.equal(missing.title, "On-behalf-of needs the incoming token");
    const refused = explainAuthError(await failureOf(service.acquire({ ...request, scopes: [`${RESOURCES.sandboxApi.identifierUris[0]}/Items.Write`] },
      opts({ userAssertion: incoming.token }))));
    assert.match(`${refused.title} ${refused.detail}`, /65001|consent/i);
  });

  test("client assertion from the configured command: the app gets its token; a failing command is explained", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "azt-it-assertion-"));
    try {
      const file = path.join(dir, "assertion.jwt");
      fs.writeFileSync(file, certificateAssertion());
      const print = `"${process.execPath}" -e "process.stdout.write(require('fs').readFileSync(process.argv[1], 'utf8'))" "${file}"`;
      let command = print;
      const withCommand = auth.createAuthService({ secrets, env: {}, clientAssertionCommand: () => command });
      const request: TokenRequest = { ...base(), credential: "clientAssertion", clientId: info.certificateClientId, scopes: [`${RESOURCES.sandboxApi.identifierUris[0]}/.default`] };
      const result = await withCommand.acquire(request, opts());
      assert.deepEqual(claimsOf(result.token).roles, ["Items.Read.All"]);
      assert.equal(result.answeredBy, "ClientAssertionCredential");
      const fromFile = await service.acquire({ ...request, assertionFile: file }, opts());
      assert.equal(claimsOf(fromFile.token).azp, APPS.certificateClient.appId);

      command = `"${process.execPath}" -e "console.error('vault: not signed in'); process.exit(4)"`;
      withCommand.clear();
      const explained = explainAuthError(await failureOf(withCommand.acquire(request, opts())));
      assert.equal(explained.title, "The client assertion could not be read");
      assert.match(explained.detail, /exit code 4\): vault: not signed in/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test("device code: cancelling while it waits for the person stops it silently", async () => {
    const controller = new AbortController();
    const ui: AuthUi = { showDeviceCode: () => setTimeout(() => controller.abort(), 100) };
    const err = await failureOf(service.acquire({ ...base(), tenant: TENANT.domain, credential: "deviceCode", clientId: info.publicClientId, scopes: ["https://vault.azure.net/.default"] },
      { signal: controller.signal, ui }));
    assert.equal(explainAuthError(err).kind, "cancelled");
  });

  test("interaction 'never' never opens a browser: it fails with an error isInteractionRequired() recognises", async () => {
    const request: TokenRequest = {
      ...base(), credential: "interactiveBrowser", clientId: info.publicClientId, loginHint: USERS.alice.username,
      scopes: ["https://storage.azure.com/.default"],
    };
    const authorizeBefore = await authorizeRequests();
    const err = await failureOf(service.acquire(request, opts({ interaction: "never" })));
    assert.equal(auth.isInteractionRequired(err), true);
    assert.equal(await authorizeRequests(), authorizeBefore, "no sign-in page was requested");

    // Allowed: the browser sign-in (the local Entra approves on its own in tests), then forceRefresh redeems the
    // refresh token without a browser, and repeats are cache hits again.
    const signedIn = await service.acquire(request, opts());
    assert.equal(claimsOf(signedIn.token).upn, USERS.alice.username);
    const before = { token: await tokenRequests(), authorize: await authorizeRequests() };
    const fresh = await service.acquire(request, opts({ forceRefresh: true, interaction: "never" }));
    assert.notEqual(fresh.token, signedIn.token);
    assert.equal(await tokenRequests(), before.token + 1);
    const again = await service.acquire(request, opts({ interaction: "never" }));
    assert.equal(again.token, fresh.token);
    assert.equal(await tokenRequests(), before.token + 1, "the claims used for forceRefresh do not stick");
    assert.equal(await authorizeRequests(), before.authorize, "no browser after the first sign-in");
  });

  test("a claims challenge (acrs c1) with a CAE-capable request: silent is 'interaction required'; the browser sign-in meets it; sign-ins without MSAL say they cannot", async () => {
    const claims = JSON.stringify({ access_token: { acrs: { essential: true, value: "c1" } } });
    const request: TokenRequest = {
      ...base(), credential: "interactiveBrowser", clientId: info.publicClientId, loginHint: USERS.alice.username,
      scopes: ["api://azure-token-sandbox-api/Items.Read"], enableCae: true,
    };
    const first = claimsOf((await service.acquire(request, opts())).token);
    assert.deepEqual(first.xms_cc, ["cp1"], "enableCae: a CAE-capable token");
    assert.equal(first.acrs, undefined);
    const authorizeBefore = await authorizeRequests();
    const challenged: TokenRequest = { ...request, claims };
    const refused = await failureOf(service.acquire(challenged, opts({ interaction: "never" })));
    assert.equal(auth.isInteractionRequired(refused), true, "the refresh token alone does not meet c1");
    assert.equal(await authorizeRequests(), authorizeBefore, "no browser with interaction 'never'");

    const met = claimsOf((await service.acquire(challenged, opts())).token);
    assert.deepEqual(met.acrs, ["c1"]);
    assert.deepEqual(met.xms_cc, ["cp1"]);
    assert.equal(await authorizeRequests(), authorizeBefore + 1, "one browser sign-in met the challenge");
    // A renewal of that token asks with the same claims: silent now, and it still meets the challenge.
    const renewed = claimsOf((await service.acquire(challenged, opts({ interaction: "never" }))).token);
    assert.deepEqual(renewed.acrs, ["c1"]);
    assert.equal(await authorizeRequests(), authorizeBefore + 1);

    for (const credential of ["vscodeAccount", "azureCli"] as const) {
      const err = await failureOf(service.acquire({ ...base(), credential, clientId: info.publicClientId, scopes: ["https://management.azure.com/.default"], claims }, opts()));
      assert.equal((err as Error).name, "InvalidArgumentError", credential);
      assert.match((err as Error).message, /cannot send a claims challenge/);
    }
  });

  test("an Entra outage (503) during a silent renewal is not 'interaction required', in either mode; once it is over the renewal works without a browser", async () => {
    const request: TokenRequest = {
      ...base(), credential: "interactiveBrowser", clientId: info.publicClientId, loginHint: USERS.bob.username,
      scopes: ["https://management.azure.com/.default"],
    };
    await service.acquire(request, opts()); // the browser sign-in (the local Entra approves on its own in tests)
    // Another resource: MSAL redeems the refresh token, which Entra now answers with 503 (and Retry-After: 1 s).
    const renewal: TokenRequest = { ...request, scopes: ["https://vault.azure.net/.default"] };
    const baseline = (await control.requests()).length;
    const authorizeBefore = await authorizeRequests();
    await control.configure({ failNext: { status: 503, grantType: "refresh_token", count: 100, retryAfterSec: 1 } });

    const background = await failureOf(service.acquire(renewal, opts({ interaction: "never" })));
    assert.equal((background as Error).name, "EntraUnavailableError");
    assert.equal(auth.isInteractionRequired(background), false, "the refresher keeps retrying instead of asking for a sign-in");
    const explained = explainAuthError(background);
    assert.equal(explained.kind, "service");
    assert.equal(explained.title, "Microsoft Entra ID is unavailable");
    assert.match(explained.detail, /HTTP 503 \(AADSTS90033\)/);
    assert.match(explained.traceId ?? "", /^[0-9a-f-]{36}$/);
    const refused = (await control.requests()).slice(baseline);
    assert.ok(refused.length > 0 && refused.every((r) => r.grantType === "refresh_token" && r.status === 503 && r.fault === "failNext"),
      `only refused refresh_token grants: ${JSON.stringify(refused.map((r) => [r.grantType, r.status]))}`);

    // A person asking (interaction allowed): a browser cannot help while Entra is down, so none opens.
    const asked = await failureOf(service.acquire(renewal, opts()));
    assert.equal(auth.isInteractionRequired(asked), false);
    assert.equal(explainAuthError(asked).title, "Microsoft Entra ID is unavailable");
    assert.equal(await authorizeRequests(), authorizeBefore, "no sign-in page was requested");

    // Entra is back. MSAL holds the same request back for Retry-After after a 503: the renewal works once that is over,
    // and every failure until then is still the outage.
    await control.configure({ failNext: null });
    let renewed: AcquiredToken | undefined;
    while (!renewed) {
      try {
        renewed = await service.acquire(renewal, opts({ interaction: "never" }));
      } catch (e) {
        assert.equal((e as Error).name, "EntraUnavailableError", `still the outage, not: ${String(e)}`);
        await new Promise((r) => setTimeout(r, 200));
      }
    }
    assert.equal(claimsOf(renewed.token).upn, USERS.bob.username);
    assert.equal(claimsOf(renewed.token).aud, RESOURCES.keyVault.identifierUris[0]);
    const after = (await control.requests()).slice(baseline).filter((r) => r.path.endsWith("/oauth2/v2.0/token"));
    assert.deepEqual([after.at(-1)?.grantType, after.at(-1)?.status], ["refresh_token", 200], "renewed with the refresh token");
    assert.equal(await authorizeRequests(), authorizeBefore, "no browser at any point");
  });

  // ---------------------------------------------------------------- developer tools, through the stand-ins in test/fake-tools

  /** Puts the stand-in tools (az, azd, pwsh) first on the extension host's PATH for the calling suite. */
  function useStandIns(): void {
    let savedPath: string | undefined;
    suiteSetup(() => {
      savedPath = process.env.PATH;
      process.env.PATH = `${path.join(extensionPath, "test", "fake-tools")}${path.delimiter}${savedPath}`;
    });
    suiteTeardown(() => {
      process.env.PATH = savedPath;
    });
  }

  /** Sets environment variables for the length of `work`, then puts back what was there. */
  async function withEnv<T>(vars: Record<string, string>, work: () => Promise<T>): Promise<T> {
    const saved = Object.keys(vars).map((name) => [name, process.env[name]] as const);
    Object.assign(process.env, vars);
    try {
      return await work();
    } finally {
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
  }

  /** Runs `work` with a PATH on which no tool can be found. */
  async function withoutTools<T>(work: () => Promise<T>): Promise<T> {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-tools-"));
    try {
      return await withEnv({ PATH: empty }, work);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  }

  /** The token the tool printed, with the tool's expiry (the token's `exp`, to the second) passed on by the library. */
  function assertFromTool(result: AcquiredToken, answeredBy: string, audience: string): void {
    const claims = claimsOf(result.token);
    assert.equal(claims.aud, audience);
    assert.equal(claims.tid, info.tenantId, "the tool's own tenant");
    assert.equal(result.answeredBy, answeredBy);
    assert.equal(result.expirySource, "library");
    assert.equal(result.expiresOnTimestamp, (claims.exp as number) * 1000, "expiry read from the tool's answer");
  }

  const toolRequest = (credential: TokenRequest["credential"], resource: string): TokenRequest =>
    ({ ...base(), tenant: "", credential, scopes: [`${resource}/.default`] });

  suite("Azure CLI through the stand-in az", () => {
    useStandIns();

    test("reuses the CLI's sign-in: the token and expiry from `az account get-access-token`", async () => {
      const result = await service.acquire(toolRequest("azureCli", "https://management.azure.com"), opts());
      assertFromTool(result, "AzureCliCredential", "https://management.azure.com");
    });

    test("DefaultAzureCredential: the result says the Azure CLI answered", async () => {
      const result = await service.acquire(toolRequest("defaultChain", "https://management.azure.com"), opts());
      assert.equal(result.answeredBy, "AzureCliCredential");
    });

    test("signed out: 'run az login'", async () => {
      const err = await withEnv({ AZURE_TOKEN_FAKE_AZ: "signed-out" }, () => failureOf(service.acquire(toolRequest("azureCli", "https://vault.azure.net"), opts())));
      const explained = explainAuthError(err);
      assert.equal(explained.title, "Not signed in to the Azure CLI");
      assert.match(explained.fix ?? "", /az login/);
    });

    test("not installed: 'install the Azure CLI'", async () => {
      const err = await withoutTools(() => failureOf(service.acquire(toolRequest("azureCli", "https://storage.azure.com"), opts())));
      assert.equal(explainAuthError(err).title, "Azure CLI is not installed");
    });
  });

  suite("Azure Developer CLI through the stand-in azd", () => {
    useStandIns();

    test("reuses azd's sign-in: the token and expiry from `azd auth token`", async () => {
      const result = await service.acquire(toolRequest("azureDeveloperCli", "https://vault.azure.net"), opts());
      assertFromTool(result, "AzureDeveloperCliCredential", "https://vault.azure.net");
    });

    test("DefaultAzureCredential: with the Azure CLI and Azure PowerShell signed out, the result says azd answered", async () => {
      const result = await withEnv({ AZURE_TOKEN_FAKE_AZ: "signed-out", AZURE_TOKEN_FAKE_PWSH: "signed-out" },
        () => service.acquire(toolRequest("defaultChain", "https://management.azure.com"), opts()));
      assert.equal(result.answeredBy, "AzureDeveloperCliCredential");
    });

    test("signed out: 'run azd auth login'", async () => {
      const err = await withEnv({ AZURE_TOKEN_FAKE_AZD: "signed-out" },
        () => failureOf(service.acquire(toolRequest("azureDeveloperCli", "https://management.azure.com"), opts())));
      const explained = explainAuthError(err);
      assert.equal(explained.kind, "unavailable");
      assert.equal(explained.title, "Not signed in to the Azure Developer CLI");
      assert.match(explained.fix ?? "", /^Run 'azd auth login' in a terminal/);
    });

    test("not installed: 'install the Azure Developer CLI'", async () => {
      const err = await withoutTools(() => failureOf(service.acquire(toolRequest("azureDeveloperCli", "https://management.azure.com"), opts())));
      const explained = explainAuthError(err);
      assert.equal(explained.title, "Azure Developer CLI is not installed");
      assert.match(explained.fix ?? "", /^Install the Azure Developer CLI \(https:\/\/aka\.ms\/azd-install\)/);
    });
  });

  suite("Azure PowerShell through the stand-in pwsh", () => {
    useStandIns();

    /**
     * A service over a private copy of dist/auth.js. Once AzurePowerShellCredential could not start pwsh, it never
     * looks for it again in that module: a copy of its own keeps each test independent of the others.
     */
    function isolatedService(): AuthService {
      const shared = require.cache[authBundlePath];
      delete require.cache[authBundlePath];
      try {
        const isolated = require(authBundlePath) as typeof AuthModule;
        return isolated.createAuthService({ secrets, authentication: vscode.authentication, vscodeProviderId: TEST_PROVIDER, env: {} });
      } finally {
        if (shared) require.cache[authBundlePath] = shared;
        else delete require.cache[authBundlePath];
      }
    }

    test("reuses the Connect-AzAccount sign-in: the token and expiry from Get-AzAccessToken", async () => {
      const result = await isolatedService().acquire(toolRequest("azurePowerShell", "https://storage.azure.com"), opts());
      assertFromTool(result, "AzurePowerShellCredential", "https://storage.azure.com");
    });

    test("DefaultAzureCredential: with the Azure CLI signed out, the result says Azure PowerShell answered", async () => {
      const result = await withEnv({ AZURE_TOKEN_FAKE_AZ: "signed-out" },
        () => isolatedService().acquire(toolRequest("defaultChain", "https://management.azure.com"), opts()));
      assert.equal(result.answeredBy, "AzurePowerShellCredential");
    });

    test("signed out: 'run Connect-AzAccount'", async () => {
      const err = await withEnv({ AZURE_TOKEN_FAKE_PWSH: "signed-out" },
        () => failureOf(isolatedService().acquire(toolRequest("azurePowerShell", "https://management.azure.com"), opts())));
      const explained = explainAuthError(err);
      assert.equal(explained.kind, "unavailable");
      assert.equal(explained.title, "Not signed in to Azure PowerShell");
      assert.match(explained.fix ?? "", /^Run 'Connect-AzAccount' in PowerShell/);
    });

    test("Az module not installed: 'Install-Module -Name Az'", async () => {
      const err = await withEnv({ AZURE_TOKEN_FAKE_PWSH: "no-az-module" },
        () => failureOf(isolatedService().acquire(toolRequest("azurePowerShell", "https://management.azure.com"), opts())));
      const explained = explainAuthError(err);
      assert.equal(explained.title, "The Azure PowerShell module (Az) is not installed");
      assert.match(explained.fix ?? "", /^In PowerShell, run 'Install-Module -Name Az -Scope CurrentUser -Repository PSGallery', then 'Connect-AzAccount'/);
    });

    test("PowerShell not installed: 'install PowerShell', and a restart, since the window never looks for pwsh again", async () => {
      const isolated = isolatedService();
      const request = toolRequest("azurePowerShell", "https://management.azure.com");
      const explained = explainAuthError(await withoutTools(() => failureOf(isolated.acquire(request, opts()))));
      assert.equal(explained.title, "PowerShell is not installed");
      assert.match(explained.fix ?? "", /^Install PowerShell 7 \(https:\/\/aka\.ms\/install-powershell\).*restart VS Code\.$/);

      // pwsh is back on PATH, but this module already gave up on it: only a restart helps, as the fix says.
      assert.equal(explainAuthError(await failureOf(isolated.acquire(request, opts()))).title, "PowerShell is not installed");
    });
  });

  test("managed identity is refused where no endpoint is announced (no metadata-service probe)", async () => {
    const err = await failureOf(service.acquire({ ...base(), tenant: "", credential: "managedIdentity", scopes: ["https://management.azure.com/.default"] }, opts()));
    const explained = explainAuthError(err);
    assert.equal(explained.kind, "unavailable");
    assert.match(explained.detail, /managed identity/i);
  });

  test("VS Code account: asks the authentication provider with VSCODE_TENANT/VSCODE_CLIENT_ID; silent when interaction is 'never'", async () => {
    const asked: string[][] = [];
    const provider: vscode.AuthenticationProvider = {
      onDidChangeSessions: new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>().event,
      async getSessions(scopes) {
        asked.push([...(scopes ?? [])]);
        return [];
      },
      async createSession() { throw new Error("not expected: interaction is 'never'"); },
      async removeSession() { /* nothing to remove */ },
    };
    const registration = vscode.authentication.registerAuthenticationProvider(TEST_PROVIDER, "Azure Token Test", provider);
    try {
      const err = await failureOf(service.acquire({
        ...base(), credential: "vscodeAccount", clientId: info.publicClientId, scopes: ["https://management.azure.com/.default"],
      }, opts({ interaction: "never" })));
      assert.equal(auth.isInteractionRequired(err), true);
      assert.ok(asked.some((s) => s.includes(`VSCODE_TENANT:${info.tenantId}`) && s.includes(`VSCODE_CLIENT_ID:${info.publicClientId}`) &&
        s.includes("https://management.azure.com/.default")), `scopes asked: ${JSON.stringify(asked)}`);
    } finally {
      registration.dispose();
    }
  });

  suite("errors from Entra are explained, with trace and correlation ids", () => {
    test("AADSTS7000222 (expired client secret) via an injected failure", async () => {
      await secrets.store("azureToken.secret.it-expired", info.confidentialClientSecret);
      await control.configure({ failNext: { aadsts: 7000222 } });
      const err = await failureOf(service.acquire({
        ...base(), credential: "clientSecret", clientId: info.confidentialClientId, secretKey: "azureToken.secret.it-expired",
        scopes: ["https://graph.microsoft.com/.default"],
      }, opts({ forceRefresh: true })));
      const explained = explainAuthError(err);
      assert.equal(explained.code, 7000222);
      assert.match(explained.fix ?? "", /secret/i);
      assert.match(explained.traceId ?? "", /^[0-9a-f-]{36}$/);
      assert.match(explained.correlationId ?? "", /^[0-9a-f-]{36}$/);
      assert.doesNotMatch(JSON.stringify(explained), new RegExp(info.confidentialClientSecret));
    });

    test("AADSTS700016 (unknown application) from a client id the tenant does not know", async () => {
      await secrets.store("azureToken.secret.it-unknown", "not-the-right-secret-value");
      const err = await failureOf(service.acquire({
        ...base(), credential: "clientSecret", clientId: "0badc0de-0000-4000-8000-000000000001", secretKey: "azureToken.secret.it-unknown",
        scopes: ["https://graph.microsoft.com/.default"],
      }, opts()));
      const explained = explainAuthError(err);
      assert.equal(explained.code, 700016);
      assert.ok(explained.traceId && explained.correlationId);
      assert.doesNotMatch(JSON.stringify(explained), /not-the-right-secret-value/);
    });

    test("AADSTS7000215 (wrong client secret)", async () => {
      await secrets.store("azureToken.secret.it-wrong", "wrong-secret-for-the-daemon-app");
      const err = await failureOf(service.acquire({
        ...base(), credential: "clientSecret", clientId: info.confidentialClientId, secretKey: "azureToken.secret.it-wrong",
        scopes: ["https://graph.microsoft.com/.default"],
      }, opts()));
      const explained = explainAuthError(err);
      assert.equal(explained.code, 7000215);
      assert.doesNotMatch(JSON.stringify(explained), /wrong-secret-for-the-daemon-app/);
    });

    test("a slow answer cancelled by the user is a silent cancel", async () => {
      await control.configure({ delayMs: 5000 });
      try {
        const controller = new AbortController();
        setTimeout(() => controller.abort(), 300);
        const started = Date.now();
        const err = await failureOf(service.acquire({
          ...base(), credential: "clientSecret", clientId: info.confidentialClientId, secretKey: "azureToken.secret.it-daemon",
          scopes: ["https://storage.azure.com/.default"],
        }, { signal: controller.signal, ui: silentUi, forceRefresh: true }));
        assert.equal(explainAuthError(err).kind, "cancelled");
        assert.ok(Date.now() - started < 4000, "the cancel did not wait for the answer");
      } finally {
        await control.configure({ delayMs: 0 });
      }
    });
  });
});
