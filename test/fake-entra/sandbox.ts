// The sandbox directory served by the fake Entra ID: one tenant, two users, the app registrations the
// product's tests need, and the Microsoft first-party resources whose tokens the extension explains.
// Every id here is made up; none of them exists in the real Microsoft Entra ID.

/** Directory role template ids that appear in `wids`. */
export const ROLE_TEMPLATES = {
  /** Present in the token of every member user ("User" default role). */
  defaultUser: "b79fbf4d-3ef9-4689-8143-76b194e85509",
  globalReader: "f2ef992c-3afb-46b9-b7cf-a126ee74c451",
} as const;

export interface SandboxTenant {
  readonly id: string;
  readonly domain: string;
  readonly displayName: string;
  /** Tenant creation time (seconds since the epoch), emitted as `xms_tcdt`. */
  readonly createdAt: number;
}

export interface SandboxUser {
  readonly username: string;
  readonly displayName: string;
  readonly givenName: string;
  readonly surname: string;
  readonly oid: string;
  readonly wids: readonly string[];
}

export interface DelegatedScope {
  readonly value: string;
  readonly adminConsentRequired: boolean;
  readonly description: string;
}

export interface AppRole {
  readonly value: string;
  readonly description: string;
}

/** An API (resource) that tokens can be requested for. */
export interface ResourceApp {
  readonly appId: string;
  readonly displayName: string;
  /** Identifier URIs without trailing slash; a request may add one (then v1 `aud` keeps it, like Entra). */
  readonly identifierUris: readonly string[];
  /** 1 → v1.0 tokens (iss sts.windows.net, aud = identifier URI as requested); 2 → v2.0 tokens (aud = appId). */
  readonly accessTokenVersion: 1 | 2;
  /** v1 `aud` override (Microsoft Graph uses its app id). */
  readonly v1Audience?: string;
  readonly delegatedScopes: readonly DelegatedScope[];
  readonly appRoles: readonly AppRole[];
  /** Delegated permissions used for `.default` when the client app registered none for this resource. */
  readonly defaultDelegated: readonly string[];
  /** Microsoft Graph signs its tokens with a `nonce` header that makes them unverifiable by clients. */
  readonly nonceHeader?: boolean;
}

export interface RedirectUri {
  readonly uri: string;
  /** "publicClient" = "Mobile and desktop applications"; "web" = Web platform (needs a client secret to redeem). */
  readonly platform: "publicClient" | "web";
}

export interface ClientApp {
  readonly appId: string;
  readonly displayName: string;
  /** Object id of the app's service principal in the sandbox tenant (the `oid` of app-only tokens). */
  readonly servicePrincipalId: string;
  readonly isPublicClient: boolean;
  /** "Allow public client flows" (device code, and auth code redemption without a secret). */
  readonly allowPublicClientFlows: boolean;
  readonly redirectUris: readonly RedirectUri[];
  /** Client secret value (fake constant; it only works against this server). */
  readonly secret?: string;
  /** The app authenticates with a certificate registered at run time (see startFakeEntra's `certs`). */
  readonly usesCertificate?: boolean;
  /** Registered delegated permissions per resource appId (what `.default` means). */
  readonly requiredDelegated: Readonly<Record<string, readonly string[]>>;
  /** Delegated permissions that an admin granted per resource appId (user-consentable ones need no grant). */
  readonly grantedDelegated: Readonly<Record<string, readonly string[]>>;
  /** Application permissions (app roles) granted per resource appId. */
  readonly appRoleAssignments: Readonly<Record<string, readonly string[]>>;
  /** Federated identity credentials ("Certificates & secrets → Federated credentials"): workload identity. */
  readonly federatedCredentials?: readonly FederatedCredential[];
}

/** A federated identity credential: Entra accepts an assertion from `issuer` about `subject` for one of `audiences`. */
export interface FederatedCredential {
  readonly issuer: string;
  readonly subject: string;
  readonly audiences: readonly string[];
}

/**
 * The external OIDC issuer the workload app trusts: an AKS cluster's service account issuer. The local Entra holds
 * its signing key (see workload.ts), as the real one fetches it from the issuer's discovery document.
 */
export const WORKLOAD_ISSUER = "https://oidc.aks.contoso.test/8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90/";
export const WORKLOAD_SUBJECT = "system:serviceaccount:orders:orders-api";
/** The audience Entra expects in a federated assertion. */
export const TOKEN_EXCHANGE_AUDIENCE = "api://AzureADTokenExchange";

export const TENANT: SandboxTenant = {
  id: "8c4f2e1a-6b3d-4f7e-9a25-0d1c3b5e7f90",
  domain: "contoso.test",
  displayName: "Contoso Sandbox",
  createdAt: 1_600_000_000,
};

export const USERS = {
  alice: {
    username: "alice@contoso.test",
    displayName: "Alice Martin",
    givenName: "Alice",
    surname: "Martin",
    oid: "a11ce0a1-2f4b-4c8e-9d17-3b6e5f0c9a21",
    wids: [ROLE_TEMPLATES.defaultUser],
  },
  bob: {
    username: "bob@contoso.test",
    displayName: "Bob Nguyen",
    givenName: "Bob",
    surname: "Nguyen",
    oid: "b0b0b0b2-7c1d-4e9a-8f23-6a4d2c8e1f53",
    wids: [ROLE_TEMPLATES.globalReader, ROLE_TEMPLATES.defaultUser],
  },
} as const satisfies Record<string, SandboxUser>;

/** Well-known Microsoft first-party resources (v1 tokens) and the sandbox API (v2 tokens). */
export const RESOURCES = {
  graph: {
    appId: "00000003-0000-0000-c000-000000000000",
    displayName: "Microsoft Graph",
    identifierUris: ["https://graph.microsoft.com"],
    accessTokenVersion: 1,
    v1Audience: "00000003-0000-0000-c000-000000000000",
    nonceHeader: true,
    delegatedScopes: [
      { value: "User.Read", adminConsentRequired: false, description: "Sign you in and read your profile" },
      { value: "User.ReadBasic.All", adminConsentRequired: false, description: "Read all users' basic profiles" },
      { value: "Mail.Read", adminConsentRequired: false, description: "Read your mail" },
      { value: "Calendars.Read", adminConsentRequired: false, description: "Read your calendars" },
      { value: "Files.Read", adminConsentRequired: false, description: "Read your files" },
      { value: "User.Read.All", adminConsentRequired: true, description: "Read all users' full profiles" },
      { value: "Directory.Read.All", adminConsentRequired: true, description: "Read directory data" },
      { value: "Group.Read.All", adminConsentRequired: true, description: "Read all groups" },
    ],
    appRoles: [
      { value: "User.Read.All", description: "Read all users' full profiles" },
      { value: "Directory.Read.All", description: "Read directory data" },
    ],
    defaultDelegated: ["User.Read"],
  },
  arm: {
    appId: "797f4846-ba00-4fd7-ba43-dac1f8f63013",
    displayName: "Windows Azure Service Management API",
    identifierUris: ["https://management.azure.com", "https://management.core.windows.net"],
    accessTokenVersion: 1,
    delegatedScopes: [
      { value: "user_impersonation", adminConsentRequired: false, description: "Access Azure Service Management as you" },
    ],
    appRoles: [],
    defaultDelegated: ["user_impersonation"],
  },
  keyVault: {
    appId: "cfa8b339-82a2-471a-a3c9-0fc0be7a4093",
    displayName: "Azure Key Vault",
    identifierUris: ["https://vault.azure.net"],
    accessTokenVersion: 1,
    delegatedScopes: [
      { value: "user_impersonation", adminConsentRequired: false, description: "Have full access to the Azure Key Vault service" },
    ],
    appRoles: [],
    defaultDelegated: ["user_impersonation"],
  },
  storage: {
    appId: "e406a681-f3d4-42a8-90b6-c2b029497af1",
    displayName: "Azure Storage",
    identifierUris: ["https://storage.azure.com"],
    accessTokenVersion: 1,
    delegatedScopes: [
      { value: "user_impersonation", adminConsentRequired: false, description: "Access Azure Storage as you" },
    ],
    appRoles: [],
    defaultDelegated: ["user_impersonation"],
  },
  sandboxApi: {
    appId: "a91e4c2d-6f3b-4a8e-9c7d-2b5f0e1a3d64",
    displayName: "Azure Token Sandbox API",
    identifierUris: ["api://azure-token-sandbox-api"],
    accessTokenVersion: 2,
    delegatedScopes: [
      { value: "Items.Read", adminConsentRequired: false, description: "Read your items in the sandbox API" },
      { value: "Items.Write", adminConsentRequired: true, description: "Create and change items in the sandbox API" },
    ],
    appRoles: [{ value: "Items.Read.All", description: "Read all items (application permission)" }],
    defaultDelegated: ["Items.Read"],
  },
  /**
   * A middle-tier API (the app of MIDDLE_TIER_APP_ID): users call it with a token for `access_as_user`, and it calls
   * Microsoft Graph and the sandbox API on their behalf (the on-behalf-of grant).
   */
  middleTierApi: {
    appId: "d1a7e3c5-9b2f-4e8d-a6c4-3f0b7e2d5a19",
    displayName: "Azure Token Sandbox Middle Tier",
    identifierUris: ["api://azure-token-sandbox-middle-tier"],
    accessTokenVersion: 2,
    delegatedScopes: [
      { value: "access_as_user", adminConsentRequired: false, description: "Call the middle-tier API as you" },
    ],
    appRoles: [],
    defaultDelegated: ["access_as_user"],
  },
} as const satisfies Record<string, ResourceApp>;

/** Delegated permissions of the two public clients (same registration, different platform settings). */
const PUBLIC_REQUIRED: Record<string, readonly string[]> = {
  [RESOURCES.graph.appId]: ["User.Read"],
  [RESOURCES.arm.appId]: ["user_impersonation"],
  [RESOURCES.keyVault.appId]: ["user_impersonation"],
  [RESOURCES.storage.appId]: ["user_impersonation"],
  // Items.Write is not registered and needs admin consent: requesting it gives AADSTS65001.
  [RESOURCES.sandboxApi.appId]: ["Items.Read"],
  [RESOURCES.middleTierApi.appId]: ["access_as_user"],
};

/** An app that signs in as itself only (no user flows, no redirect) and reads the sandbox API's items. */
const APP_ONLY_READER = {
  isPublicClient: false,
  allowPublicClientFlows: false,
  redirectUris: [],
  requiredDelegated: {},
  grantedDelegated: {},
  appRoleAssignments: { [RESOURCES.sandboxApi.appId]: ["Items.Read.All"] },
} as const;

export const APPS = {
  /** Public client with "Mobile and desktop" redirect http://localhost and public client flows enabled. */
  publicClient: {
    appId: "5a1d7c3e-2b9f-4e61-8d04-7f3c2a9b1e65",
    displayName: "Azure Token Sandbox",
    servicePrincipalId: "5e1f0a9b-3c2d-4b7e-8a61-0f9d2c4b6e18",
    isPublicClient: true,
    allowPublicClientFlows: true,
    redirectUris: [{ uri: "http://localhost", platform: "publicClient" }],
    requiredDelegated: PUBLIC_REQUIRED,
    grantedDelegated: {},
    appRoleAssignments: {},
  },
  /** Same app shape but "Allow public client flows" is off and http://localhost is a Web redirect. */
  publicClientNoPublicFlows: {
    appId: "7e57a9f1-4b2c-4d8e-a1f3-5c9b0d2e6a47",
    displayName: "Azure Token Sandbox Web",
    servicePrincipalId: "6d2e1b0c-4a3f-4c8d-9b72-1e0a3d5c7f29",
    isPublicClient: false,
    allowPublicClientFlows: false,
    redirectUris: [{ uri: "http://localhost", platform: "web" }],
    requiredDelegated: PUBLIC_REQUIRED,
    grantedDelegated: {},
    appRoleAssignments: {},
  },
  /** Confidential client (daemon) authenticating with a client secret. */
  confidentialClient: {
    appId: "c0f1de47-8a2b-4d5c-9e6f-1a2b3c4d5e6f",
    displayName: "Azure Token Sandbox Daemon",
    servicePrincipalId: "7a3f2c1d-5b4e-4d9f-8c83-2f1b4e6d8a30",
    isPublicClient: false,
    allowPublicClientFlows: false,
    redirectUris: [],
    secret: "fake-sandbox-secret-not-a-real-credential",
    requiredDelegated: {},
    grantedDelegated: {},
    appRoleAssignments: {
      [RESOURCES.graph.appId]: ["User.Read.All"],
      [RESOURCES.sandboxApi.appId]: ["Items.Read.All"],
    },
  },
  /** Confidential client authenticating with a certificate (public cert registered at run time). */
  certificateClient: {
    appId: "ce27a9b4-3d1e-4f8a-b6c2-9e0d4a7f1b38",
    displayName: "Azure Token Sandbox Cert Daemon",
    servicePrincipalId: "8b4a3d2e-6c5f-4ea0-9d94-3a2c5f7e9b41",
    isPublicClient: false,
    allowPublicClientFlows: false,
    redirectUris: [],
    usesCertificate: true,
    requiredDelegated: {},
    grantedDelegated: {},
    appRoleAssignments: { [RESOURCES.sandboxApi.appId]: ["Items.Read.All"] },
  },
  /**
   * The middle-tier API's own registration (a confidential client with a secret): it exchanges the token a user sent
   * it for a downstream token (on-behalf-of). Items.Write of the sandbox API needs an admin grant it does not have.
   */
  middleTier: {
    appId: RESOURCES.middleTierApi.appId,
    displayName: "Azure Token Sandbox Middle Tier",
    servicePrincipalId: "9c5b4e3f-7d6a-4fb1-8ea5-4b3d6f8a0c52",
    isPublicClient: false,
    allowPublicClientFlows: false,
    redirectUris: [],
    secret: "fake-middle-tier-secret-not-a-real-credential",
    requiredDelegated: {
      [RESOURCES.graph.appId]: ["User.Read"],
      [RESOURCES.sandboxApi.appId]: ["Items.Read"],
    },
    grantedDelegated: {},
    appRoleAssignments: {},
  },
  /** Workload identity: no secret or certificate, a federated credential for one Kubernetes service account. */
  workloadClient: {
    appId: "f3d2c1b0-9e8d-4c7b-a6f5-e4d3c2b1a0f9",
    displayName: "Azure Token Sandbox Workload",
    servicePrincipalId: "9c5b4e3f-7d6a-4fb1-8ea5-4b3d6a8f0c52",
    ...APP_ONLY_READER,
    federatedCredentials: [{ issuer: WORKLOAD_ISSUER, subject: WORKLOAD_SUBJECT, audiences: [TOKEN_EXCHANGE_AUDIENCE] }],
  },
  /**
   * The system-assigned managed identity of an App Service app: tokens come from the identity endpoint
   * (managedIdentity.ts), never from the token endpoint.
   */
  managedIdentity: {
    appId: "d4e5f6a7-b8c9-4d0e-8f1a-2b3c4d5e6f70",
    displayName: "contoso-orders-app",
    servicePrincipalId: "0e1f2a3b-4c5d-4e6f-9a7b-8c9d0e1f2a3b",
    ...APP_ONLY_READER,
  },
} as const satisfies Record<string, ClientApp>;

/** Tenant segments that resolve to the sandbox tenant (besides its id and verified domain). */
export const MULTI_TENANT_ALIASES = ["common", "organizations"] as const;

/** The sandbox in one object, for callers that want everything. */
export const SANDBOX = { tenant: TENANT, users: USERS, apps: APPS, resources: RESOURCES } as const;

// ---- look-ups ---------------------------------------------------------------------------------------------

const ALL_USERS: readonly SandboxUser[] = Object.values(USERS);
const ALL_APPS: readonly ClientApp[] = Object.values(APPS);
const ALL_RESOURCES: readonly ResourceApp[] = Object.values(RESOURCES);

export function listUsers(): readonly SandboxUser[] {
  return ALL_USERS;
}

export function findUser(username: string | null | undefined): SandboxUser | undefined {
  if (!username) return undefined;
  const u = username.trim().toLowerCase();
  return ALL_USERS.find((x) => x.username === u);
}

export function findClientApp(clientId: string | null | undefined): ClientApp | undefined {
  if (!clientId) return undefined;
  const id = clientId.trim().toLowerCase();
  return ALL_APPS.find((a) => a.appId === id);
}

/** Finds a resource by identifier URI (trailing slash ignored, case-insensitive host) or by appId. */
export function findResource(identifier: string): ResourceApp | undefined {
  const id = identifier.replace(/\/+$/, "").toLowerCase();
  return ALL_RESOURCES.find((r) => r.appId === id || r.identifierUris.some((u) => u.toLowerCase() === id));
}

/** Resolves a tenant path segment: the tenant id, its verified domain, `common` or `organizations`. */
export function resolveTenant(segment: string): SandboxTenant | undefined {
  const s = segment.toLowerCase();
  if (s === TENANT.id || s === TENANT.domain || (MULTI_TENANT_ALIASES as readonly string[]).includes(s)) return TENANT;
  return undefined;
}
