// What a held token was asked for, for the checks that compare it with what came back: the token view's diagnostics
// and signature verification's audience. Reads the held token's request only. Pure.
import type { ExpectedToken } from "./diagnostics";
import { requestedResource } from "./scopes";
import type { TokenRequest } from "./tokenRequest";

/** A held token as far as these checks read it (tokens/tokenStore.ts HeldToken). */
interface Requested {
  readonly request?: Pick<TokenRequest, "scopes" | "tenant" | "clientId">;
}

/** What an acquired token was asked for: the resource of its scopes, tenant, scopes and client. Pasted: undefined. */
export function expectedOf(held: Requested): ExpectedToken | undefined {
  const request = held.request;
  if (!request) return undefined;
  return { audience: requestedResource(request.scopes), tenantId: request.tenant, scopes: request.scopes, clientId: request.clientId };
}

/** The resource that was asked for (acquired tokens), for audience checks. */
export function expectedAudienceOf(held: Requested): string | undefined {
  return expectedOf(held)?.audience;
}
