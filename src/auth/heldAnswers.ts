// The auth service's answers it still holds: a repeat of a request whose token is unexpired is answered here, without
// asking the credential. Only for MSAL's kinds, whose own cache would answer it with the same token anyway (after an
// async round through the library: 50× slower); the developer tools (az, azd, pwsh) are asked every time, as before.
import type { AcquiredToken, TokenRequest } from "./types";

/** MSAL renews a cached token this long before it expires (its tokenRenewalOffsetSeconds): so do we. */
const RENEWAL_OFFSET_MS = 5 * 60_000;

export class HeldAnswers {
  /**
   * Per credential instance (the factory builds one per request shape and secret fingerprint): a secret typed anew
   * under the same key gets a new credential, so the old secret's answer is never given for it; a dropped credential
   * (clear, or after Entra's 5xx) takes its answers with it.
   */
  private answers = new WeakMap<object, Map<string, AcquiredToken>>();

  get(credential: object, request: TokenRequest, nowMs: number): AcquiredToken | undefined {
    const answers = this.answers.get(credential);
    const key = keyOf(request);
    const held = answers?.get(key);
    if (!held) return undefined;
    const renewAt = Math.min(held.refreshAfterTimestamp ?? Infinity, held.expiresOnTimestamp - RENEWAL_OFFSET_MS);
    if (nowMs < renewAt) return held;
    answers!.delete(key);
    return undefined;
  }

  set(credential: object, request: TokenRequest, answer: AcquiredToken): void {
    let answers = this.answers.get(credential);
    if (!answers) this.answers.set(credential, (answers = new Map()));
    answers.set(keyOf(request), answer);
  }

  clear(): void {
    this.answers = new WeakMap();
  }
}

/** Every field of the request, in a fixed order: two requests with the same key get the same token. */
function keyOf(r: TokenRequest): string {
  return JSON.stringify([r.credential, r.cloud, r.authorityHost, r.disableInstanceDiscovery, r.tenant, r.clientId, [...r.scopes].sort(),
    r.loginHint, r.certificatePath, r.assertionFile, r.federatedTokenFile, r.secretKey, r.enableCae === true, r.claims]);
}
