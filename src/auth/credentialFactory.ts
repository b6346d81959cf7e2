// Builds the @azure/identity credential for a TokenRequest. One instance per (kind, authority, tenant, client,
// secret fingerprint): MSAL's in-memory cache lives in the instance, so reusing it is what answers repeats without
// a network call, and a credential asked for another tenant would answer from its home-tenant cache.
import {
  AzureCliCredential, AzureDeveloperCliCredential, AzurePowerShellCredential, ChainedTokenCredential,
  ClientAssertionCredential, ClientCertificateCredential, ClientSecretCredential, CredentialUnavailableError, DeviceCodeCredential,
  EnvironmentCredential, InteractiveBrowserCredential, ManagedIdentityCredential, OnBehalfOfCredential, WorkloadIdentityCredential,
  type AccessToken, type DeviceCodeInfo, type GetTokenOptions, type TokenCredential,
} from "@azure/identity";
import { createHash } from "node:crypto";
import { isTenantKeyword } from "../core/ids";
import { credentialDescriptor } from "../core/profiles";
import { readAssertionFile, runAssertionCommand } from "./clientAssertion";
import { managedIdentityApplies, type Env } from "./environment";
import type { SecretReader } from "./secretStore";
import { TokenEndpointObserver } from "./tokenEndpointObserver";
import type { TokenRequest } from "./types";
import { VsCodeAccountCredential, type VsCodeAuthentication } from "./vscodeAccountCredential";

/** How the auth service drives a credential. */
export type Flow =
  /**
   * InteractiveBrowser / DeviceCode: built with disableAutomaticAuthentication; authenticate() only when allowed.
   * `observer` sees the credential's token requests: a failed silent getToken says nothing about why.
   */
  | {
    kind: "publicClient"; credential: InteractiveBrowserCredential | DeviceCodeCredential; observer: TokenEndpointObserver;
    onDeviceCode: (handler: ((info: DeviceCodeInfo) => void) | undefined) => void;
  }
  | { kind: "vscodeAccount"; credential: VsCodeAccountCredential }
  /** `observer`: the MSAL-backed confidential clients (secret, certificate, workload identity) have one too. */
  | { kind: "other"; credential: TokenCredential; observer?: TokenEndpointObserver };

export interface BuiltCredential {
  flow: Flow;
  /** Credential name reported as AcquiredToken.answeredBy (a chain reports its member instead). */
  name: string;
  /** MSAL-backed: the `claims` cache bypass applies (CLI tools and VS Code have their own caches). */
  msal: boolean;
}

export interface FactoryDeps {
  secrets?: SecretReader;
  authentication?: VsCodeAuthentication;
  /** "microsoft" unless a test injects its own provider. */
  vscodeProviderId: string;
  env: Env;
  /** VS Code runs remotely (SSH, Codespaces…): the host may be an Azure VM, whose managed identity announces nothing. */
  remote?: boolean;
  /** azureToken.clientAssertionCommand (user settings only), read when an assertion is needed. */
  clientAssertionCommand?: () => string;
}

const SUCCESS = "Signed in. You can close this tab and return to VS Code.";
const FAILURE = "Sign-in failed. Return to VS Code for details.";
/** A token from a chain member, tagged with the member's name (ChainedTokenCredential passes it through). */
export type NamedAccessToken = AccessToken & { answeredBy?: string };

function named(name: string, inner: TokenCredential): TokenCredential {
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<NamedAccessToken | null> {
      const token = await inner.getToken(scopes, options);
      return token && { ...token, answeredBy: name };
    },
  };
}

/** For the CLI kinds: the tool's own tenant unless a specific one was asked for. */
function toolTenant(tenant: string): string | undefined {
  const t = tenant.trim();
  return t === "" || isTenantKeyword(t.toLowerCase()) ? undefined : t;
}

export class CredentialFactory {
  private readonly cache = new Map<string, BuiltCredential>();

  constructor(private readonly deps: FactoryDeps) {}

  /** `userAssertion`: on-behalf-of's incoming token (each one is its own credential, as MSAL caches per assertion). */
  async get(request: TokenRequest, userAssertion?: string): Promise<BuiltCredential> {
    const secret = await this.secretFor(request);
    const hash = (value: string | undefined) => (value ? createHash("sha256").update(value).digest("hex") : "");
    const key = JSON.stringify([request.credential, request.cloud, request.authorityHost, request.disableInstanceDiscovery,
      request.tenant.toLowerCase(), (request.clientId ?? "").toLowerCase(), request.loginHint ?? "", request.certificatePath ?? "",
      request.federatedTokenFile ?? "", request.assertionFile ?? "", hash(secret), hash(userAssertion)]);
    let built = this.cache.get(key);
    if (!built) {
      built = this.build(request, secret, userAssertion);
      this.cache.set(key, built);
    }
    return built;
  }

  /** Drops one credential that get() returned, and so its in-memory cache: the next get() for it builds a new one. */
  forget(built: BuiltCredential): void {
    for (const [key, value] of this.cache) if (value === built) this.cache.delete(key);
  }

  /** Drops every credential, and so its in-memory token cache (nothing is persisted): the next get() builds a new one. */
  clear(): void {
    this.cache.clear();
  }

  private async secretFor(request: TokenRequest): Promise<string | undefined> {
    const { needsSecret, needsCertificate } = credentialDescriptor(request.credential);
    if (!needsSecret && !needsCertificate) return undefined;
    if (!request.secretKey) {
      if (needsSecret) throw new CredentialUnavailableError("No client secret is stored for this request: enter the secret again.");
      return undefined; // a certificate without a password
    }
    if (!this.deps.secrets) throw new CredentialUnavailableError("Secret storage is not available.");
    const value = await this.deps.secrets.get(request.secretKey);
    if (value === undefined && needsSecret) {
      throw new CredentialUnavailableError("The client secret for this request is no longer in VS Code's secret storage: enter it again.");
    }
    return value;
  }

  private build(request: TokenRequest, secret: string | undefined, userAssertion: string | undefined): BuiltCredential {
    const authority = { authorityHost: request.authorityHost, disableInstanceDiscovery: request.disableInstanceDiscovery };
    const clientId = request.clientId?.trim() || undefined;
    const tenant = request.tenant.trim();
    const env = this.deps.env;
    switch (request.credential) {
      case "interactiveBrowser": {
        const observer = new TokenEndpointObserver();
        return {
          name: "InteractiveBrowserCredential", msal: true,
          flow: {
            kind: "publicClient", observer, onDeviceCode: () => undefined,
            credential: new InteractiveBrowserCredential({
              ...authority, tenantId: tenant, clientId, loginHint: request.loginHint, disableAutomaticAuthentication: true,
              browserCustomizationOptions: { successMessage: SUCCESS, errorMessage: FAILURE },
              additionalPolicies: observer.policies,
            }),
          },
        };
      }
      case "deviceCode": {
        // The prompt callback is fixed at construction; each acquire() points it at its own UI and signal.
        let handler: ((info: DeviceCodeInfo) => void) | undefined;
        const observer = new TokenEndpointObserver();
        const credential = new DeviceCodeCredential({
          ...authority, tenantId: tenant, clientId, disableAutomaticAuthentication: true,
          userPromptCallback: (info) => handler?.(info),
          additionalPolicies: observer.policies,
        });
        return { name: "DeviceCodeCredential", msal: true, flow: { kind: "publicClient", credential, observer, onDeviceCode: (h) => (handler = h) } };
      }
      case "vscodeAccount": {
        if (!this.deps.authentication) throw new CredentialUnavailableError("VS Code's authentication API is not available.");
        const credential = new VsCodeAccountCredential({
          authentication: this.deps.authentication, providerId: this.deps.vscodeProviderId, tenant, clientId, loginHint: request.loginHint,
        });
        return { name: "VS Code Microsoft account", msal: false, flow: { kind: "vscodeAccount", credential } };
      }
      case "azureCli":
        return { name: "AzureCliCredential", msal: false, flow: { kind: "other", credential: new AzureCliCredential({ tenantId: toolTenant(tenant) }) } };
      case "azureDeveloperCli":
        return { name: "AzureDeveloperCliCredential", msal: false, flow: { kind: "other", credential: new AzureDeveloperCliCredential({ tenantId: toolTenant(tenant) }) } };
      case "azurePowerShell":
        return { name: "AzurePowerShellCredential", msal: false, flow: { kind: "other", credential: new AzurePowerShellCredential({ tenantId: toolTenant(tenant) }) } };
      case "clientSecret": {
        const observer = new TokenEndpointObserver();
        const credential = new ClientSecretCredential(tenant, required(clientId, "client ID"), secret ?? "", { ...authority, additionalPolicies: observer.policies });
        return { name: "ClientSecretCredential", msal: true, flow: { kind: "other", credential, observer } };
      }
      case "clientCertificate": {
        const certificatePath = request.certificatePath?.trim();
        if (!certificatePath) throw new CredentialUnavailableError("A client certificate sign-in needs the path of a PEM file holding the certificate and its private key.");
        const observer = new TokenEndpointObserver();
        const credential = new ClientCertificateCredential(tenant, required(clientId, "client ID"),
          secret ? { certificatePath, certificatePassword: secret } : { certificatePath }, { ...authority, additionalPolicies: observer.policies });
        return { name: "ClientCertificateCredential", msal: true, flow: { kind: "other", credential, observer } };
      }
      case "clientAssertion": {
        const file = request.assertionFile?.trim();
        const getAssertion = file ? () => readAssertionFile(file) : () => runAssertionCommand(this.deps.clientAssertionCommand?.() ?? "");
        const observer = new TokenEndpointObserver();
        const credential = new ClientAssertionCredential(tenant, required(clientId, "client ID"), getAssertion, { ...authority, additionalPolicies: observer.policies });
        return { name: "ClientAssertionCredential", msal: true, flow: { kind: "other", credential, observer } };
      }
      case "onBehalfOf":
      case "onBehalfOfCertificate": {
        if (!userAssertion) throw new CredentialUnavailableError("On-behalf-of needs the incoming token your API received: run Exchange Token On-Behalf-Of and paste it.");
        const base = { ...authority, tenantId: tenant, clientId: required(clientId, "client ID"), userAssertionToken: userAssertion };
        const observer = new TokenEndpointObserver();
        const certificatePath = request.certificatePath?.trim();
        let credential: OnBehalfOfCredential;
        if (request.credential === "onBehalfOf") {
          credential = new OnBehalfOfCredential({ ...base, clientSecret: secret ?? "", additionalPolicies: observer.policies });
        } else {
          if (!certificatePath) throw new CredentialUnavailableError("On-behalf-of with a certificate needs the path of a PEM file holding the certificate and its private key.");
          credential = new OnBehalfOfCredential({ ...base, certificatePath, ...(secret ? { certificatePassword: secret } : {}), additionalPolicies: observer.policies });
        }
        return { name: "OnBehalfOfCredential", msal: true, flow: { kind: "other", credential, observer } };
      }
      case "workloadIdentity": {
        const tokenFilePath = request.federatedTokenFile?.trim() || env.AZURE_FEDERATED_TOKEN_FILE;
        if (!tokenFilePath) throw new CredentialUnavailableError("Workload identity needs a federated token file: set AZURE_FEDERATED_TOKEN_FILE (AKS sets it for you) or give the file's path.");
        const observer = new TokenEndpointObserver();
        const credential = new WorkloadIdentityCredential({
          ...authority, tenantId: tenant || env.AZURE_TENANT_ID, clientId: clientId ?? env.AZURE_CLIENT_ID, tokenFilePath, additionalPolicies: observer.policies,
        });
        return { name: "WorkloadIdentityCredential", msal: true, flow: { kind: "other", credential, observer } };
      }
      case "managedIdentity":
        if (!managedIdentityApplies(env) && !this.deps.remote) {
          throw new CredentialUnavailableError("No managed identity endpoint is announced here (IDENTITY_ENDPOINT, MSI_ENDPOINT or AZURE_FEDERATED_TOKEN_FILE): managed identity works only on an Azure host.");
        }
        return { name: "ManagedIdentityCredential", msal: true, flow: { kind: "other", credential: new ManagedIdentityCredential(clientId ? { clientId } : {}) } };
      case "defaultChain":
        return { name: "DefaultAzureCredential", msal: false, flow: { kind: "other", credential: this.defaultChain(request) } };
    }
  }

  /**
   * DefaultAzureCredential's order (environment, workload identity, managed identity, Azure CLI, Azure PowerShell,
   * azd), built as our own chain so the answer says which member answered (DefaultAzureCredential does not tell).
   * Managed identity joins only where an endpoint is announced: never an instance-metadata probe from a laptop.
   * VisualStudioCodeCredential is left out: it cannot work (README, Known limitations).
   */
  private defaultChain(request: TokenRequest): TokenCredential {
    const env = this.deps.env;
    const authority = { authorityHost: request.authorityHost, disableInstanceDiscovery: request.disableInstanceDiscovery };
    const tenant = toolTenant(request.tenant);
    const sources: TokenCredential[] = [named("EnvironmentCredential", new EnvironmentCredential(authority))];
    if (env.AZURE_FEDERATED_TOKEN_FILE && env.AZURE_CLIENT_ID && env.AZURE_TENANT_ID) {
      sources.push(named("WorkloadIdentityCredential", new WorkloadIdentityCredential({ ...authority, tokenFilePath: env.AZURE_FEDERATED_TOKEN_FILE })));
    }
    if (managedIdentityApplies(env)) {
      sources.push(named("ManagedIdentityCredential", new ManagedIdentityCredential(env.AZURE_CLIENT_ID ? { clientId: env.AZURE_CLIENT_ID } : {})));
    }
    sources.push(
      named("AzureCliCredential", new AzureCliCredential({ tenantId: tenant })),
      named("AzurePowerShellCredential", new AzurePowerShellCredential({ tenantId: tenant })),
      named("AzureDeveloperCliCredential", new AzureDeveloperCliCredential({ tenantId: tenant })),
    );
    return new ChainedTokenCredential(...sources);
  }
}

function required(value: string | undefined, what: string): string {
  if (!value) throw new CredentialUnavailableError(`This sign-in method needs a ${what}.`);
  return value;
}
