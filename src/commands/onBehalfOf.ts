// "Exchange Token On-Behalf-Of": Get Azure Token with the on-behalf-of sign-ins only. The step of its own (the
// incoming token) is in incomingTokenStep.ts; the token stays in memory with the downstream one.
import type { CredentialKind } from "../core/profiles";
import { getToken, type GetTokenDeps } from "./getToken";

export const ON_BEHALF_OF_KINDS: readonly CredentialKind[] = ["onBehalfOf", "onBehalfOfCertificate"];

/** The palette command: nothing is returned (the downstream token is shown in the view with the incoming one). */
export async function exchangeOnBehalfOf(deps: GetTokenDeps): Promise<undefined> {
  await getToken(deps, undefined, { kinds: ON_BEHALF_OF_KINDS });
  return undefined;
}
