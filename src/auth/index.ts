// Entry point of dist/auth.js, the only bundle that contains @azure/identity. The extension loads it on the
// first token request (see auth/loadAuth.ts), so activation and the decode-only path never pay for it.
import type { AccessToken, GetTokenOptions } from "@azure/identity";
import { abortable } from "./abortable";
import { claimsFor } from "./claimsRequest";
import { createAuthUi } from "./authUi";
import { CredentialFactory, type BuiltCredential, type NamedAccessToken } from "./credentialFactory";
import { runObserved, silentFailureError } from "./entraAnswers";
import type { Env } from "./environment";
import { explainAuthError, isInteractionRequired } from "../core/authErrors";
import { InvalidArgumentError } from "../core/commandErrors";
import { HeldAnswers } from "./heldAnswers";
import { InteractionRequiredError } from "./interaction";
import type { SecretReader } from "./secretStore";
import type { AcquiredToken, AcquireOptions, AuthService, AuthUi, TokenRequest } from "./types";
import type { VsCodeAuthentication } from "./vscodeAccountCredential";

export { InteractionRequiredError } from "./interaction";
export { isInteractionRequired } from "../core/authErrors";
export { EntraUnavailableError } from "./entraUnavailable";
export { EntraRefusedError, NotEntraAnswerError } from "./entraAnswers";
export { claimsFor } from "./claimsRequest";

/** Why a claims challenge cannot be answered with some sign-ins. */
const CLAIMS_UNSUPPORTED = "This sign-in cannot send a claims challenge to Microsoft Entra ID (only the browser, device code, client secret, certificate, "
  + "workload identity and managed identity sign-ins can): get the token with one of those, then satisfy the challenge again.";

/** Browser sign-in and VS Code account prompts: the library itself can wait forever. */
const INTERACTIVE_TIMEOUT_MS = 5 * 60_000;
/** Device codes live 15 minutes at Entra. */
const DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;
/** Anything that needs no person: CLI tools, confidential clients, silent renewals. */
const NON_INTERACTIVE_TIMEOUT_MS = 2 * 60_000;

export interface AuthDeps {
  /**
   * Client secrets and certificate passwords: the extension's one SecretVault (auth/secretVault.ts: the attempt's typed
   * secret, a held or a stored one; every value registered with the log's redaction), handed in so that this bundle
   * does not carry a second one.
   */
  secrets?: SecretReader;
  /** vscode.authentication, for the VS Code account kind. */
  authentication?: VsCodeAuthentication;
  /** Authentication provider of the VS Code account kind: "microsoft"; tests register their own. */
  vscodeProviderId?: string;
  /** UI used when AcquireOptions.ui is not given. */
  ui?: AuthUi;
  /** Environment read by workload/managed identity and the default chain (default: process.env). */
  env?: Env;
  /** vscode.env.remoteName is set: managed identity is offered on the remote host even without an endpoint variable. */
  remote?: boolean;
  /** azureToken.clientAssertionCommand, read when a client assertion is needed. */
  clientAssertionCommand?: () => string;
}

export function createAuthService(deps: AuthDeps = {}): AuthService {
  const factory = new CredentialFactory({
    secrets: deps.secrets,
    authentication: deps.authentication,
    vscodeProviderId: deps.vscodeProviderId ?? "microsoft",
    env: deps.env ?? process.env,
    remote: deps.remote,
    clientAssertionCommand: deps.clientAssertionCommand,
  });
  let defaultUi: AuthUi | undefined;
  const uiOf = (options: AcquireOptions) => options.ui ?? deps.ui ?? (defaultUi ??= createAuthUi());

  async function run(built: BuiltCredential, request: TokenRequest, options: AcquireOptions): Promise<NamedAccessToken> {
    const { signal } = options;
    const interaction = options.interaction ?? "allowed";
    const forceRefresh = options.forceRefresh === true;
    if (request.claims !== undefined && !built.msal) throw new InvalidArgumentError(CLAIMS_UNSUPPORTED);
    // CAE-capable tokens live in a cache of their own (@azure/identity's "CAE" MSAL app): every call of one request says the same.
    const cae: GetTokenOptions = built.msal && request.enableCae === true ? { enableCae: true } : {};
    const getOptions: GetTokenOptions = { abortSignal: signal, ...cae, ...(built.msal ? { claims: request.claims ?? claimsFor(forceRefresh) } : {}) };
    const flow = built.flow;
    switch (flow.kind) {
      case "vscodeAccount": {
        const ui = uiOf(options);
        return abortable(flow.credential.getTokenFor(request.scopes, { interaction, forceRefresh, pickAccount: ui.pickAccount?.bind(ui) }), signal,
          interaction === "never" ? NON_INTERACTIVE_TIMEOUT_MS : INTERACTIVE_TIMEOUT_MS);
      }
      case "other":
        return nonNull(await abortable(flow.credential.getToken(request.scopes, getOptions), signal, NON_INTERACTIVE_TIMEOUT_MS));
      case "publicClient": {
        // Built with disableAutomaticAuthentication: getToken answers from the cache or the refresh token only, and
        // any failure of it is the same cause-less AuthenticationRequiredError: the observer says what Entra answered.
        const silent = await flow.observer.observe(() => abortable(flow.credential.getToken(request.scopes, getOptions), signal, NON_INTERACTIVE_TIMEOUT_MS));
        if (silent.ok) return nonNull(silent.value);
        if (!isInteractionRequired(silent.error)) throw silent.error;
        // Entra failing (5xx, 429) or out of reach, or something else answering in its place: a browser or device code
        // cannot help, whatever `interaction` allows.
        const unavailable = silentFailureError(silent.report);
        if (unavailable) throw unavailable;
        if (interaction === "never") throw new InteractionRequiredError();
        const ui = uiOf(options);
        flow.onDeviceCode((info) => ui.showDeviceCode({ userCode: info.userCode, verificationUri: info.verificationUri, message: info.message }, signal));
        try {
          const isDeviceCode = request.credential === "deviceCode";
          await abortable(flow.credential.authenticate(request.scopes, getOptions), signal, isDeviceCode ? DEVICE_CODE_TIMEOUT_MS : INTERACTIVE_TIMEOUT_MS);
        } finally {
          flow.onDeviceCode(undefined);
        }
        // The sign-in filled MSAL's cache: this answers from it.
        return nonNull(await abortable(flow.credential.getToken(request.scopes, { abortSignal: signal, ...cae, claims: claimsFor(false) }), signal, NON_INTERACTIVE_TIMEOUT_MS));
      }
    }
  }

  /** The flow as one observed attempt where the credential has an observer (see runObserved). */
  function observed(built: BuiltCredential, request: TokenRequest, options: AcquireOptions): Promise<NamedAccessToken> {
    const flow = built.flow;
    const observer = flow.kind === "publicClient" || flow.kind === "other" ? flow.observer : undefined;
    if (!observer) return run(built, request, options);
    return runObserved(observer, () => run(built, request, options), { signal: options.signal, onRetryWait: options.onRetryWait });
  }

  /** Public-client credentials that signed someone in: their cache holds an account and its refresh token. */
  const signedIn = new WeakSet<BuiltCredential>();

  /**
   * After Entra's 5xx or 429, MSAL refuses to send the same request again for Retry-After (60 s without one), so the
   * user's next try fails without reaching Entra even when it is back. A credential whose cache holds nothing a person
   * made (an app's tokens, or a sign-in that never completed) is dropped instead: the next try asks Entra. A signed-in
   * account is kept (a new credential would need the browser again); its renewals wait the time out.
   */
  function afterFailure(built: BuiltCredential, error: unknown): void {
    if (explainAuthError(error).kind !== "service") return;
    if (built.flow.kind === "other" || (built.flow.kind === "publicClient" && !signedIn.has(built))) factory.forget(built);
  }

  const held = new HeldAnswers();
  return {
    async acquire(request: TokenRequest, options: AcquireOptions): Promise<AcquiredToken> {
      const built = await factory.get(request, options.userAssertion);
      // On-behalf-of answers depend on the incoming token, which is not part of the request: always asked.
      const repeat = options.forceRefresh || options.userAssertion !== undefined ? undefined : held.get(built, request, Date.now());
      if (repeat) return repeat;
      let result: NamedAccessToken;
      try {
        result = await observed(built, request, options);
      } catch (error) {
        afterFailure(built, error);
        throw error;
      }
      if (built.flow.kind === "publicClient") signedIn.add(built);
      const answer: AcquiredToken = {
        token: result.token,
        expiresOnTimestamp: result.expiresOnTimestamp,
        refreshAfterTimestamp: result.refreshAfterTimestamp,
        tokenType: result.tokenType ?? "Bearer",
        answeredBy: result.answeredBy ?? built.name,
        expirySource: built.flow.kind === "vscodeAccount" ? "token" : "library",
      };
      if (built.msal && options.userAssertion === undefined) held.set(built, request, answer);
      return answer;
    },
    clear(): void {
      held.clear();
      factory.clear();
    },
  };
}

function nonNull(token: AccessToken | null): NamedAccessToken {
  if (!token) throw new Error("The credential returned no token.");
  return token;
}
