// "Token for Task": the token of a saved profile as a plain string, for an `inputs` entry of type "command" in
// tasks.json or launch.json (`${input:token}`). The token leaves only through the release gate (azureToken.tokenRelease
// and the consent modal); a denial or a cancel returns undefined, and VS Code then cancels the task or launch instead
// of running it with an empty token. No view or notification opens: the task is what the person is looking at.
import { InvalidArgumentError } from "../core/commandErrors";
import { parseProfileRef } from "../core/profiles";
import type { ProfileStore } from "../tokens/profileStore";
import { resolveProfile } from "./profiles";

export interface TokenForTaskDeps {
  profiles: ProfileStore;
  /** Refuses at once when the setting refuses every caller (before the profile is asked for). */
  precheck: () => void;
  /** Get Azure Token for the profile, as a caller: through the release gate; undefined when cancelled. */
  getToken: (profileId: string) => Promise<{ token: string } | undefined>;
}

export async function tokenForTask(deps: TokenForTaskDeps, raw?: unknown): Promise<string | undefined> {
  deps.precheck();
  const ref = parseProfileRef(raw);
  if ("error" in ref) throw new InvalidArgumentError(ref.error);
  const profile = await resolveProfile(deps, ref, "Use");
  if (!profile) return undefined;
  return (await deps.getToken(profile.id))?.token;
}
