// What a held token was asked for, for the checks that compare it with what came back: the token view's diagnostics
// and signature verification's audience. Reads the held token only (its request); no 'vscode' at run time.
import type { ExpectedToken } from "../core/diagnostics";
import { requestedResource } from "../core/scopes";
import type { HeldToken } from "./tokenStore";

/** What an acquired token was asked for: the resource of its scopes, tenant, scopes and client. Pasted: undefined. */
export function expectedOf(held: HeldToken): ExpectedToken | undefined {
  const request = held.request;
  if (!request) return undefined;
  return { audience: requestedResource(request.scopes), tenantId: request.tenant, scopes: request.scopes, clientId: request.clientId };
}

/** The resource that was asked for (acquired tokens), for audience checks. */
export function expectedAudienceOf(held: HeldToken): string | undefined {
  return expectedOf(held)?.audience;
}
