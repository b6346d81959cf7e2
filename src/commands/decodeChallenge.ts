import { claimsToSatisfy, looksLikeChallenge, parseChallenge, type Challenge, type ParsedChallenge } from "../core/challenge";
import { explainChallenge, type ChallengeFinding } from "../core/challengeExplain";
import { InvalidArgumentError } from "../core/commandErrors";
import type { ChallengeStore } from "../tokens/challengeStore";
import { pastedInput, type PasteBox } from "../ui/pastedInput";

export interface DecodeChallengeDeps {
  challenges: ChallengeStore;
  /** Opens the token view, which shows the current challenge. */
  showChallenge: () => void;
}

/** What a caller gets for the text it passed: the challenge read and explained, never a token. */
export interface ExplainedChallenge {
  status?: number;
  challenges: Challenge[];
  bodyError?: ParsedChallenge["bodyError"];
  summary: string;
  findings: ChallengeFinding[];
  /** The decoded `claims` JSON to send to Entra, when the challenge carries a valid claims request. */
  claims?: string;
}

const CHALLENGE_BOX: PasteBox = {
  title: "Explain 401 Challenge",
  prompt: "Paste the WWW-Authenticate header or its value (Bearer …). For a whole 401 response, copy it and run this command again: it reads the clipboard.",
  password: false,
  validate: (value) => {
    const parsed = parseChallenge(value);
    return parsed.ok ? undefined : parsed.message;
  },
};

/**
 * "Explain 401 Challenge": with text as its argument, returns the challenge explained (no view, nothing kept); else
 * from the selection, the clipboard (when it holds a challenge) or a paste, shown in the token view. Text that is no
 * Bearer challenge, or whose claims cannot be read, gets a message that says which.
 */
export async function decodeChallenge(deps: DecodeChallengeDeps, arg?: unknown): Promise<ExplainedChallenge | undefined> {
  if (arg !== undefined) {
    if (typeof arg !== "string") throw new InvalidArgumentError("The argument must be the challenge as text: a WWW-Authenticate header, its value or a whole 401 response.");
    return explained(parsedOrThrow(arg));
  }
  const input = await pastedInput(looksLikeChallenge, CHALLENGE_BOX);
  if (input === undefined) return undefined; // cancelled
  deps.challenges.set(parsedOrThrow(input));
  deps.showChallenge();
  return undefined;
}

function parsedOrThrow(text: string): ParsedChallenge {
  const parsed = parseChallenge(text);
  if (!parsed.ok) throw new InvalidArgumentError(`${parsed.message}.`);
  return parsed;
}

function explained(parsed: ParsedChallenge): ExplainedChallenge {
  const { summary, findings } = explainChallenge(parsed);
  const claims = claimsToSatisfy(parsed);
  return {
    ...(parsed.status !== undefined && { status: parsed.status }),
    challenges: parsed.challenges,
    ...(parsed.bodyError && { bodyError: parsed.bodyError }),
    summary, findings,
    ...(claims && { claims: claims.json }),
  };
}
