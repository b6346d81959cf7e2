// Entry point of dist/auth.js, the only bundle that contains @azure/identity. The extension loads it on the
// first token request (see auth/loadAuth.ts), so activation and the decode-only path never pay for it.
import type { AccessToken, GetTokenOptions } from "@azure/identity";
import { abortable } from "./abortable";
import { claimsFor } from "./claimsRequest";
import { createAuthUi } from "./authUi";
import { CredentialFactory, type BuiltCredential, type NamedAccessToken } from "./credentialFactory";
import { runObserved, silentFailureError } from "./entraAnswers";
import type { Env } from "./environment";
import { HeldAnswers } from "./heldAnswers";
import { isInteractionRequired } from "../core/authErrors";
import { InteractionRequiredError } from "./interaction";
import type { SecretBackend } from "./secretStore";
import type { AcquiredToken, AcquireOptions, AuthService, AuthUi, TokenRequest } from "./types";
import type { VsCodeAuthentication } from "./vscodeAccountCredential";

export { InteractionRequiredError } from "./interaction";
export { isInteractionRequired } from "../core/authErrors";
export { EntraUnavailableError } from "./entraUnavailable";
export { EntraRefusedError, NotEntraAnswerError } from "./entraAnswers";
export { claimsFor } from "./claimsRequest";

/** Browser sign-in and VS Code account prompts: the library itself can wait forever. */
const INTERACTIVE_TIMEOUT_MS = 5 * 60_000;
/** Device codes live 15 minutes at Entra. */
const DEVICE_CODE_TIMEOUT_MS = 15 * 60_000;
/** Anything that needs no person: CLI tools, confidential clients, silent renewals. */
const NON_INTERACTIVE_TIMEOUT_MS = 2 * 60_000;

export interface AuthDeps {
  /**
   * Client secrets and certificate passwords: the extension's one SecretStore (auth/secretStore.ts, which registers
   * every value it reads with the log's redaction), handed in so that this bundle does not carry a second one.
   */
  secrets?: SecretBackend;
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
}

export function createAuthService(deps: AuthDeps = {}): AuthService {
  const factory = new CredentialFactory({
    secrets: deps.secrets,
    authentication: deps.authentication,
    vscodeProviderId: deps.vscodeProviderId ?? "microsoft",
    env: deps.env ?? process.env,
    remote: deps.remote,
  });
  let defaultUi: AuthUi | undefined;
  const uiOf = (options: AcquireOptions) => options.ui ?? deps.ui ?? (defaultUi ??= createAuthUi());

  async function run(built: BuiltCredential, request: TokenRequest, options: AcquireOptions): Promise<NamedAccessToken> {
    const { signal } = options;
    const interaction = options.interaction ?? "allowed";
    const forceRefresh = options.forceRefresh === true;
    const getOptions: GetTokenOptions = { abortSignal: signal, ...(built.msal ? { claims: claimsFor(forceRefresh) } : {}) };
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
        return nonNull(await abortable(flow.credential.getToken(request.scopes, { abortSignal: signal, claims: claimsFor(false) }), signal, NON_INTERACTIVE_TIMEOUT_MS));
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

  const held = new HeldAnswers();
  return {
    async acquire(request: TokenRequest, options: AcquireOptions): Promise<AcquiredToken> {
      const repeat = options.forceRefresh ? undefined : held.get(request, Date.now());
      if (repeat) return repeat;
      const built = await factory.get(request);
      const result = await observed(built, request, options);
      const answer: AcquiredToken = {
        token: result.token,
        expiresOnTimestamp: result.expiresOnTimestamp,
        refreshAfterTimestamp: result.refreshAfterTimestamp,
        tokenType: result.tokenType ?? "Bearer",
        answeredBy: result.answeredBy ?? built.name,
        expirySource: built.flow.kind === "vscodeAccount" ? "token" : "library",
      };
      if (built.msal) held.set(request, answer);
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
