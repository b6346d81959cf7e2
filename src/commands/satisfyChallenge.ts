import * as vscode from "vscode";
import type { AuthService, TokenRequest } from "../auth/types";
import { secretKeyFor } from "../auth/secretStore";
import { claimsToSatisfy } from "../core/challenge";
import { diffTokenClaims } from "../core/claimsDiff";
import { InvalidArgumentError } from "../core/commandErrors";
import { draftOfProfile, requestFromDraft } from "../core/getTokenPlan";
import type { ChallengeStore } from "../tokens/challengeStore";
import type { ProfileStore } from "../tokens/profileStore";
import type { HeldToken, TokenStore } from "../tokens/tokenStore";
import { withCancellableProgress } from "../ui/progress";
import { reportRetryWaits } from "../ui/retryWait";

export interface SatisfyChallengeDeps {
  auth: () => AuthService;
  store: TokenStore;
  challenges: ChallengeStore;
  profiles: ProfileStore;
  showToken: () => void;
}

export interface SatisfyChallengeArgs {
  /** Sign in as this saved profile (name or id) instead of as the held token. */
  profile?: string;
}

/** A sign-in to answer the challenge with: where it comes from, and the token it is compared with. */
interface SignIn {
  label: string;
  request: TokenRequest;
  profileId?: string;
  before?: HeldToken;
}

/**
 * "Get a Token That Satisfies the Challenge": the current challenge's `claims` sent to Entra with the same sign-in
 * as the active token (or a saved profile), CAE-capable, interactive when Entra asks for it. The new token joins the
 * window's tokens with what changed compared with the one it answers for; the view shows it next to the challenge.
 */
export async function satisfyChallenge(deps: SatisfyChallengeDeps, args?: SatisfyChallengeArgs): Promise<void> {
  const held = deps.challenges.current;
  if (!held) throw new InvalidArgumentError("There is no challenge to satisfy: run Explain 401 Challenge on the API's 401 response first.");
  const claims = claimsToSatisfy(held.parsed);
  if (!claims) throw new InvalidArgumentError("This challenge carries no claims request (a valid claims parameter): a new token with the same sign-in is all it can ask for; use Get Fresh Token.");
  const signIn = await signInFor(deps, typeof args === "object" && args !== null ? args.profile : undefined);
  if (!signIn) return; // cancelled
  // CAE-capable: an API that sends claims challenges handles them, and its next challenge can then be answered too.
  // The claims stay with the request, so the token's renewals still meet the challenge.
  const request: TokenRequest = { ...signIn.request, enableCae: true, claims: claims.json };
  const acquired = await withCancellableProgress(`Azure Token: getting a token that satisfies the challenge (${signIn.label})…`,
    (signal, report) => deps.auth().acquire(request, { signal, interaction: "allowed", onRetryWait: reportRetryWaits(report) }));
  const added = deps.store.add({
    label: `${signIn.label} (challenge)`, source: "acquired", token: acquired.token, expiresOnMs: acquired.expiresOnTimestamp,
    refreshAfterMs: acquired.refreshAfterTimestamp, acquiredAtMs: Date.now(), request, profileId: signIn.profileId,
    expirySource: acquired.expirySource, answeredBy: acquired.answeredBy,
    changes: signIn.before ? diffTokenClaims(signIn.before.token, acquired.token) : undefined,
  });
  deps.challenges.answer(held.parsed, added.id);
  deps.showToken();
}

async function signInFor(deps: SatisfyChallengeDeps, profileArg: unknown): Promise<SignIn | undefined> {
  if (profileArg !== undefined) {
    const profile = typeof profileArg === "string" ? deps.profiles.find(profileArg) : undefined;
    if (!profile) throw new InvalidArgumentError(`Argument 'profile': ${typeof profileArg === "string" ? `there is no saved profile named or with id '${profileArg.slice(0, 80)}'` : "it must be a profile's name or id"}.`);
    return ofProfile(deps, profile.id);
  }
  const active = deps.store.active;
  if (active?.request) return { label: active.label, request: active.request, profileId: active.profileId, before: active };
  const profiles = deps.profiles.list();
  if (!profiles.length) {
    throw new InvalidArgumentError("No sign-in to answer the challenge with: get a token first (Get Azure Token) for the API, then satisfy the challenge with the same sign-in.");
  }
  const picked = await vscode.window.showQuickPick(profiles.map((p) => ({ label: p.name, description: p.scopes.join(" "), id: p.id })), {
    title: "Get a Token That Satisfies the Challenge", placeHolder: "Sign in as which profile?", ignoreFocusOut: true,
  });
  return picked && ofProfile(deps, picked.id);
}

function ofProfile(deps: SatisfyChallengeDeps, id: string): SignIn | undefined {
  const profile = deps.profiles.find(id);
  if (!profile) return undefined;
  const draft = draftOfProfile(profile);
  const before = [...deps.store.all()].reverse().find((t) => t.profileId === profile.id);
  return { label: profile.name, request: requestFromDraft(draft, secretKeyFor(draft)), profileId: profile.id, before };
}
