// Azure clouds and their Microsoft Entra authority hosts. Pure: no 'vscode', no '@azure/identity'.
// The built-in hosts match @azure/identity's AzureAuthorityHosts.

/** The global (public) cloud's Entra authority. */
export const PUBLIC_AUTHORITY = "https://login.microsoftonline.com";

export type Cloud = "AzurePublic" | "AzureUSGovernment" | "AzureChina" | "Custom";

/** The v1.0 token issuer of the global cloud (`https://sts.windows.net/{tenant}/`); US Government tokens use it too. */
export const PUBLIC_V1_ISSUER_HOST = "https://sts.windows.net";

export interface CloudInfo {
  readonly id: Cloud;
  readonly displayName: string;
  /** https origin of the Entra authority; undefined for Custom (the user supplies it). */
  readonly authorityHost: string | undefined;
  /**
   * https origin of the `iss` of v1.0 tokens from this cloud (`{origin}/{tenant}/`): the global cloud and US Government
   * use https://sts.windows.net, China (21Vianet) https://sts.chinacloudapi.cn. Undefined for Custom.
   */
  readonly v1IssuerHost: string | undefined;
  /**
   * https origin of the `iss` of v2.0 tokens (`{origin}/{tenant}/v2.0`) where it is not the authority host: China's
   * discovery document names https://login.partner.microsoftonline.cn. Undefined where it is the authority host.
   */
  readonly v2IssuerHost?: string;
}

export const CLOUDS: readonly CloudInfo[] = Object.freeze([
  Object.freeze({ id: "AzurePublic", displayName: "Azure (global)", authorityHost: PUBLIC_AUTHORITY, v1IssuerHost: PUBLIC_V1_ISSUER_HOST }),
  Object.freeze({ id: "AzureUSGovernment", displayName: "Azure US Government", authorityHost: "https://login.microsoftonline.us", v1IssuerHost: PUBLIC_V1_ISSUER_HOST }),
  Object.freeze({
    id: "AzureChina", displayName: "Azure China (21Vianet)", authorityHost: "https://login.chinacloudapi.cn", v1IssuerHost: "https://sts.chinacloudapi.cn",
    v2IssuerHost: "https://login.partner.microsoftonline.cn",
  }),
  Object.freeze({ id: "Custom", displayName: "Custom authority host", authorityHost: undefined, v1IssuerHost: undefined }),
] as const);

export const CLOUD_IDS: readonly Cloud[] = Object.freeze(CLOUDS.map((c) => c.id));

export function isCloud(value: unknown): value is Cloud {
  return typeof value === "string" && (CLOUD_IDS as readonly string[]).includes(value);
}

export function cloudInfo(cloud: Cloud): CloudInfo {
  const info = CLOUDS.find((c) => c.id === cloud);
  if (!info) throw new TypeError(`Unknown cloud '${String(cloud)}'`);
  return info;
}

export function cloudDisplayName(cloud: Cloud): string {
  return cloudInfo(cloud).displayName;
}

/** The built-in cloud whose authority host this is (any case, trailing slashes ignored); undefined for any other host. */
export function cloudOfAuthorityHost(authorityHost: string): CloudInfo | undefined {
  const host = authorityHost.trim().replace(/\/+$/, "").toLowerCase();
  return CLOUDS.find((c) => c.authorityHost !== undefined && c.authorityHost === host);
}

/**
 * The issuers (`iss`) Entra puts in tokens for a tenant, for the cloud of the authority the token came from: v1.0
 * `{v1 issuer host}/{tenant}/` and v2.0 `{authority}/{tenant}/v2.0` (plus the cloud's own v2.0 issuer host, if it has
 * one). A host that is no built-in cloud's (a custom authority: Azure Stack, the local sandbox) issues v1.0 tokens as
 * the global cloud does.
 */
export function tenantIssuers(authorityHost: string, tenantId: string): string[] {
  const authority = authorityHost.trim().replace(/\/+$/, "");
  const cloud = cloudOfAuthorityHost(authority);
  const issuers = [`${cloud?.v1IssuerHost ?? PUBLIC_V1_ISSUER_HOST}/${tenantId}/`, `${authority}/${tenantId}/v2.0`];
  if (cloud?.v2IssuerHost) issuers.push(`${cloud.v2IssuerHost}/${tenantId}/v2.0`);
  return issuers;
}

export type AuthorityHostResult = { host: string } | { error: string };

const CONTROL_OR_SPACE = /[\s\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks a custom authority host as typed by the user (or read from settings).
 * Returns undefined when valid, otherwise a message saying what is wrong and what is expected.
 * Expected: an https origin such as https://login.contoso-stack.example, with no path, query, fragment or credentials.
 */
export function validateAuthorityHost(value: string): string | undefined {
  const r = parseAuthorityHost(value);
  return "error" in r ? r.error : undefined;
}

function parseAuthorityHost(value: string): AuthorityHostResult {
  const v = value.trim();
  const example = PUBLIC_AUTHORITY;
  if (!v) return { error: `Enter the authority host as an https address, e.g. ${example}` };
  if (CONTROL_OR_SPACE.test(v)) return { error: "The authority host contains a space or control character; enter only the https address." };
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) {
    return { error: `'${v}' has no scheme; the authority host must start with https://, e.g. https://${v.replace(/^\/+/, "")}` };
  }
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return { error: `'${v}' is not a valid address; expected something like ${example}` };
  }
  if (url.protocol !== "https:") {
    return { error: `The authority host must use https, not ${url.protocol.replace(/:$/, "")}: sign-in traffic carries credentials.` };
  }
  if (url.username || url.password) return { error: "The authority host must not contain a user name or password." };
  if (!url.hostname) return { error: `'${v}' has no host name; expected something like ${example}` };
  if (url.pathname !== "/" && url.pathname !== "") {
    return {
      error: `Remove the path '${url.pathname}': the authority host is only the https origin (e.g. ${example}); the tenant is entered separately.`,
    };
  }
  if (url.search || v.includes("?")) return { error: "Remove the query string: the authority host is only the https origin." };
  if (url.hash || v.includes("#")) return { error: "Remove the '#…' fragment: the authority host is only the https origin." };
  return { host: url.origin };
}

/**
 * The authority host to use for a cloud. A non-empty customHost always wins (it is validated, and must be
 * https with no path or query); the Custom cloud requires one.
 */
export function authorityHostFor(cloud: Cloud, customHost?: string): AuthorityHostResult {
  const custom = customHost?.trim() ?? "";
  if (custom) return parseAuthorityHost(custom);
  const info = cloudInfo(cloud);
  if (info.authorityHost) return { host: info.authorityHost };
  return { error: "The Custom cloud needs an authority host: enter its https address, e.g. https://login.contoso-stack.example" };
}

/**
 * Whether MSAL should run instance discovery (a call to the public cloud's discovery endpoint).
 * Off for the Custom cloud, and off when a custom host different from the cloud's own host is in use:
 * discovery would reach login.microsoftonline.com, which does not know a private authority.
 */
export function usesInstanceDiscovery(cloud: Cloud, customHost?: string): boolean {
  if (cloud === "Custom") return false;
  const custom = customHost?.trim();
  if (!custom) return true;
  const parsed = parseAuthorityHost(custom);
  return "host" in parsed && parsed.host === cloudInfo(cloud).authorityHost;
}
