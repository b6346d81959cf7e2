// "Manage Profiles", "Rename Profile", "Delete Profile": saved profiles in a quick pick with rename and delete buttons,
// and "Forget stored secrets" below them.
import * as vscode from "vscode";
import { secretKeyFor } from "../auth/secretStore";
import type { SecretVault } from "../auth/secretVault";
import { InvalidArgumentError } from "../core/commandErrors";
import { credentialDescriptor, validateProfileName, type Profile } from "../core/profiles";
import type { ProfileStore } from "../tokens/profileStore";
import { draftOfProfile } from "../core/getTokenPlan";
import { forgetSecrets } from "./forgetSecrets";

export interface ProfileCommandDeps {
  profiles: ProfileStore;
  secrets: SecretVault;
  /** Drops the sign-ins' cached credentials (after Forget stored secrets). */
  forgetSignIns?: () => unknown;
  /** Re-runs a profile (Get Azure Token with { profile: id }). */
  run: (profileId: string) => Thenable<unknown>;
}

/** `{ profile: name or id }` (scripts and keybindings); rename also takes `{ name }`. */
export interface ProfileArgs {
  profile?: string;
  name?: string;
}

const RENAME: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("edit"), tooltip: "Rename profile" };
const DELETE: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon("trash"), tooltip: "Delete profile" };

interface ProfileItem extends vscode.QuickPickItem {
  profile: Profile;
}

/** A row of Manage Profiles: a profile, or the "Forget stored secrets" action. */
type ManageItem = ProfileItem | (vscode.QuickPickItem & { profile?: undefined; forget?: boolean });

export const FORGET_SECRETS_LABEL = "$(key) Forget stored secrets";

function itemFor(p: Profile, buttons: vscode.QuickInputButton[]): ProfileItem {
  return {
    label: p.name,
    description: `${credentialDescriptor(p.credential).shortLabel} · ${p.tenant || "default tenant"}${p.clientId ? ` · ${p.clientId}` : ""}`,
    detail: p.scopes.join(" "),
    buttons,
    profile: p,
  };
}

function noProfiles(): void {
  void vscode.window.showInformationMessage("Azure Token: no saved profiles yet. After Get Azure Token succeeds, choose \"Save as Profile…\".");
}

/** A quick pick of the profiles: pick one to run it, or rename/delete it with the item buttons. */
export async function manageProfiles(deps: ProfileCommandDeps): Promise<void> {
  for (;;) {
    const profiles = deps.profiles.list();
    if (!profiles.length) return noProfiles();
    const action = await new Promise<{ item: ManageItem; button?: vscode.QuickInputButton } | undefined>((resolve) => {
      const pick = vscode.window.createQuickPick<ManageItem>();
      pick.title = "Azure Token: Saved Profiles";
      pick.placeholder = "Pick a profile to get its token; rename or delete it with the buttons";
      pick.ignoreFocusOut = true;
      pick.matchOnDescription = true;
      pick.items = [
        ...profiles.map((p) => itemFor(p, [RENAME, DELETE])),
        { label: "", kind: vscode.QuickPickItemKind.Separator },
        { label: FORGET_SECRETS_LABEL, detail: "Removes every client secret and certificate password kept for the profiles; they ask again on next use.", forget: true },
      ];
      let result: { item: ManageItem; button?: vscode.QuickInputButton } | undefined;
      pick.onDidAccept(() => { result = pick.activeItems[0] && { item: pick.activeItems[0] }; pick.hide(); });
      pick.onDidTriggerItemButton((e) => { result = { item: e.item, button: e.button }; pick.hide(); });
      pick.onDidHide(() => { pick.dispose(); resolve(result); });
      pick.show();
    });
    if (!action) return;
    const profile = action.item.profile;
    if (!profile) {
      await forgetSecrets(deps);
    } else if (!action.button) {
      await deps.run(profile.id);
      return;
    } else if (action.button === RENAME) {
      await askRename(deps, profile);
    } else {
      await confirmDelete(deps, profile, true);
    }
  }
}

/** The profile named in the arguments, or the one the user picks; undefined when there is none or the pick is cancelled. */
export async function resolveProfile(deps: { profiles: ProfileStore }, args: ProfileArgs | undefined, verb: string): Promise<Profile | undefined> {
  if (args?.profile !== undefined) {
    if (typeof args.profile !== "string") throw new InvalidArgumentError("Argument 'profile' must be a profile's name or id.");
    const found = deps.profiles.find(args.profile);
    if (!found) throw new InvalidArgumentError(`Argument 'profile': there is no saved profile named or with id '${args.profile.slice(0, 80)}'.`);
    return found;
  }
  const profiles = deps.profiles.list();
  if (!profiles.length) {
    noProfiles();
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(profiles.map((p) => itemFor(p, [])), {
    title: `Azure Token: ${verb} Profile`, placeHolder: `Profile to ${verb.toLowerCase()}`, ignoreFocusOut: true,
  });
  return chosen?.profile;
}

function nameProblem(deps: ProfileCommandDeps, profile: Profile, name: string): string | undefined {
  const taken = deps.profiles.list().some((p) => p.id !== profile.id && p.name.toLowerCase() === name.trim().toLowerCase());
  return validateProfileName(name) ?? (taken ? `A profile named '${name.trim()}' already exists; choose another name.` : undefined);
}

async function askRename(deps: ProfileCommandDeps, profile: Profile): Promise<void> {
  const name = await vscode.window.showInputBox({
    title: `Rename Profile '${profile.name}'`, value: profile.name, ignoreFocusOut: true, prompt: "New name of the profile",
    validateInput: (v) => nameProblem(deps, profile, v),
  });
  if (name === undefined || name.trim() === profile.name) return;
  await deps.profiles.rename(profile.id, name);
}

async function confirmDelete(deps: ProfileCommandDeps, profile: Profile, ask: boolean): Promise<void> {
  if (ask) {
    const answer = await vscode.window.showWarningMessage(`Delete the profile '${profile.name}'?`, { modal: true, detail: "Tokens already held in this window stay until they expire or you clear them." }, "Delete");
    if (answer !== "Delete") return;
  }
  await deps.profiles.remove(profile.id);
  // The stored secret belongs to the app and tenant: forgotten only when no other profile still uses it.
  await deps.secrets.release(secretKeyFor(draftOfProfile(profile)));
}

export async function renameProfileCommand(deps: ProfileCommandDeps, args?: ProfileArgs): Promise<void> {
  const profile = await resolveProfile(deps, args, "Rename");
  if (!profile) return;
  if (args?.name !== undefined) {
    const problem = typeof args.name === "string" ? nameProblem(deps, profile, args.name) : "The name must be text.";
    if (problem) throw new InvalidArgumentError(`Argument 'name': ${problem}`);
    await deps.profiles.rename(profile.id, args.name);
    return;
  }
  await askRename(deps, profile);
}

/** Deletes a profile; asks first unless the profile was named in the arguments (scripts decide for themselves). */
export async function deleteProfileCommand(deps: ProfileCommandDeps, args?: ProfileArgs): Promise<void> {
  const profile = await resolveProfile(deps, args, "Delete");
  if (!profile) return;
  await confirmDelete(deps, profile, args?.profile === undefined);
}
