// Entry point of dist/auth.js, the only bundle that contains @azure/identity. The extension loads it on the
// first token request (see auth/loadAuth.ts), so activation and the decode-only path never pay for it.
import { InteractiveBrowserCredential, type TokenCredential } from "@azure/identity";
import { abortable } from "./abortable";
import type { AcquiredToken, AcquireOptions, AuthService, TokenRequest } from "./types";

const INTERACTIVE_TIMEOUT_MS = 5 * 60_000;

export function createAuthService(): AuthService {
  // One credential per (authority, tenant, client): a credential asked for another tenant answers from its
  // home-tenant cache, and reusing the instance is what lets MSAL answer repeats from its cache.
  const credentials = new Map<string, TokenCredential>();

  function credentialFor(request: TokenRequest): TokenCredential {
    const key = JSON.stringify([request.credential, request.authorityHost, request.tenant.toLowerCase(), request.clientId.toLowerCase()]);
    let credential = credentials.get(key);
    if (!credential) {
      credential = new InteractiveBrowserCredential({
        tenantId: request.tenant,
        clientId: request.clientId,
        authorityHost: request.authorityHost,
        disableInstanceDiscovery: request.disableInstanceDiscovery,
        loginHint: request.loginHint,
        browserCustomizationOptions: {
          successMessage: "Signed in. You can close this tab and return to VS Code.",
          errorMessage: "Sign-in failed. Return to VS Code for details.",
        },
      });
      credentials.set(key, credential);
    }
    return credential;
  }

  return {
    async acquire(request: TokenRequest, options: AcquireOptions): Promise<AcquiredToken> {
      const credential = credentialFor(request);
      const result = await abortable(credential.getToken(request.scopes, { abortSignal: options.signal }), options.signal, INTERACTIVE_TIMEOUT_MS);
      if (!result) throw new Error("The credential returned no token.");
      return {
        token: result.token,
        expiresOnTimestamp: result.expiresOnTimestamp,
        refreshAfterTimestamp: result.refreshAfterTimestamp,
        tokenType: result.tokenType ?? "Bearer",
      };
    },
  };
}
