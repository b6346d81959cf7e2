// "Get Azure Token": a multi-step input (how to sign in → tenant → client id → … → scopes), or a saved profile,
// or command arguments (then only what is missing is asked). Signs in under a cancellable progress notification,
// holds the token in memory, remembers recents, and offers to save the answers as a profile.
import * as fs from "node:fs";
import * as vscode from "vscode";
import type { SecretBackend } from "../auth/secretStore";
import type { AcquiredToken, AuthService, AuthUi } from "../auth/types";
import { InvalidArgumentError } from "../core/commandErrors";
import { wellKnownResources } from "../core/resources";
import { relativeTime } from "../core/timeFormat";
import {
  credentialDescriptor, defaultProfileName, validateProfile, validateProfileName, type CredentialKind, type Profile,
} from "../core/profiles";
import { parseScopes, validateClientId, validateTenant } from "../core/validation";
import { readSettings, type Settings } from "../settings";
import type { ProfileStore } from "../tokens/profileStore";
import type { HeldToken, TokenStore } from "../tokens/tokenStore";
import { MultiStepInput, type InputStep, type StepItem } from "../ui/multiStepInput";
import { withCancellableProgress } from "../ui/progress";
import {
  clientIdNeed, draftDestination, draftOfProfile, emptyClientIdMeaning, emptyTenantMeaning, offeredKinds, parseGetTokenArgs,
  planSteps, requestFromDraft, secretKeyFor, tenantNeed, validateCertificatePath, validateLoginHint,
  type GetTokenArgs, type ParsedArgs, type ProfileDraft, type StepId,
} from "./getTokenPlan";

export type { GetTokenArgs } from "./getTokenPlan";

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
  secrets: SecretBackend;
  showToken: () => void;
  copy: (held: HeldToken) => Promise<unknown>;
  /** Device code display etc.; optional so the command works before the auth UI is wired. */
  authUi?: AuthUi;
}

const TITLE = "Get Azure Token";
const STEP_TITLES: Record<StepId, string> = {
  credential: "How to Sign In", tenant: "Tenant", clientId: "Client ID", certificate: "Certificate", secret: "Client Secret",
  scopes: "Scopes", loginHint: "Account",
};

/** What the prompts (or arguments, or a profile) answered so far. */
interface Answers {
  kind: CredentialKind;
  tenant: string;
  clientId: string;
  certificatePath: string;
  /** Held in memory until the sign-in succeeds; stored in SecretStorage just before it. */
  secret?: string;
  scopes: string[];
  loginHint: string;
  profile?: Profile;
}

export async function getToken(deps: GetTokenDeps, rawArgs?: GetTokenArgs): Promise<GetTokenResult | undefined> {
  const args = parseGetTokenArgs(rawArgs);
  if ("error" in args) throw new InvalidArgumentError(args.error);
  const settings = readSettings();
  const dest = draftDestination({ cloud: args.cloud ?? settings.cloud, authorityHost: settings.authorityHost });
  if ("error" in dest) throw new InvalidArgumentError(dest.error);

  let answers: Answers;
  let preset: Set<StepId>;
  if (args.profile) {
    const profile = deps.profiles.find(args.profile);
    if (!profile) throw new InvalidArgumentError(`Argument 'profile': there is no saved profile named or with id '${args.profile.slice(0, 80)}'.`);
    ({ answers, preset } = fromProfile(profile));
  } else if (args.describesRequest) {
    ({ answers, preset } = fromArgs(args, settings));
  } else {
    answers = { kind: "interactiveBrowser", tenant: "", clientId: "", certificatePath: "", scopes: [], loginHint: "" };
    preset = new Set();
  }
  const prompted = !args.profile && !args.describesRequest;
  const completed = await collect(deps, answers, preset, settings, dest);
  if (!completed) return undefined;

  const draft = answers.profile ? draftOfProfile(answers.profile) : toDraft(answers, dest);
  return acquire(deps, draft, answers, settings, { forceRefresh: args.forceRefresh, offerSave: prompted && !answers.profile });
}

function fromProfile(profile: Profile): { answers: Answers; preset: Set<StepId> } {
  return {
    answers: {
      kind: profile.credential, tenant: profile.tenant, clientId: profile.clientId ?? "", certificatePath: profile.certificatePath ?? "",
      scopes: profile.scopes, loginHint: profile.loginHint ?? "", profile,
    },
    preset: new Set<StepId>(["credential", "tenant", "clientId", "certificate", "scopes", "loginHint"]),
  };
}

/** Arguments answer their steps; optional steps left out stay empty; required ones fall back to settings, then prompts. */
function fromArgs(args: ParsedArgs, settings: Settings): { answers: Answers; preset: Set<StepId> } {
  const kind = args.credential ?? "interactiveBrowser";
  const preset = new Set<StepId>(["credential", "loginHint"]);
  const answers: Answers = { kind, tenant: "", clientId: "", certificatePath: "", scopes: [], loginHint: args.loginHint ?? "" };
  const tenant = args.tenant ?? (tenantNeed(kind) === "required" && validateTenant(settings.defaultTenant) === undefined ? settings.defaultTenant : undefined);
  if (tenant !== undefined || tenantNeed(kind) !== "required") {
    answers.tenant = tenant ?? "";
    preset.add("tenant");
  }
  const clientId = args.clientId ?? (clientIdNeed(kind) === "required" && validateClientId(settings.defaultClientId) === undefined ? settings.defaultClientId : undefined);
  if (clientId !== undefined || clientIdNeed(kind) !== "required") {
    answers.clientId = clientId ?? "";
    preset.add("clientId");
  }
  const defaults = parseScopes(settings.defaultScopes.join(" "));
  const scopes = args.scopes ?? (settings.defaultScopes.length && "scopes" in defaults ? defaults.scopes : undefined);
  if (scopes) {
    answers.scopes = scopes;
    preset.add("scopes");
  }
  return { answers, preset };
}

function toDraft(a: Answers, dest: { cloud: ProfileDraft["cloud"]; authorityHost?: string }): ProfileDraft {
  const draft = toDraftLoose(a, dest);
  if (a.loginHint.trim()) draft.loginHint = a.loginHint.trim();
  if (a.certificatePath.trim()) draft.certificatePath = a.certificatePath.trim();
  const check = validateProfile({ ...draft, id: "draft", name: "draft" });
  if ("error" in check) throw new InvalidArgumentError(`This request ${check.error}.`);
  return draft;
}

/** The draft as far as it is answered (no validation): for the secret key while the prompts are still running. */
function toDraftLoose(a: Answers, dest: { cloud: ProfileDraft["cloud"]; authorityHost?: string }): ProfileDraft {
  const draft: ProfileDraft = { credential: a.kind, cloud: dest.cloud, tenant: a.tenant.trim(), scopes: a.scopes };
  if (dest.authorityHost) draft.authorityHost = dest.authorityHost;
  if (a.clientId.trim()) draft.clientId = a.clientId.trim().toLowerCase();
  return draft;
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

/** Quick-pick items for a value step; a value offered twice (any case) keeps its first label. */
function uniqueValueItems(): { items: ValueItem[]; add: (value: string, label: string, description: string, detail?: string) => void } {
  const items: ValueItem[] = [];
  const add = (value: string, label: string, description: string, detail?: string) => {
    if (!items.some((i) => i.value.toLowerCase() === value.toLowerCase())) items.push({ label, description, detail, value });
  };
  return { items, add };
}

/** Asks for every step of the plan that is not preset. Resolves false when the user cancelled. */
async function collect(
  deps: GetTokenDeps, answers: Answers, preset: Set<StepId>, settings: Settings, dest: { cloud: ProfileDraft["cloud"]; authorityHost?: string },
): Promise<boolean> {
  const cloud = dest.cloud;
  let secretStored = false;
  const refreshSecretStored = async () => {
    const d = credentialDescriptor(answers.kind);
    if (!d.needsSecret && !d.needsCertificate) return;
    const key = secretKeyFor({ ...(answers.profile ? draftOfProfile(answers.profile) : toDraftLoose(answers, dest)), scopes: [] });
    secretStored = key !== undefined && (await deps.secrets.get(key)) !== undefined;
  };
  const plan = () => planSteps(answers.kind, { secretStored }).filter((id) => !preset.has(id));
  const position = (id: StepId) => {
    const steps = plan();
    const name = id === "secret" && answers.kind === "clientCertificate" ? "Certificate Password" : STEP_TITLES[id];
    return { title: `${TITLE}: ${name}`, step: steps.indexOf(id) + 1, totalSteps: steps.length };
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
        const profiles = deps.profiles.list();
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
        for (const kind of offeredKinds({ remoteName: vscode.env.remoteName, env: process.env })) {
          const d = credentialDescriptor(kind);
          items.push({ label: d.label, detail: d.description, credential: kind });
        }
        const chosen = await input.pick<FirstStepItem & StepItem>({
          ...position("credential"), items, placeholder: "How do you want to sign in? (or re-run a saved profile)",
          activeItem: items.find((i) => i.credential === answers.kind && !answers.profile),
        });
        if (chosen.item.profile) {
          const picked = fromProfile(chosen.item.profile);
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
        const need = tenantNeed(answers.kind);
        const { items, add } = uniqueValueItems();
        if (need === "optional") add("", "$(circle-slash) Leave empty", `use ${emptyTenantMeaning(answers.kind)}`);
        if (answers.tenant) add(answers.tenant, answers.tenant, "current");
        if (settings.defaultTenant && !validateTenant(settings.defaultTenant)) add(settings.defaultTenant, settings.defaultTenant, "default (azureToken.defaultTenant)");
        for (const t of recents.tenants) add(t, t, "recent");
        add("organizations", "organizations", "any work or school account");
        add("common", "common", "work, school or personal Microsoft account");
        const chosen = await input.pick<ValueItem>({
          ...position("tenant"), items,
          placeholder: `Tenant${need === "optional" ? " (optional)" : ""}: type a GUID, a domain (contoso.onmicrosoft.com), organizations, common or consumers`,
          activeItem: items[0],
          typed: (v) => typedItem(v, validateTenant, "tenant"),
        });
        answers.tenant = chosen.item.value;
        return next("tenant");
      }
      case "clientId": {
        const need = clientIdNeed(answers.kind);
        const { items, add } = uniqueValueItems();
        if (need === "optional") add("", "$(circle-slash) Leave empty", emptyClientIdMeaning(answers.kind));
        if (answers.clientId) add(answers.clientId, answers.clientId, "current");
        if (settings.defaultClientId && !validateClientId(settings.defaultClientId)) add(settings.defaultClientId, settings.defaultClientId, "default (azureToken.defaultClientId)");
        for (const c of recents.clientIds) add(c, c, "recent");
        const chosen = await input.pick<ValueItem>({
          ...position("clientId"), items,
          placeholder: need === "optional"
            ? `Client ID of your own app registration (optional; when empty, ${emptyClientIdMeaning(answers.kind)})`
            : "Client ID of the app registration (a GUID)",
          activeItem: items[need === "optional" && items.length > 1 ? 1 : 0],
          typed: (v) => typedItem(v, validateClientId, "client ID"),
        });
        answers.clientId = chosen.item.value;
        return next("clientId");
      }
      case "certificate": {
        answers.certificatePath = await input.input({
          ...position("certificate"), value: answers.certificatePath,
          prompt: "Path of the PEM file with the app's certificate and private key (only the path is saved; a password, if any, goes to secret storage)",
          validate: (v) => validateCertificatePath(v) ?? (fs.existsSync(v.trim()) ? undefined : `There is no file at ${v.trim()}.`),
        });
        return next("certificate");
      }
      case "secret": {
        if (answers.kind === "clientCertificate") {
          // Optional: an unencrypted PEM needs none. A password is kept in secret storage, like a client secret.
          answers.secret = await input.input({
            ...position("secret"), value: "", password: true,
            prompt: "Password of the PEM file's private key; leave empty when the key is not encrypted (kept in VS Code's secret storage)",
            validate: (v) => (/[\u0000-\u001f\u007f-\u009f]/.test(v) ? "A password has no line breaks or control characters." : undefined),
          });
          return next("secret");
        }
        answers.secret = await input.input({
          ...position("secret"), value: "", password: true,
          prompt: `Client secret of app ${answers.clientId} in ${answers.tenant}: kept in VS Code's secret storage, never in settings or profiles`,
          validate: (v) => (v.length === 0 ? "Enter the client secret (Certificates & secrets → Client secrets → Value)." :
            /[\s\u0000-\u001f\u007f-\u009f]/.test(v) ? "A client secret has no spaces, line breaks or control characters; copy the Value column, not the Secret ID." : undefined),
        });
        return next("secret");
      }
      case "scopes": {
        const { items, add } = uniqueValueItems();
        if (answers.scopes.length) add(answers.scopes.join(" "), answers.scopes.join(" "), "current");
        for (const s of recents.scopes) add(s, s, "recent");
        if (settings.defaultScopes.length) add(settings.defaultScopes.join(" "), settings.defaultScopes.join(" "), "default (azureToken.defaultScopes)");
        for (const r of wellKnownResources(cloud)) add(r.scope, r.label, r.scope, r.description);
        const chosen = await input.pick<ValueItem>({
          ...position("scopes"), items, matchOnDescription: true,
          placeholder: "Scopes: pick a resource, or type scopes (https://…/.default, api://…/Permission, or a resource URL)",
          activeItem: items[0],
          typed: (v) => {
            if (!v.trim()) return undefined;
            const parsed = parseScopes(v);
            if ("error" in parsed) return { label: v, description: "typed", detail: `$(error) ${parsed.error}`, value: v, invalid: parsed.error };
            const hint = parsed.hints.length ? ` ${parsed.hints.join(" ")}` : "";
            return { label: v, description: "typed", detail: `Requests ${parsed.scopes.join(" ")}.${hint}`, value: parsed.scopes.join(" ") };
          },
        });
        const parsed = parseScopes(chosen.item.value);
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

function typedItem(value: string, validate: (v: string) => string | undefined, what: string): ValueItem | undefined {
  if (value === "") return undefined;
  const problem = validate(value);
  return problem
    ? { label: value, description: "typed", detail: `$(error) ${problem}`, value, invalid: problem }
    : { label: value, description: "typed", detail: `Press Enter to use this ${what}.`, value };
}

// ---------------------------------------------------------------------------------------------------------------
// Sign-in and what follows

async function acquire(
  deps: GetTokenDeps, draft: ProfileDraft, answers: Answers, settings: Settings, options: { forceRefresh: boolean; offerSave: boolean },
): Promise<GetTokenResult> {
  const request = requestFromDraft(draft);
  const descriptor = credentialDescriptor(draft.credential);
  let storedNewSecret = false;
  if (request.secretKey && answers.secret) {
    await deps.secrets.store(request.secretKey, answers.secret);
    storedNewSecret = true;
  } else if (descriptor.needsSecret && request.secretKey && (await deps.secrets.get(request.secretKey)) === undefined) {
    throw new InvalidArgumentError(`No client secret is stored for app ${draft.clientId} in ${draft.tenant}; run Get Azure Token from the palette to enter it.`);
  }
  const tenantText = draft.tenant || emptyTenantMeaning(draft.credential);
  const clientText = draft.clientId ?? "its default client";
  let acquired: AcquiredToken;
  try {
    acquired = await withCancellableProgress(
      `Azure Token: signing in to ${tenantText} with ${clientText} (${descriptor.label})…`,
      (signal) => deps.auth().acquire(request, { signal, forceRefresh: options.forceRefresh, interaction: "allowed", ui: deps.authUi }),
    );
  } catch (e) {
    // Nothing half-done: a secret typed for this attempt leaves storage again.
    if (storedNewSecret && request.secretKey) await deps.secrets.delete(request.secretKey);
    throw e;
  }
  const label = answers.profile?.name ?? defaultProfileName(draft);
  const held = deps.store.add({
    label, source: "acquired", token: acquired.token, expiresOnMs: acquired.expiresOnTimestamp, refreshAfterMs: acquired.refreshAfterTimestamp,
    acquiredAtMs: Date.now(), request, profileId: answers.profile?.id, expirySource: acquired.expirySource, answeredBy: acquired.answeredBy,
  });
  await deps.profiles.recordRecents({ tenant: draft.tenant, clientId: draft.clientId, scopes: draft.scopes });
  if (answers.profile) await deps.profiles.touch(answers.profile.id);
  afterSuccess(deps, held, draft, settings, options.offerSave && !deps.profiles.findSame(draft));
  const result: GetTokenResult = {
    token: acquired.token, expiresOnTimestamp: acquired.expiresOnTimestamp, tenant: draft.tenant, clientId: draft.clientId ?? "",
    scopes: [...draft.scopes], credential: draft.credential,
  };
  if (acquired.answeredBy) result.answeredBy = acquired.answeredBy;
  return result;
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
      await saveAsProfile(deps.profiles, draft);
    }
  });
}

export async function saveAsProfile(profiles: ProfileStore, draft: ProfileDraft): Promise<Profile | undefined> {
  const taken = new Set(profiles.list().map((p) => p.name.toLowerCase()));
  const name = await vscode.window.showInputBox({
    title: "Save as Profile", value: defaultProfileName(draft), ignoreFocusOut: true,
    prompt: "Name of the profile (credential kind, cloud, tenant, client ID and scopes are saved; never a secret)",
    validateInput: (v) => validateProfileName(v) ?? (taken.has(v.trim().toLowerCase()) ? `A profile named '${v.trim()}' already exists; choose another name.` : undefined),
  });
  if (name === undefined) return undefined;
  const saved = await profiles.save(draft, name);
  void vscode.window.showInformationMessage(`Azure Token: saved profile '${saved.name}'. It is listed first in Get Azure Token.`);
  return saved;
}
