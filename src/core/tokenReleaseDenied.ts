// A token release refused, and the setting that decides it: apart from the gate (tokenRelease.ts) so that the command
// runner in dist/extension.js can recognise a denial without loading the gate and what it imports. Pure, no imports.

/** The setting a denial names. */
export const TOKEN_RELEASE_SETTING = "azureToken.tokenRelease";

/** A release refused by the setting or the user. Recognised by name across bundles (never instanceof). */
export class TokenReleaseDeniedError extends Error {
  override readonly name = "TokenReleaseDeniedError";
  constructor(readonly by: "setting" | "user") {
    super(by === "setting"
      ? `Azure Token denied the token to its caller: releasing tokens to other programs is turned off (setting ${TOKEN_RELEASE_SETTING} is "deny").`
      : `Azure Token denied the token to its caller: the user did not allow it (setting ${TOKEN_RELEASE_SETTING} is "ask").`);
  }
}

export function isTokenReleaseDenied(error: unknown): error is TokenReleaseDeniedError {
  return error instanceof TokenReleaseDeniedError || (typeof error === "object" && error !== null && (error as { name?: unknown }).name === "TokenReleaseDeniedError");
}
