// The pure plan of "Get Azure Token": which steps a credential kind needs, what an empty answer means, how a draft
// (or a saved profile) becomes a TokenRequest, and how command arguments are checked. What each step offers and
// where the answers come from is in getTokenAnswers.ts. No 'vscode' import.
import { authorityHostFor, isCloud, usesInstanceDiscovery, type Cloud, CLOUD_IDS } from "./clouds";
import { CREDENTIAL_KINDS, credentialDescriptor, isCredentialKind, isOnBehalfOf, type CredentialKind, type Profile } from "./profiles";
import type { TokenRequest } from "./tokenRequest";
import { parseScopes, validateClientId, validateTenant } from "./validation";

export type StepId = "credential" | "tenant" | "clientId" | "incomingToken" | "assertion" | "certificate" | "secretChoice" | "secret" | "scopes" | "loginHint";
export type Need = "required" | "optional" | "none";

/** A profile before it is saved: everything that decides where and how to sign in, no id or name. */
export type ProfileDraft = Omit<Profile, "id" | "name" | "lastUsedAt">;

export function tenantNeed(kind: CredentialKind): Need {
  if (credentialDescriptor(kind).needsTenant) return "required";
  // A managed identity always answers for the tenant of the Azure resource it belongs to.
  return kind === "managedIdentity" ? "none" : "optional";
}

export function clientIdNeed(kind: CredentialKind): Need {
  const d = credentialDescriptor(kind);
  return d.needsClientId ? "required" : d.acceptsClientId ? "optional" : "none";
}

/** What happens when the optional tenant is left empty, in words for the prompt. */
export function emptyTenantMeaning(kind: CredentialKind): string {
  switch (kind) {
    case "vscodeAccount": return "your account's home tenant";
    case "azureCli": return "the tenant of your 'az login'";
    case "azureDeveloperCli": return "the tenant of your 'azd auth login'";
    case "azurePowerShell": return "the tenant of your 'Connect-AzAccount'";
    case "workloadIdentity": return "AZURE_TENANT_ID from the environment";
    case "defaultChain": return "each credential's own tenant";
    default: return "organizations (any work or school account)";
  }
}

/** What happens when the optional client id is left empty, in words for the prompt. */
export function emptyClientIdMeaning(kind: CredentialKind): string {
  switch (kind) {
    case "vscodeAccount": return "VS Code's own client ID is used";
    case "workloadIdentity": return "AZURE_CLIENT_ID from the environment is used";
    case "managedIdentity": return "the system-assigned identity is used";
    case "interactiveBrowser":
    case "deviceCode": return "the Azure CLI's public client ID (04b07795-8ddb-461a-bbee-02f9e1bf7b46) is used";
    default: return "no client ID is sent";
  }
}

/**
 * How the secret (client secret, certificate password) is settled: "ask" for it; "offer" the one already known for the
 * tenant and client (use it, or enter a new one: never reused silently); "own" a saved profile's stored secret, used
 * without asking.
 */
export type SecretSource = "ask" | "offer" | "own";

/**
 * The steps of the multi-step input for a credential kind, in order. The secret step is the client secret, or the
 * certificate's password (optional); with `secret: "offer"` a choice comes first, and `useKnown` (its answer) skips
 * the secret step. On-behalf-of asks for the incoming token right after the middle tier's client id (it is checked
 * against it); a client assertion asks where the assertion comes from.
 */
export function planSteps(kind: CredentialKind, options: { secret?: SecretSource; useKnown?: boolean } = {}): StepId[] {
  const d = credentialDescriptor(kind);
  const steps: StepId[] = ["credential"];
  if (tenantNeed(kind) !== "none") steps.push("tenant");
  if (clientIdNeed(kind) !== "none") steps.push("clientId");
  if (isOnBehalfOf(kind)) steps.push("incomingToken");
  if (kind === "clientAssertion") steps.push("assertion");
  if (d.needsCertificate) steps.push("certificate");
  const secret = options.secret ?? "ask";
  if ((d.needsSecret || d.needsCertificate) && secret !== "own") {
    if (secret === "offer") steps.push("secretChoice");
    if (secret === "ask" || !options.useKnown) steps.push("secret");
  }
  steps.push("scopes");
  if (kind === "interactiveBrowser") steps.push("loginHint");
  return steps;
}

/**
 * Kinds offered on the first step, in order. Device code comes first when VS Code runs remotely (a browser
 * redirect to the remote host's loopback is fragile there). Managed identity only where it can apply: an
 * Azure host announces it through IDENTITY_ENDPOINT / MSI_ENDPOINT, and a remote host may be an Azure VM.
 */
export function offeredKinds(context: { remoteName?: string; env: Record<string, string | undefined> }): CredentialKind[] {
  const remote = Boolean(context.remoteName);
  const managed = remote || Boolean(context.env.IDENTITY_ENDPOINT || context.env.MSI_ENDPOINT);
  const kinds = CREDENTIAL_KINDS.map((d) => d.kind).filter((k) => k !== "managedIdentity" || managed);
  return remote ? ["deviceCode", ...kinds.filter((k) => k !== "deviceCode")] : kinds;
}

/** Where sign-in goes, from settings (or a command argument for the cloud). */
export interface Destination {
  cloud: Cloud;
  /** `azureToken.authorityHost`: empty = the cloud's own host. */
  authorityHost: string;
}

/** The draft's custom host, checked against its cloud; an error names the setting to fix. */
export function draftDestination(dest: Destination): { cloud: Cloud; authorityHost?: string } | { error: string } {
  const custom = dest.authorityHost.trim();
  const host = authorityHostFor(dest.cloud, custom);
  if ("error" in host) {
    return { error: custom ? `Setting azureToken.authorityHost: ${host.error}` : `Setting azureToken.cloud is Custom: ${host.error} (setting azureToken.authorityHost).` };
  }
  return custom ? { cloud: dest.cloud, authorityHost: host.host } : { cloud: dest.cloud };
}

/**
 * The request the auth layer gets for a profile or draft, with the SecretStorage key of its secret when it has one
 * (auth/secretStore.ts secretKeyFor). Throws only for a draft that skipped validation.
 */
export function requestFromDraft(draft: ProfileDraft, secretKey?: string): TokenRequest {
  const host = authorityHostFor(draft.cloud, draft.authorityHost);
  if ("error" in host) throw new TypeError(host.error);
  const request: TokenRequest = {
    credential: draft.credential,
    cloud: draft.cloud,
    authorityHost: host.host,
    disableInstanceDiscovery: !usesInstanceDiscovery(draft.cloud, draft.authorityHost),
    tenant: draft.tenant,
    scopes: [...draft.scopes],
  };
  if (draft.clientId) request.clientId = draft.clientId;
  if (draft.loginHint) request.loginHint = draft.loginHint;
  if (draft.certificatePath) request.certificatePath = draft.certificatePath;
  if (draft.assertionFile) request.assertionFile = draft.assertionFile;
  if (secretKey) request.secretKey = secretKey;
  return request;
}

/** The draft fields of a saved profile. */
export function draftOfProfile(profile: Profile): ProfileDraft {
  const { id: _id, name: _name, lastUsedAt: _used, ...draft } = profile;
  return draft;
}

/** Login hint: an account name or e-mail, no spaces or control characters. Empty is fine (optional). */
export function validateLoginHint(value: string): string | undefined {
  if (value === "") return undefined;
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(value)) return "The account contains a space, line break or control character; enter it as user@contoso.com.";
  if (value.length > 256) return `The account is ${value.length} characters long; use at most 256.`;
  return undefined;
}

/** Client secret: what the portal shows in the Value column (never the Secret ID); no whitespace or control characters. */
export function validateClientSecret(value: string): string | undefined {
  if (value.length === 0) return "Enter the client secret (Certificates & secrets → Client secrets → Value).";
  if (/[\s\u0000-\u001f\u007f-\u009f]/.test(value)) return "A client secret has no spaces, line breaks or control characters; copy the Value column, not the Secret ID.";
  return undefined;
}

/** Certificate password: optional (an unencrypted PEM needs none); no control characters. */
export function validateCertificatePassword(value: string): string | undefined {
  return /[\u0000-\u001f\u007f-\u009f]/.test(value) ? "A password has no line breaks or control characters." : undefined;
}

/** A path typed into a prompt: no control characters, absolute (`example` shows one). */
function pathProblem(value: string, example: string): string | undefined {
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value)) return "The path contains a line break or control character.";
  if (!/^(\/|[A-Za-z]:[\\/]|\\\\|~[\\/])/.test(value.trim())) return `Enter an absolute path, e.g. ${example}.`;
  return undefined;
}

/** Client assertion file: empty (= the command of azureToken.clientAssertionCommand) or an absolute path. */
export function validateAssertionFile(value: string): string | undefined {
  if (value.trim() === "") return undefined;
  return pathProblem(value, "/home/me/assertion.jwt or C:\\tokens\\assertion.jwt, or leave it empty to run azureToken.clientAssertionCommand");
}

/** Certificate path: an absolute path to a PEM file (its existence is checked by the caller). */
export function validateCertificatePath(value: string): string | undefined {
  if (value.trim() === "") return "Enter the path of a PEM file that holds the certificate and its private key.";
  const problem = pathProblem(value, "/home/me/certs/app.pem or C:\\certs\\app.pem");
  if (problem) return problem;
  if (!/\.(pem|crt|cer)$/i.test(value.trim())) return "The certificate must be a PEM file (.pem): the certificate and its private key, unencrypted or with a password.";
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Command arguments

export interface GetTokenArgs {
  tenant?: string;
  clientId?: string;
  scopes?: string[] | string;
  credential?: CredentialKind;
  /** A saved profile's name or id: re-run it. */
  profile?: string;
  cloud?: Cloud;
  loginHint?: string;
  /** Bypass the library's cache. */
  forceRefresh?: boolean;
}

/** Checked arguments: each value valid, scopes parsed. */
export interface ParsedArgs extends Omit<GetTokenArgs, "scopes" | "forceRefresh"> {
  scopes?: string[];
  forceRefresh: boolean;
  /** True when any argument describes the request (then only missing required values are asked for). */
  describesRequest: boolean;
}

const ARG_NAMES = ["tenant", "clientId", "scopes", "credential", "profile", "cloud", "loginHint", "forceRefresh"] as const satisfies readonly (keyof GetTokenArgs)[];

/** Validates command arguments with the prompts' validators. Errors name the argument. Secrets are never accepted. */
export function parseGetTokenArgs(raw: unknown): ParsedArgs | { error: string } {
  const out: ParsedArgs = { forceRefresh: false, describesRequest: false };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== "object" || Array.isArray(raw)) return { error: "The argument must be an object like { tenant, clientId, scopes, credential }." };
  const a = raw as Record<string, unknown>;
  for (const key of Object.keys(a)) {
    if (!(ARG_NAMES as readonly string[]).includes(key)) {
      const secretish = /secret|password|token|assertion|key/i.test(key) && key !== "forceRefresh";
      return {
        error: secretish
          ? `Argument '${key.slice(0, 40)}' is not accepted: secrets are never passed as arguments; the extension asks for them and keeps them in VS Code's secret storage.`
          : `Unknown argument '${key.slice(0, 40)}'. Accepted: ${ARG_NAMES.join(", ")}.`,
      };
    }
  }
  const text = (name: string): string | { error: string } | undefined => {
    const v = a[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string") return { error: `Argument '${name}' must be text, not ${Array.isArray(v) ? "a list" : typeof v}.` };
    return v;
  };
  const tenant = text("tenant");
  if (typeof tenant === "object") return tenant;
  if (tenant !== undefined) {
    const problem = validateTenant(tenant);
    if (problem) return { error: `Argument 'tenant': ${problem}` };
    out.tenant = tenant;
  }
  const clientId = text("clientId");
  if (typeof clientId === "object") return clientId;
  if (clientId !== undefined) {
    const problem = validateClientId(clientId);
    if (problem) return { error: `Argument 'clientId': ${problem}` };
    out.clientId = clientId.toLowerCase();
  }
  if (a.scopes !== undefined && a.scopes !== null) {
    const s = a.scopes;
    if (!(typeof s === "string" || (Array.isArray(s) && s.every((x) => typeof x === "string")))) {
      return { error: "Argument 'scopes' must be text or a list of text, e.g. ['https://graph.microsoft.com/.default']." };
    }
    const parsed = parseScopes(Array.isArray(s) ? s.join(" ") : s);
    if ("error" in parsed) return { error: `Argument 'scopes': ${parsed.error}` };
    out.scopes = parsed.scopes;
  }
  if (a.credential !== undefined && a.credential !== null) {
    if (!isCredentialKind(a.credential)) {
      return { error: `Argument 'credential': '${String(a.credential).slice(0, 40)}' is not a credential kind. Use one of ${CREDENTIAL_KINDS.map((d) => d.kind).join(", ")}.` };
    }
    out.credential = a.credential;
  }
  if (a.cloud !== undefined && a.cloud !== null) {
    if (!isCloud(a.cloud)) return { error: `Argument 'cloud': '${String(a.cloud).slice(0, 40)}' is not a cloud. Use one of ${CLOUD_IDS.join(", ")}.` };
    out.cloud = a.cloud;
  }
  const loginHint = text("loginHint");
  if (typeof loginHint === "object") return loginHint;
  if (loginHint !== undefined) {
    const problem = validateLoginHint(loginHint);
    if (problem) return { error: `Argument 'loginHint': ${problem}` };
    if (loginHint) out.loginHint = loginHint;
  }
  const profile = text("profile");
  if (typeof profile === "object") return profile;
  if (profile !== undefined) {
    if (!profile.trim()) return { error: "Argument 'profile' is empty: give a saved profile's name or id." };
    out.profile = profile.trim();
  }
  if (a.forceRefresh !== undefined && a.forceRefresh !== null) {
    if (typeof a.forceRefresh !== "boolean") return { error: "Argument 'forceRefresh' must be true or false." };
    out.forceRefresh = a.forceRefresh;
  }
  out.describesRequest = [out.tenant, out.clientId, out.scopes, out.credential, out.cloud, out.loginHint].some((v) => v !== undefined);
  if (out.profile && out.describesRequest) {
    return { error: "Give either 'profile' or the request (tenant, clientId, scopes, credential, cloud, loginHint), not both: a profile already holds them." };
  }
  if (out.credential) {
    if (out.clientId && clientIdNeed(out.credential) === "none") {
      return { error: `Argument 'clientId': ${credentialDescriptor(out.credential).label} does not use a client ID; leave it out.` };
    }
    if (out.tenant && tenantNeed(out.credential) === "none") {
      return { error: `Argument 'tenant': ${credentialDescriptor(out.credential).label} does not take a tenant; leave it out.` };
    }
    if (out.loginHint && out.credential !== "interactiveBrowser") {
      return { error: `Argument 'loginHint' applies to interactiveBrowser only, not ${out.credential}.` };
    }
  }
  return out;
}
