// VS Code's own Microsoft account as a TokenCredential, so the rest of the auth layer treats it like any other
// credential. VS Code's AuthenticationSession has no expiry: we read `exp` from the access token (then the id
// token). Personal-account tokens are opaque; without any exp we assume a short life so a refresh comes soon.
import type { AccessToken, GetTokenOptions, TokenCredential } from "@azure/core-auth";
import type * as vscode from "vscode";
import { decodeToken } from "../core/jwt";
import { CancelledError } from "./abortable";
import { InteractionRequiredError } from "./interaction";

/** The part of vscode.authentication we use; injectable so tests can use their own provider. */
export type VsCodeAuthentication = Pick<typeof vscode.authentication, "getSession" | "getAccounts">;

export interface VsCodeAccountOptions {
  authentication: VsCodeAuthentication;
  /** "microsoft" in the product; a test-only provider id in tests (the built-in provider cannot use a local Entra). */
  providerId: string;
  /** Tenant id or domain; `organizations`/`common`/empty leave the choice to VS Code. */
  tenant?: string;
  clientId?: string;
  /** Picks the account with this user name without asking, when it is signed in. */
  loginHint?: string;
}

export interface VsCodeAccountCallOptions {
  interaction: "allowed" | "never";
  forceRefresh: boolean;
  /** Asks the user which account to use when several are signed in; undefined = cancelled. */
  pickAccount?: (labels: readonly string[]) => Promise<string | undefined>;
}

/** Tokens without any readable exp are treated as living this long. */
const UNKNOWN_EXPIRY_MS = 5 * 60_000;
/** Refresh this long before exp: allows for clock skew between this machine and Entra. */
const SKEW_MS = 5 * 60_000;

/** The scopes VS Code's Microsoft provider understands, with its tenant and client-id pseudo-scopes. */
export function vscodeSessionScopes(scopes: readonly string[], tenant?: string, clientId?: string): string[] {
  const out = [...scopes];
  const t = tenant?.trim();
  if (t && !["organizations", "common"].includes(t.toLowerCase())) out.push(`VSCODE_TENANT:${t}`);
  if (clientId?.trim()) out.push(`VSCODE_CLIENT_ID:${clientId.trim()}`);
  return out;
}

/** Expiry (ms) from the access token's exp, else the id token's; undefined when neither is a readable JWT. */
export function expiryFromTokens(accessToken: string, idToken?: string): number | undefined {
  for (const t of [accessToken, idToken]) {
    if (!t) continue;
    const decoded = decodeToken(t);
    if (decoded.kind === "jws" && typeof decoded.payload.exp === "number") return decoded.payload.exp * 1000;
  }
  return undefined;
}

export class VsCodeAccountCredential implements TokenCredential {
  /** The account chosen once (loginHint or the user's pick), reused so repeats do not ask again. */
  private account: vscode.AuthenticationSessionAccountInformation | undefined;

  constructor(private readonly options: VsCodeAccountOptions) {}

  async getToken(scopes: string | string[], _options?: GetTokenOptions): Promise<AccessToken> {
    return this.getTokenFor(Array.isArray(scopes) ? scopes : [scopes], { interaction: "allowed", forceRefresh: false });
  }

  async getTokenFor(scopes: readonly string[], call: VsCodeAccountCallOptions): Promise<AccessToken> {
    const { authentication, providerId, tenant, clientId } = this.options;
    const sessionScopes = vscodeSessionScopes(scopes, tenant, clientId);
    let session: vscode.AuthenticationSession | undefined;
    if (call.interaction === "never") {
      // forceRefresh needs forceNewSession, which always prompts: not allowed in the background.
      if (call.forceRefresh) throw new InteractionRequiredError("A fresh VS Code account token needs your confirmation.");
      session = await authentication.getSession(providerId, sessionScopes, { silent: true, account: this.account });
      if (!session) throw new InteractionRequiredError("Sign in to your Microsoft account in VS Code to renew this token.");
    } else {
      const account = this.account ?? await this.chooseAccount(call);
      session = call.forceRefresh
        ? await authentication.getSession(providerId, sessionScopes, { forceNewSession: { detail: "Get a fresh token for Azure Token." }, account })
        : await authentication.getSession(providerId, sessionScopes, { createIfNone: true, account });
    }
    this.account = session.account;
    const idToken = (session as { idToken?: unknown }).idToken;
    const exp = expiryFromTokens(session.accessToken, typeof idToken === "string" ? idToken : undefined);
    const expiresOnTimestamp = exp ?? Date.now() + UNKNOWN_EXPIRY_MS;
    return {
      token: session.accessToken,
      expiresOnTimestamp,
      refreshAfterTimestamp: Math.max(Date.now(), expiresOnTimestamp - SKEW_MS),
      tokenType: "Bearer",
    };
  }

  private async chooseAccount(call: VsCodeAccountCallOptions): Promise<vscode.AuthenticationSessionAccountInformation | undefined> {
    const accounts = await this.options.authentication.getAccounts(this.options.providerId);
    const hint = this.options.loginHint?.trim().toLowerCase();
    const hinted = hint ? accounts.find((a) => a.label.toLowerCase() === hint) : undefined;
    if (hinted) return hinted;
    if (accounts.length <= 1 || !call.pickAccount) return accounts[0];
    const label = await call.pickAccount(accounts.map((a) => a.label));
    if (label === undefined) throw new CancelledError();
    return accounts.find((a) => a.label === label);
  }
}
