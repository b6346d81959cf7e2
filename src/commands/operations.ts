import type { Operation } from "../core/commandErrors";
import { CommandId, type CommandName } from "./commandIds";

/**
 * Commands whose result fills `${input:…}` in tasks.json and launch.json: run through inputCommandHandler
 * (ui/commandRunner.ts), so that giving nothing stops the task instead of running it with the text `${input:…}`.
 */
export const INPUT_COMMANDS: ReadonlySet<CommandName> = new Set<CommandName>(["tokenForTask"]);

/** What each command does, for its failure messages ("Couldn't …"); commands that sign in explain failures as sign-in failures. */
const FAILURES: Record<CommandName, { failure: string; signsIn?: boolean }> = {
  getToken: { failure: "get a token", signsIn: true },
  exchangeOnBehalfOf: { failure: "exchange the token on behalf of the user", signsIn: true },
  decodeJwt: { failure: "decode the token" },
  decodeChallenge: { failure: "explain the 401 challenge" },
  satisfyChallenge: { failure: "get a token that satisfies the challenge", signsIn: true },
  showToken: { failure: "show the token" },
  manageProfiles: { failure: "manage the profiles" },
  renameProfile: { failure: "rename the profile" },
  deleteProfile: { failure: "delete the profile" },
  forgetSecrets: { failure: "forget the stored secrets" },
  tokenActions: { failure: "run the token action" },
  refreshToken: { failure: "refresh the token", signsIn: true },
  getFreshToken: { failure: "get a fresh token", signsIn: true },
  switchToken: { failure: "switch the active token" },
  clearTokens: { failure: "clear the tokens" },
  tokenForTask: { failure: "get a token for the task", signsIn: true },
};

/** Each command's `Operation`: its id and its words, for the command context it runs in (ui/commandRunner.ts). */
export const Operations = Object.fromEntries(
  (Object.keys(CommandId) as CommandName[]).map((name) => [name, { id: CommandId[name], ...FAILURES[name] }]),
) as Record<CommandName, Operation>;
