// What "Get Azure Token" knows before and while it asks: where the answers come from (a saved profile, command
// arguments, the azureToken.default* settings), what each value step offers (current, defaults, recents,
// well-known values) and how a typed value reads, and the draft the answers make. Pure data in, data out: the
// command (commands/getToken.ts) only shows these steps and signs in.
import type { Cloud } from "./clouds";
import {
  clientIdNeed, emptyClientIdMeaning, emptyTenantMeaning, tenantNeed, type ParsedArgs, type ProfileDraft, type StepId,
} from "./getTokenPlan";
import { credentialDescriptor, validateProfile, type CredentialKind, type Profile } from "./profiles";
import { wellKnownResources } from "./resources";
import { parseScopes, validateClientId, validateTenant } from "./validation";

/** What the prompts (or arguments, or a profile) answered so far. */
export interface Answers {
  kind: CredentialKind;
  tenant: string;
  clientId: string;
  certificatePath: string;
  /** clientAssertion: the assertion's file; empty = azureToken.clientAssertionCommand. */
  assertionFile: string;
  /** On-behalf-of: the user token the middle tier received. Held in memory only (with the downstream token). */
  incomingToken?: string;
  /** Typed for this attempt; kept only after the sign-in succeeds (auth/secretVault.ts). */
  secret?: string;
  /** The secret step's choice: use the secret already known for this tenant and client instead of typing one. */
  useKnownSecret?: boolean;
  scopes: string[];
  loginHint: string;
  profile?: Profile;
}

/** Answers and the steps they already settle (not asked). */
export interface StartingPoint {
  answers: Answers;
  preset: Set<StepId>;
}

/** The settings that answer or pre-fill steps (azureToken.defaultTenant, defaultClientId, defaultScopes). */
export interface PromptDefaults {
  defaultTenant: string;
  defaultClientId: string;
  defaultScopes: string[];
}

/** Values used before, offered again (tokens/recents.ts keeps them). */
export interface RecentValues {
  tenants: readonly string[];
  clientIds: readonly string[];
  scopes: readonly string[];
}

/** Where sign-in goes: the cloud and, for a custom authority, its host. */
export interface DraftDestination {
  cloud: Cloud;
  authorityHost?: string;
}

export const GET_TOKEN_TITLE = "Get Azure Token";
const STEP_TITLES: Record<StepId, string> = {
  credential: "How to Sign In", tenant: "Tenant", clientId: "Client ID", incomingToken: "Incoming Token", assertion: "Client Assertion",
  certificate: "Certificate", secretChoice: "Secret to Use", secret: "Client Secret", scopes: "Scopes", loginHint: "Account",
};

/** "Get Azure Token: Tenant"; the secret steps of a kind that signs with a certificate ask for its password. */
export function stepTitle(id: StepId, kind: CredentialKind): string {
  const certificate = credentialDescriptor(kind).needsCertificate;
  if (certificate && id === "secret") return `${GET_TOKEN_TITLE}: Certificate Password`;
  if (certificate && id === "secretChoice") return `${GET_TOKEN_TITLE}: Password to Use`;
  return `${GET_TOKEN_TITLE}: ${STEP_TITLES[id]}`;
}

/** The words of a secret offer: "secret", or "password" for a certificate's. */
function secretNoun(kind: CredentialKind): string {
  return credentialDescriptor(kind).needsCertificate ? "password" : "secret";
}

/**
 * The choice offered when a secret is already known for the tenant and client: use it, or enter a new one (a rotated
 * secret). `value` is "use" or "new".
 */
export function secretChoiceStep(kind: CredentialKind, known: "stored" | "held"): ChoiceStep {
  const noun = secretNoun(kind);
  const use: Choice = known === "stored"
    ? { label: `$(key) Use the stored ${noun}`, description: "VS Code's secret storage", detail: `The ${noun} a saved profile of this app and tenant keeps.`, value: "use" }
    : { label: `$(key) Use the ${noun} entered earlier`, description: "this window only", detail: `Entered earlier in this window for this app and tenant; held in memory, never on disk.`, value: "use" };
  const fresh: Choice = { label: `$(edit) Enter a new ${noun}`, description: "", detail: `A rotated ${noun}: it replaces the known one once the sign-in works.`, value: "new" };
  return { choices: [use, fresh], placeholder: `A ${noun} is known for this app and tenant: use it, or enter a new one`, activeIndex: 0 };
}

/** Nothing answered yet: the palette run. */
export function freshStart(): StartingPoint {
  return { answers: { kind: "interactiveBrowser", tenant: "", clientId: "", certificatePath: "", assertionFile: "", scopes: [], loginHint: "" }, preset: new Set() };
}

/** A saved profile answers every step but a secret that is not stored. */
export function startFromProfile(profile: Profile): StartingPoint {
  return {
    answers: {
      kind: profile.credential, tenant: profile.tenant, clientId: profile.clientId ?? "", certificatePath: profile.certificatePath ?? "",
      assertionFile: profile.assertionFile ?? "", scopes: profile.scopes, loginHint: profile.loginHint ?? "", profile,
    },
    // An on-behalf-of profile still asks for the incoming token: it is never stored.
    preset: new Set<StepId>(["credential", "tenant", "clientId", "assertion", "certificate", "scopes", "loginHint"]),
  };
}

/** Arguments answer their steps; optional steps left out stay empty; required ones fall back to settings, then prompts. */
export function startFromArgs(args: ParsedArgs, defaults: PromptDefaults): StartingPoint {
  const kind = args.credential ?? "interactiveBrowser";
  const preset = new Set<StepId>(["credential", "loginHint"]);
  const answers: Answers = { kind, tenant: "", clientId: "", certificatePath: "", assertionFile: "", scopes: [], loginHint: args.loginHint ?? "" };
  const tenant = args.tenant ?? (tenantNeed(kind) === "required" && validateTenant(defaults.defaultTenant) === undefined ? defaults.defaultTenant : undefined);
  if (tenant !== undefined || tenantNeed(kind) !== "required") {
    answers.tenant = tenant ?? "";
    preset.add("tenant");
  }
  const clientId = args.clientId ?? (clientIdNeed(kind) === "required" && validateClientId(defaults.defaultClientId) === undefined ? defaults.defaultClientId : undefined);
  if (clientId !== undefined || clientIdNeed(kind) !== "required") {
    answers.clientId = clientId ?? "";
    preset.add("clientId");
  }
  const defaultScopes = parseScopes(defaults.defaultScopes.join(" "));
  const scopes = args.scopes ?? (defaults.defaultScopes.length && "scopes" in defaultScopes ? defaultScopes.scopes : undefined);
  if (scopes) {
    answers.scopes = scopes;
    preset.add("scopes");
  }
  return { answers, preset };
}

/** The draft as far as it is answered (no validation): for the secret key while the prompts are still running. */
export function draftSoFar(a: Answers, dest: DraftDestination): ProfileDraft {
  const draft: ProfileDraft = { credential: a.kind, cloud: dest.cloud, tenant: a.tenant.trim(), scopes: a.scopes };
  if (dest.authorityHost) draft.authorityHost = dest.authorityHost;
  if (a.clientId.trim()) draft.clientId = a.clientId.trim().toLowerCase();
  return draft;
}

/** The finished draft, checked like a saved profile; the error completes "This request …". */
export function draftFromAnswers(a: Answers, dest: DraftDestination): ProfileDraft | { error: string } {
  const draft = draftSoFar(a, dest);
  if (a.loginHint.trim()) draft.loginHint = a.loginHint.trim();
  if (a.certificatePath.trim()) draft.certificatePath = a.certificatePath.trim();
  if (a.assertionFile.trim()) draft.assertionFile = a.assertionFile.trim();
  const check = validateProfile({ ...draft, id: "draft", name: "draft" });
  return "error" in check ? { error: `This request ${check.error}.` } : draft;
}

// ---------------------------------------------------------------------------------------------------------------
// What the value steps offer

/** One row of a value step: `value` is what picking it answers; `invalid` blocks Enter with the reason. */
export interface Choice {
  label: string;
  description: string;
  detail?: string;
  value: string;
  invalid?: string;
}

export interface ChoiceStep {
  choices: Choice[];
  placeholder: string;
  /** Which row is selected when the step opens. */
  activeIndex: number;
}

/** Rows for a value step; a value offered twice (any case) keeps its first label. */
function choiceList(): { choices: Choice[]; add: (value: string, label: string, description: string, detail?: string) => void } {
  const choices: Choice[] = [];
  const add = (value: string, label: string, description: string, detail?: string) => {
    if (!choices.some((c) => c.value.toLowerCase() === value.toLowerCase())) choices.push({ label, description, detail, value });
  };
  return { choices, add };
}

export function tenantStep(answers: Answers, defaults: PromptDefaults, recents: RecentValues): ChoiceStep {
  const need = tenantNeed(answers.kind);
  const { choices, add } = choiceList();
  if (need === "optional") add("", "$(circle-slash) Leave empty", `use ${emptyTenantMeaning(answers.kind)}`);
  if (answers.tenant) add(answers.tenant, answers.tenant, "current");
  if (defaults.defaultTenant && !validateTenant(defaults.defaultTenant)) add(defaults.defaultTenant, defaults.defaultTenant, "default (azureToken.defaultTenant)");
  for (const t of recents.tenants) add(t, t, "recent");
  add("organizations", "organizations", "any work or school account");
  add("common", "common", "work, school or personal Microsoft account");
  return {
    choices,
    placeholder: `Tenant${need === "optional" ? " (optional)" : ""}: type a GUID, a domain (contoso.onmicrosoft.com), organizations, common or consumers`,
    activeIndex: 0,
  };
}

export function clientIdStep(answers: Answers, defaults: PromptDefaults, recents: RecentValues): ChoiceStep {
  const need = clientIdNeed(answers.kind);
  const { choices, add } = choiceList();
  if (need === "optional") add("", "$(circle-slash) Leave empty", emptyClientIdMeaning(answers.kind));
  if (answers.clientId) add(answers.clientId, answers.clientId, "current");
  if (defaults.defaultClientId && !validateClientId(defaults.defaultClientId)) add(defaults.defaultClientId, defaults.defaultClientId, "default (azureToken.defaultClientId)");
  for (const c of recents.clientIds) add(c, c, "recent");
  return {
    choices,
    placeholder: need === "optional"
      ? `Client ID of your own app registration (optional; when empty, ${emptyClientIdMeaning(answers.kind)})`
      : "Client ID of the app registration (a GUID)",
    // An optional client id: the first offered value rather than "Leave empty", when there is one.
    activeIndex: need === "optional" && choices.length > 1 ? 1 : 0,
  };
}

export function scopesStep(answers: Answers, defaults: PromptDefaults, recents: RecentValues, cloud: Cloud): ChoiceStep {
  const { choices, add } = choiceList();
  if (answers.scopes.length) add(answers.scopes.join(" "), answers.scopes.join(" "), "current");
  for (const s of recents.scopes) add(s, s, "recent");
  if (defaults.defaultScopes.length) add(defaults.defaultScopes.join(" "), defaults.defaultScopes.join(" "), "default (azureToken.defaultScopes)");
  for (const r of wellKnownResources(cloud)) add(r.scope, r.label, r.scope, r.description);
  return { choices, placeholder: "Scopes: pick a resource, or type scopes (https://…/.default, api://…/Permission, or a resource URL)", activeIndex: 0 };
}

/** The row for what the user typed on the tenant or client id step: usable, or blocked with the reason. */
export function typedValue(step: "tenant" | "clientId", value: string): Choice | undefined {
  if (value === "") return undefined;
  const [validate, what] = step === "tenant" ? [validateTenant, "tenant"] : [validateClientId, "client ID"];
  const problem = validate(value);
  return problem
    ? { label: value, description: "typed", detail: `$(error) ${problem}`, value, invalid: problem }
    : { label: value, description: "typed", detail: `Press Enter to use this ${what}.`, value };
}

/** The row for typed scopes: what will be requested (a resource URL becomes `<resource>/.default`), or why not. */
export function typedScopes(value: string): Choice | undefined {
  if (!value.trim()) return undefined;
  const parsed = parseScopes(value);
  if ("error" in parsed) return { label: value, description: "typed", detail: `$(error) ${parsed.error}`, value, invalid: parsed.error };
  const hint = parsed.hints.length ? ` ${parsed.hints.join(" ")}` : "";
  return { label: value, description: "typed", detail: `Requests ${parsed.scopes.join(" ")}.${hint}`, value: parsed.scopes.join(" ") };
}
