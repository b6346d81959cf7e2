// "Interaction required": a background refresh (interaction 'never') could not be answered from the cache or a
// refresh token and would need a browser, a device code or a VS Code prompt. Callers recognise it with
// isInteractionRequired() and ask the user instead of failing loudly.

export class InteractionRequiredError extends Error {
  override readonly name = "InteractionRequiredError";
  constructor(detail = "A sign-in is needed: the token could not be renewed silently.") {
    super(detail);
  }
}

/**
 * True for our own InteractionRequiredError and for what @azure/identity / MSAL throw when only an interactive
 * sign-in would help (AuthenticationRequiredError with disableAutomaticAuthentication, InteractionRequiredAuthError).
 */
export function isInteractionRequired(err: unknown): boolean {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const name = (e as { name?: unknown }).name;
    if (name === "InteractionRequiredError" || name === "AuthenticationRequiredError" || name === "InteractionRequiredAuthError") return true;
  }
  return false;
}
