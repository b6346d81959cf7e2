// The App Service / Functions managed identity endpoint (api-version 2019-08-01), as the platform runs it next to
// the app: the app finds it in IDENTITY_ENDPOINT and proves it is the app with IDENTITY_HEADER, sent back as the
// X-IDENTITY-HEADER request header. It answers for the sandbox's system-assigned identity (APPS.managedIdentity).
import type { IncomingHttpHeaders } from "node:http";
import { APPS } from "./sandbox";
import { parseScopes, resolveAppRoles } from "./scopes";
import type { AccessTokenRequest } from "./tokens";

export const IDENTITY_ENDPOINT_PATH = "/msi/token";
export const IDENTITY_API_VERSION = "2019-08-01";

export interface IdentityAnswer {
  status: number;
  body: Record<string, unknown>;
}

/** What the endpoint needs from the server: the expected header value and a way to sign an app-only token. */
export interface IdentityEndpointDeps {
  identityHeader: string;
  lifetimeSec: number;
  appToken: (req: AccessTokenRequest, roles: readonly string[]) => Promise<string>;
}

const refuse = (status: number, message: string): IdentityAnswer => ({ status, body: { statusCode: status, message } });

export async function answerIdentityRequest(query: URLSearchParams, headers: IncomingHttpHeaders, deps: IdentityEndpointDeps): Promise<IdentityAnswer> {
  // The header is what keeps other processes on the host from using the app's identity: no header, no token.
  if (headers["x-identity-header"] !== deps.identityHeader) return refuse(401, "The X-IDENTITY-HEADER request header is missing or does not match IDENTITY_HEADER.");
  if (query.get("api-version") !== IDENTITY_API_VERSION) return refuse(400, `Unsupported api-version '${query.get("api-version") ?? ""}'; use ${IDENTITY_API_VERSION}.`);
  const userAssigned = query.get("client_id") ?? query.get("mi_res_id") ?? query.get("principal_id") ?? query.get("object_id");
  if (userAssigned && userAssigned.toLowerCase() !== APPS.managedIdentity.appId) return refuse(400, `No user-assigned identity '${userAssigned}' is assigned to this app.`);
  const resource = query.get("resource");
  if (!resource) return refuse(400, "The 'resource' query parameter is required.");
  const parsed = parseScopes(`${resource.replace(/\/+$/, "")}/.default`);
  if (!parsed.ok) return refuse(400, `The resource '${resource}' was not found in the tenant.`);
  const roles = resolveAppRoles(parsed.value, APPS.managedIdentity);
  if (!roles.ok) return refuse(400, `The resource '${resource}' was not found in the tenant.`);
  const req = { resource: parsed.value.resource, resourceAsRequested: parsed.value.resourceAsRequested, lifetimeSec: deps.lifetimeSec };
  return {
    status: 200,
    body: {
      access_token: await deps.appToken(req, roles.roles),
      // App Service sends expires_on as a string of epoch seconds.
      expires_on: String(Math.floor(Date.now() / 1000) + deps.lifetimeSec),
      resource,
      token_type: "Bearer",
      client_id: APPS.managedIdentity.appId,
    },
  };
}
