// The OAuth `claims` request parameter (not JWT claims: those are core/claimCatalogue.ts) that the auth layer sends
// with every MSAL-backed request (see claimsFor).

/**
 * forceRefresh: a `claims` request parameter makes MSAL skip its cached access token (msal-common SilentFlowClient
 * and ClientCredentialClient: `!isEmptyObj(request.claims)`) and redeem the refresh token / client credential.
 * We send the CAE-style challenge "token not before now", which Entra honours. @azure/identity keeps the last
 * claims of a public-client credential and re-sends them on every silent call (msalClient.getTokenSilent
 * `state.cachedClaims`), so ordinary requests send "{}": an empty claims object, which MSAL treats as none and
 * which resets the kept value, so the next request is again a cache hit.
 */
export function claimsFor(forceRefresh: boolean, nowMs = Date.now()): string {
  return forceRefresh ? JSON.stringify({ access_token: { nbf: { essential: true, value: String(Math.floor(nowMs / 1000)) } } }) : "{}";
}
