// "Interaction required": a background refresh (interaction 'never') could not be answered from the cache or a
// refresh token and would need a browser, a device code or a VS Code prompt. Callers recognise it with
// isInteractionRequired() and ask the user instead of failing loudly.

import { explainAuthError } from "../core/authErrors";

export class InteractionRequiredError extends Error {
  override readonly name = "InteractionRequiredError";
  constructor(detail = "A sign-in is needed: the token could not be renewed silently.") {
    super(detail);
  }
}

/**
 * True for our own InteractionRequiredError and for what @azure/identity / MSAL throw when only an interactive
 * sign-in would help (AuthenticationRequiredError with disableAutomaticAuthentication, InteractionRequiredAuthError).
 * False when the cause is Entra failing (5xx, 429) or the network: @azure/identity wraps those in an
 * AuthenticationRequiredError too (client secret and certificate), but signing in again cannot help.
 */
export function isInteractionRequired(err: unknown): boolean {
  const kind = explainAuthError(err).kind;
  if (kind === "service" || kind === "network") return false;
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === "InteractionRequiredError" || name === "AuthenticationRequiredError" || name === "InteractionRequiredAuthError") return true;
  }
  return false;
}
