// "Get Azure Token": a multi-step input (how to sign in → tenant → client id → … → scopes), or a saved profile,
// or command arguments (then only what is missing is asked). Signs in under a cancellable progress notification,
// holds the token in memory, remembers recents, and offers to save the answers as a profile.
import * as fs from "node:fs";
import * as vscode from "vscode";
import { secretKeyFor } from "../auth/secretStore";
import type { KnownSecret, SecretVault } from "../auth/secretVault";
import type { AcquiredToken, AuthService, AuthUi } from "../auth/types";
import { isRejectedSecret } from "../core/authErrors";
import { InvalidArgumentError, RecoverableError } from "../core/commandErrors";
import {
  clientIdStep, draftFromAnswers, draftSoFar, freshStart, scopesStep, secretChoiceStep, startFromArgs, startFromProfile, stepTitle, tenantStep,
  typedScopes, typedValue, type Answers, type ChoiceStep, type DraftDestination, type StartingPoint,
} from "../core/getTokenAnswers";
import {
  draftDestination, draftOfProfile, emptyTenantMeaning, offeredKinds, parseGetTokenArgs, planSteps, requestFromDraft,
  validateAssertionFile, validateCertificatePassword, validateCertificatePath, validateClientSecret, validateLoginHint, type GetTokenArgs, type ProfileDraft,
  type SecretSource, type StepId,
} from "../core/getTokenPlan";
import { credentialDescriptor, defaultProfileName, validateProfileName, type CredentialKind, type Profile } from "../core/profiles";
import { relativeTime } from "../core/timeFormat";
import type { ReleaseGate } from "../core/tokenRelease";
import { parseScopes } from "../core/validation";
import { readSettings, type Settings } from "../settings";
import type { ProfileStore } from "../tokens/profileStore";
import type { HeldToken, TokenStore } from "../tokens/tokenStore";
import { MultiStepInput, type InputStep, type StepItem } from "../ui/multiStepInput";
import { withCancellableProgress } from "../ui/progress";
import { reportRetryWaits } from "../ui/retryWait";
import { askIncomingToken } from "./incomingTokenStep";

export type { GetTokenArgs } from "../core/getTokenPlan";

export interface GetTokenResult {
  token: string;
  expiresOnTimestamp: number;
  tenant: string;
  clientId: string;
  scopes: string[];
  credential: CredentialKind;
  /** Which credential answered (DefaultAzureCredential chains), when the auth layer knows. */
  answeredBy?: string;
}

export interface GetTokenDeps {
  auth: () => AuthService;
  store: TokenStore;
  profiles: ProfileStore;
  /** The secrets' lifecycle: what the secret step offers, what a sign-in keeps (auth/secretVault.ts). */
  secrets: SecretVault;
  showToken: () => void;
  copy: (held: HeldToken) => Promise<unknown>;
  /** Device code display etc.; optional so the command works before the auth UI is wired. */
  authUi?: AuthUi;
  /**
   * Set when the result goes to a caller (the command with arguments, the exported API): the token leaves only if the
   * gate lets it (azureToken.tokenRelease, the consent modal). It decides before the sign-in, so a denied caller
   * costs no sign-in; a denial throws TokenReleaseDeniedError.
   */
  release?: ReleaseGate;
  /** A task's token (Token for Task): held and counted down in the status bar, but no view or notification opens. */
  quiet?: boolean;
}

/** `kinds`: offer only these sign-ins (and the profiles using them) on the first step, e.g. Exchange Token On-Behalf-Of. */
export interface GetTokenOptions {
  kinds?: readonly CredentialKind[];
}

export async function getToken(deps: GetTokenDeps, rawArgs?: GetTokenArgs, options: GetTokenOptions = {}): Promise<GetTokenResult | undefined> {
  deps.release?.precheck();
  const args = parseGetTokenArgs(rawArgs);
  if ("error" in args) throw new InvalidArgumentError(args.error);
  const settings = readSettings();
  const dest = draftDestination({ cloud: args.cloud ?? settings.cloud, authorityHost: settings.authorityHost });
  if ("error" in dest) throw new InvalidArgumentError(dest.error);

  let start: StartingPoint;
  if (args.profile) {
    const profile = deps.profiles.find(args.profile);
    if (!profile) throw new InvalidArgumentError(`Argument 'profile': there is no saved profile named or with id '${args.profile.slice(0, 80)}'.`);
    start = startFromProfile(profile);
  } else {
    start = args.describesRequest ? startFromArgs(args, settings) : freshStart();
  }
  const { answers } = start;
  const prompted = !args.profile && !args.describesRequest;
  const completed = await collect(deps, start, settings, dest, options);
  if (!completed) return undefined;

  const draft = answers.profile ? draftOfProfile(answers.profile) : draftFromAnswers(answers, dest);
  if ("error" in draft) throw new InvalidArgumentError(draft.error);
  return acquire(deps, draft, answers, settings, { forceRefresh: args.forceRefresh, offerSave: prompted && !answers.profile });
}

// ---------------------------------------------------------------------------------------------------------------
// The prompts

interface ValueItem extends StepItem {
  value: string;
}
interface FirstStepItem extends vscode.QuickPickItem {
  kind?: vscode.QuickPickItemKind;
  credential?: CredentialKind;
  profile?: Profile;
}

/** Asks for every step of the plan that is not preset. Resolves false when the user cancelled. */
async function collect(deps: GetTokenDeps, start: StartingPoint, settings: Settings, dest: DraftDestination, options: GetTokenOptions): Promise<boolean> {
  const offered = (kind: CredentialKind) => !options.kinds || options.kinds.includes(kind);
  const { answers, preset } = start;
  // A secret known for the tenant and client is offered, never used silently; only a profile run uses its own.
  let known: KnownSecret | undefined;
  let secretSource: SecretSource = "ask";
  const refreshSecretStored = async () => {
    const d = credentialDescriptor(answers.kind);
    if (!d.needsSecret && !d.needsCertificate) return;
    known = await deps.secrets.known(secretKeyFor({ ...(answers.profile ? draftOfProfile(answers.profile) : draftSoFar(answers, dest)), scopes: [] }));
    secretSource = !known ? "ask" : answers.profile && known === "stored" ? "own" : "offer";
  };
  const plan = () => planSteps(answers.kind, { secret: secretSource, useKnown: answers.useKnownSecret }).filter((id) => !preset.has(id));
  const position = (id: StepId) => {
    const steps = plan();
    return { title: stepTitle(id, answers.kind), step: steps.indexOf(id) + 1, totalSteps: steps.length };
  };
  const next = async (after: StepId | undefined): Promise<InputStep | void> => {
    await refreshSecretStored();
    const steps = plan();
    const nextId = after === undefined ? steps[0] : steps[steps.indexOf(after) + 1];
    return nextId ? stepFor(nextId) : undefined;
  };
  const recents = deps.profiles.recents();

  const stepFor = (id: StepId): InputStep => async (input) => {
    switch (id) {
      case "credential": {
        const items: FirstStepItem[] = [];
        const profiles = deps.profiles.list().filter((p) => offered(p.credential));
        if (profiles.length) {
          items.push({ label: "Saved profiles", kind: vscode.QuickPickItemKind.Separator });
          for (const p of profiles) {
            items.push({
              label: `$(bookmark) ${p.name}`,
              description: `${credentialDescriptor(p.credential).shortLabel} · ${p.tenant || "default tenant"}`,
              detail: p.scopes.join(" "),
              profile: p,
            });
          }
          items.push({ label: "Sign in with", kind: vscode.QuickPickItemKind.Separator });
        }
        for (const kind of offeredKinds({ remoteName: vscode.env.remoteName, env: process.env }).filter(offered)) {
          const d = credentialDescriptor(kind);
          items.push({ label: d.label, detail: d.description, credential: kind });
        }
        const chosen = await input.pick<FirstStepItem & StepItem>({
          ...position("credential"), items, placeholder: "How do you want to sign in? (or re-run a saved profile)",
          activeItem: items.find((i) => i.credential === answers.kind && !answers.profile),
        });
        if (chosen.item.profile) {
          const picked = startFromProfile(chosen.item.profile);
          Object.assign(answers, picked.answers);
          for (const s of picked.preset) preset.add(s);
          await refreshSecretStored();
          return plan().length > 1 ? next("credential") : undefined;
        }
        answers.profile = undefined;
        if (chosen.item.credential) answers.kind = chosen.item.credential;
        return next("credential");
      }
      case "tenant": {
        answers.tenant = (await pickValue(input, position("tenant"), tenantStep(answers, settings, recents), (v) => typedValue("tenant", v))).value;
        return next("tenant");
      }
      case "clientId": {
        answers.clientId = (await pickValue(input, position("clientId"), clientIdStep(answers, settings, recents), (v) => typedValue("clientId", v))).value;
        return next("clientId");
      }
      case "incomingToken": {
        answers.incomingToken = await askIncomingToken(input, position("incomingToken"), answers);
        return next("incomingToken");
      }
      case "assertion": {
        answers.assertionFile = await input.input({
          ...position("assertion"), value: answers.assertionFile,
          prompt: "Path of a file holding the client assertion (a signed JWT; only the path is saved), or leave empty to run the command in the azureToken.clientAssertionCommand user setting",
          validate: (v) => validateAssertionFile(v) ?? (!v.trim() || fs.existsSync(v.trim()) ? undefined : `There is no file at ${v.trim()}.`),
        });
        return next("assertion");
      }
      case "certificate": {
        answers.certificatePath = await input.input({
          ...position("certificate"), value: answers.certificatePath,
          prompt: "Path of the PEM file with the app's certificate and private key (only the path is saved; a password, if any, goes to secret storage)",
          validate: (v) => validateCertificatePath(v) ?? (fs.existsSync(v.trim()) ? undefined : `There is no file at ${v.trim()}.`),
        });
        return next("certificate");
      }
      case "secretChoice": {
        const chosen = await pickValue(input, position("secretChoice"), secretChoiceStep(answers.kind, known ?? "stored"), () => undefined);
        answers.useKnownSecret = chosen.value === "use";
        if (answers.useKnownSecret) answers.secret = undefined;
        return next("secretChoice");
      }
      case "secret": {
        if (credentialDescriptor(answers.kind).needsCertificate) {
          // Optional: an unencrypted PEM needs none. A password is kept in secret storage, like a client secret.
          answers.secret = await input.input({
            ...position("secret"), value: "", password: true,
            prompt: "Password of the PEM file's private key; leave empty when the key is not encrypted (kept in VS Code's secret storage when a saved profile uses it)",
            validate: validateCertificatePassword,
          });
          return next("secret");
        }
        answers.secret = await input.input({
          ...position("secret"), value: "", password: true,
          prompt: `Client secret of app ${answers.clientId} in ${answers.tenant}: kept in VS Code's secret storage when a saved profile uses it, else in memory for this window; never in settings or profiles`,
          validate: validateClientSecret,
        });
        return next("secret");
      }
      case "scopes": {
        const chosen = await pickValue(input, position("scopes"), scopesStep(answers, settings, recents, dest.cloud), typedScopes, { matchOnDescription: true });
        const parsed = parseScopes(chosen.value);
        if ("error" in parsed) return stepFor("scopes");
        answers.scopes = parsed.scopes;
        return next("scopes");
      }
      case "loginHint": {
        answers.loginHint = await input.input({
          ...position("loginHint"), value: answers.loginHint,
          prompt: "Account to preselect at sign-in, e.g. user@contoso.com (optional: press Enter to choose in the browser)",
          validate: validateLoginHint,
        });
        return next("loginHint");
      }
    }
  };

  const first = await next(undefined);
  return first ? MultiStepInput.run(first) : true;
}

/** Shows a value step (its choices from core/getTokenAnswers.ts) and resolves the chosen or typed row. */
async function pickValue(
  input: MultiStepInput, position: { title: string; step: number; totalSteps: number }, step: ChoiceStep,
  typed: (value: string) => ValueItem | undefined, options: { matchOnDescription?: boolean } = {},
): Promise<ValueItem> {
  const items: ValueItem[] = step.choices.map((c) => ({ ...c }));
  const chosen = await input.pick<ValueItem>({ ...position, ...options, items, placeholder: step.placeholder, activeItem: items[step.activeIndex], typed });
  return chosen.item;
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in and what follows

async function acquire(
  deps: GetTokenDeps, draft: ProfileDraft, answers: Answers, settings: Settings, options: { forceRefresh: boolean; offerSave: boolean },
): Promise<GetTokenResult> {
  const request = requestFromDraft(draft, secretKeyFor(draft));
  if (settings.caeTokens) request.enableCae = true;
  // A caller's run: decided (and asked) before anything is stored or signed in.
  const released = deps.release ? await deps.release.approve(request) : undefined;
  const descriptor = credentialDescriptor(draft.credential);
  const typed = answers.useKnownSecret ? undefined : answers.secret;
  if (descriptor.needsSecret && request.secretKey && typed === undefined && (await deps.secrets.get(request.secretKey)) === undefined) {
    throw new InvalidArgumentError(`No client secret is known for app ${draft.clientId} in ${draft.tenant}; run Get Azure Token from the palette to enter it.`);
  }
  // A typed secret is only pending until the sign-in settles: kept if it works, gone if not.
  const attempt = deps.secrets.begin(request.secretKey, typed);
  const tenantText = draft.tenant || emptyTenantMeaning(draft.credential);
  const clientText = draft.clientId ?? "its default client";
  let acquired: AcquiredToken;
  try {
    acquired = await withCancellableProgress(
      `Azure Token: signing in to ${tenantText} with ${clientText} (${descriptor.label})…`,
      (signal, report) => deps.auth().acquire(request, {
        signal, forceRefresh: options.forceRefresh, interaction: "allowed", ui: deps.authUi, onRetryWait: reportRetryWaits(report),
        userAssertion: answers.incomingToken,
      }),
    );
  } catch (e) {
    attempt.failed();
    // Entra refused the secret itself (wrong, expired): the message offers to enter a new one, on the user's own runs.
    if (!deps.release && descriptor.needsSecret && isRejectedSecret(e)) {
      throw new RecoverableError(e, { label: ENTER_NEW_SECRET, run: () => retryWithNewSecret(deps, draft, answers, settings, options) });
    }
    throw e;
  }
  await attempt.succeeded();
  const label = answers.profile?.name ?? defaultProfileName(draft);
  const held = deps.store.add({
    label, source: "acquired", token: acquired.token, expiresOnMs: acquired.expiresOnTimestamp, refreshAfterMs: acquired.refreshAfterTimestamp,
    acquiredAtMs: Date.now(), request, profileId: answers.profile?.id, expirySource: acquired.expirySource, answeredBy: acquired.answeredBy,
    ...(answers.incomingToken && { onBehalfOf: { incoming: answers.incomingToken } }),
  });
  await deps.profiles.recordRecents({ tenant: draft.tenant, clientId: draft.clientId, scopes: draft.scopes });
  if (answers.profile) await deps.profiles.touch(answers.profile.id);
  if (!deps.quiet) afterSuccess(deps, held, draft, settings, options.offerSave && !deps.profiles.findSame(draft));
  const result: GetTokenResult = {
    token: acquired.token, expiresOnTimestamp: acquired.expiresOnTimestamp, tenant: draft.tenant, clientId: draft.clientId ?? "",
    scopes: [...draft.scopes], credential: draft.credential,
  };
  if (acquired.answeredBy) result.answeredBy = acquired.answeredBy;
  released?.();
  return result;
}

export const ENTER_NEW_SECRET = "Enter a new secret";

/** After Entra refused the secret: asks for a new one and signs in again; on success it replaces the known one. */
async function retryWithNewSecret(
  deps: GetTokenDeps, draft: ProfileDraft, answers: Answers, settings: Settings, options: { forceRefresh: boolean; offerSave: boolean },
): Promise<GetTokenResult | undefined> {
  const secret = await vscode.window.showInputBox({
    title: `Azure Token: New Client Secret for ${answers.profile?.name ?? defaultProfileName(draft)}`, password: true, ignoreFocusOut: true,
    prompt: `New client secret of app ${draft.clientId} in ${draft.tenant} (the Value column): it replaces the refused one once the sign-in works`,
    validateInput: validateClientSecret,
  });
  if (secret === undefined) return undefined;
  return acquire(deps, draft, { ...answers, secret, useKnownSecret: false }, settings, options);
}

const SHOW = "Show";
const COPY = "Copy";
const SAVE = "Save as Profile…";

/** Opens the token view (or notifies with Show / Copy, per azureToken.afterAcquire) and offers to save a profile. */
function afterSuccess(deps: GetTokenDeps, held: HeldToken, draft: ProfileDraft, settings: Settings, offerSave: boolean): void {
  const buttons: string[] = [];
  if (settings.afterAcquire === "showView") deps.showToken();
  else buttons.push(SHOW, COPY);
  if (offerSave) buttons.push(SAVE);
  if (!buttons.length) return;
  const expires = held.expiresOnMs ? `, ${relativeTime(Math.floor(held.expiresOnMs / 1000), Date.now(), "expiry")}` : "";
  void vscode.window.showInformationMessage(`Azure Token: got a token for ${held.label}${expires}.`, ...buttons).then(async (choice) => {
    if (choice === SHOW) {
      deps.store.setActive(held.id);
      deps.showToken();
    } else if (choice === COPY) {
      await deps.copy(held);
    } else if (choice === SAVE) {
      await saveAsProfile(deps.profiles, draft, deps.secrets);
    }
  });
}

/** Saves the draft as a profile; the secret it used, held for this window until now, moves to secret storage. */
export async function saveAsProfile(profiles: ProfileStore, draft: ProfileDraft, secrets: SecretVault): Promise<Profile | undefined> {
  const taken = new Set(profiles.list().map((p) => p.name.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title: "Save as Profile", value: defaultProfileName(draft), ignoreFocusOut: true,
    prompt: "Name of the profile (credential kind, cloud, tenant, client ID and scopes are saved; never a secret)",
    validateInput: (v) => validateProfileName(v) ?? (taken.has(v.trim().toLowerCase()) ? `A profile named '${v.trim()}' already exists; choose another name.` : undefined),
  });
  if (name === undefined) return undefined;
  const saved = await profiles.save(draft, name);
  await secrets.adopt(secretKeyFor(draft));
  void vscode.window.showInformationMessage(`Azure Token: saved profile '${saved.name}'. It is listed first in Get Azure Token.`);
  return saved;
}
