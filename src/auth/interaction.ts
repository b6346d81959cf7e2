// "Interaction required": a background refresh (interaction 'never') could not be answered from the cache or a
// refresh token and would need a browser, a device code or a VS Code prompt. Callers recognise it with
// isInteractionRequired() (core/authErrors.ts, so dist/extension.js need not bundle this module) and ask the user
// instead of failing loudly.

export class InteractionRequiredError extends Error {
  override readonly name = "InteractionRequiredError";
  constructor(detail = "A sign-in is needed: the token could not be renewed silently.") {
    super(detail);
  }
}
