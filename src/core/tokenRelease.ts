// When a token may leave the extension: to whoever called `azureToken.getToken` with arguments or the exported API
// (another extension, a task, a script). The user decides with `azureToken.tokenRelease` (ask | allow | deny) and, on
// "ask", in a modal: allow once, allow this request shape for the window, or deny. This module is the decision as
// data (setting + remembered grants + request shape → allow / deny / ask), the words of the modal, and the gate that
// holds the window's grants; the modal itself is injected (ui/releaseConsent.ts shows it). Pure.
import { cloudDisplayName } from "./clouds";
import { emptyClientIdMeaning, emptyTenantMeaning } from "./getTokenPlan";
import { credentialDescriptor } from "./profiles";
import { requestedResource } from "./scopes";
import type { TokenRequest } from "./tokenRequest";
import { TOKEN_RELEASE_SETTING, TokenReleaseDeniedError } from "./tokenReleaseDenied";

export { isTokenReleaseDenied, TOKEN_RELEASE_SETTING, TokenReleaseDeniedError } from "./tokenReleaseDenied";


/** `azureToken.tokenRelease`: ask every time (default), release without asking, or never release. */
export type TokenReleaseSetting = "ask" | "allow" | "deny";
export const TOKEN_RELEASE_VALUES: readonly TokenReleaseSetting[] = Object.freeze(["ask", "allow", "deny"]);

/** A value read from settings: anything unknown (a typo, a wrong type) means the safe default, "ask". */
export function parseTokenReleaseSetting(value: unknown): TokenReleaseSetting {
  return typeof value === "string" && (TOKEN_RELEASE_VALUES as readonly string[]).includes(value) ? (value as TokenReleaseSetting) : "ask";
}

/** What a remembered "Allow for this window" covers: the same credential kind, cloud, authority, tenant, client and scopes. */
export type ReleaseShape = Pick<TokenRequest, "credential" | "cloud" | "authorityHost" | "tenant" | "clientId" | "scopes">;

/**
 * The key of a request shape. Tenant, client id and authority host compare case-insensitively (as Entra does); the
 * scopes as a set, in any order, each as written (a permission's case is the API's own). Login hint, certificate
 * path and secret are not part of it: they change who signs in, not what the caller gets a token for.
 */
export function releaseShapeKey(shape: ReleaseShape): string {
  const scopes = [...new Set(shape.scopes.map((s) => s.trim()).filter(Boolean))].sort();
  return JSON.stringify([
    shape.credential, shape.cloud, shape.authorityHost.trim().toLowerCase().replace(/\/+$/, ""),
    shape.tenant.trim().toLowerCase(), (shape.clientId ?? "").trim().toLowerCase(), scopes,
  ]);
}

/** The answer for one request: release it, refuse it, or ask the user first. */
export type ReleaseDecision = "allow" | "deny" | "ask";

/**
 * The setting decides; "ask" is answered without asking for a shape the user allowed for this window. "deny" wins
 * over remembered grants, and "allow" needs none.
 */
export function decideRelease(setting: TokenReleaseSetting, granted: ReadonlySet<string>, shape: ReleaseShape): ReleaseDecision {
  switch (setting) {
    case "allow": return "allow";
    case "deny": return "deny";
    case "ask": return granted.has(releaseShapeKey(shape)) ? "allow" : "ask";
  }
}

/** The modal's buttons. Closing the modal (Escape, the close button) is the same as Deny. */
export const CONSENT_CHOICES = Object.freeze({ once: "Allow once", window: "Allow for this window", deny: "Deny" } as const);
export type ConsentAnswer = keyof typeof CONSENT_CHOICES;

/** What the user's answer means: whether the token leaves, and whether the shape is remembered for the window. */
export function outcomeOfConsent(answer: ConsentAnswer | undefined): { release: boolean; remember: boolean } {
  switch (answer) {
    case "once": return { release: true, remember: false };
    case "window": return { release: true, remember: true };
    default: return { release: false, remember: false };
  }
}

/** The user's button, by its title; anything else (closed, refused) is undefined, i.e. a denial. */
export function consentAnswerOf(title: string | undefined): ConsentAnswer | undefined {
  return (Object.keys(CONSENT_CHOICES) as ConsentAnswer[]).find((k) => CONSENT_CHOICES[k] === title);
}

/** The audience the caller's token will have, as far as the scopes tell: the resource of the first scope that names one. */
export function releaseAudience(shape: Pick<ReleaseShape, "scopes">): string {
  return requestedResource(shape.scopes) ?? "(no resource: sign-in scopes only)";
}

/** The modal's text: a program asked, for which tenant, client, audience and scopes, with which sign-in. Never a token. */
export function consentText(shape: ReleaseShape): { message: string; detail: string } {
  const kind = credentialDescriptor(shape.credential);
  const tenant = shape.tenant.trim() || `none given (${emptyTenantMeaning(shape.credential)})`;
  const client = shape.clientId?.trim() || `none given (${emptyClientIdMeaning(shape.credential)})`;
  return {
    message: "A program asked Azure Token for an access token. Let it have the token?",
    detail: [
      "Another extension, a task or a script called Azure Token and will receive the token itself. Whoever holds it can act as the signed-in account until it expires.",
      "",
      `Tenant: ${tenant}`,
      `Client: ${client}`,
      `Audience: ${releaseAudience(shape)}`,
      `Scopes: ${shape.scopes.join(" ") || "(none)"}`,
      `Sign-in: ${kind.label}`,
      `Cloud: ${cloudDisplayName(shape.cloud)}`,
      `Authority: ${shape.authorityHost}`,
      "",
      `Allow only if you started this. Change what happens without asking with the setting ${TOKEN_RELEASE_SETTING}.`,
    ].join("\n"),
  };
}

/** The log line for a token that left: when, and what it is for (audience, scopes, tenant, sign-in kind); never the token. */
export function releaseLogLine(shape: ReleaseShape, how: "setting" | "once" | "window" | "remembered", atMs: number): string {
  const why = how === "setting" ? `${TOKEN_RELEASE_SETTING} is "allow"` : how === "remembered" ? "allowed earlier for this window" : how === "once" ? "allowed once" : "allowed for this window";
  return `token released to a caller at ${new Date(atMs).toISOString()}: audience ${releaseAudience(shape)}, scopes ${shape.scopes.join(" ")}, tenant ${shape.tenant || "(default)"}, ${credentialDescriptor(shape.credential).label} (${why})`;
}

/** Where the gate notes what it decided: the extension's Log (ui/log.ts), which redacts every line. */
export interface ReleaseLog {
  info(message: string): void;
  warn(message: string): void;
}

/** The modal: resolves the chosen button's title, undefined when closed; rejects when it cannot be shown. */
export type AskConsent = (message: string, detail: string) => PromiseLike<string | undefined>;

/** What a run of Get Azure Token whose result goes to a caller asks before the token leaves. */
export interface ReleaseGate {
  /** Before anything is asked or signed in: throws TokenReleaseDeniedError when the setting refuses every caller. */
  precheck(): void;
  /**
   * With the complete request, before signing in: decides, and asks the user when the setting says so. Throws
   * TokenReleaseDeniedError when denied (Deny, closing the modal, a modal that cannot be shown). Resolves to the
   * function to call once the token actually leaves: it records the release in the log.
   */
  approve(request: TokenRequest): Promise<() => void>;
}

export interface TokenReleaseGateDeps {
  setting: () => TokenReleaseSetting;
  ask: AskConsent;
  log: ReleaseLog;
  now?: () => number;
}

export function releaseShapeOf(request: TokenRequest): ReleaseShape {
  const { credential, cloud, authorityHost, tenant, clientId, scopes } = request;
  return { credential, cloud, authorityHost, tenant, clientId, scopes: [...scopes] };
}

/** The extension's one gate. "Allow for this window" grants live here, in memory, until Clear Tokens or the window closes. */
export class TokenReleaseGate implements ReleaseGate {
  private readonly granted = new Set<string>();

  constructor(private readonly deps: TokenReleaseGateDeps) {}

  precheck(): void {
    if (this.deps.setting() === "deny") this.deny("setting", `setting ${TOKEN_RELEASE_SETTING} is "deny"`);
  }

  async approve(request: TokenRequest): Promise<() => void> {
    const shape = releaseShapeOf(request);
    const setting = this.deps.setting();
    const now = this.deps.now ?? Date.now;
    const released = (how: Parameters<typeof releaseLogLine>[1]) => () => this.deps.log.info(releaseLogLine(shape, how, now()));
    switch (decideRelease(setting, this.granted, shape)) {
      case "allow": return released(setting === "allow" ? "setting" : "remembered");
      case "deny": return this.deny("setting", `setting ${TOKEN_RELEASE_SETTING} is "deny"`);
      case "ask": break;
    }
    const { message, detail } = consentText(shape);
    let title: string | undefined;
    try {
      title = await this.deps.ask(message, detail);
    } catch (error) {
      // A workbench that refuses dialogs (an extension test run) must not let the token through.
      const reason = error instanceof Error ? error.message.split("\n", 1)[0] : String(error);
      this.deps.log.warn(`token release to a caller denied: the consent dialog could not be shown (${reason.slice(0, 200)})`);
      throw new TokenReleaseDeniedError("user");
    }
    const answer = consentAnswerOf(title);
    const { release, remember } = outcomeOfConsent(answer);
    if (!release || (answer !== "once" && answer !== "window")) return this.deny("user", `the user did not allow it (audience ${releaseAudience(shape)})`);
    if (remember) this.granted.add(releaseShapeKey(shape));
    return released(answer);
  }

  /** Forgets every "Allow for this window" (Clear Tokens from Memory). */
  forget(): void {
    this.granted.clear();
  }

  private deny(by: "setting" | "user", why: string): never {
    this.deps.log.info(`token release to a caller denied: ${why}`);
    throw new TokenReleaseDeniedError(by);
  }
}
