// Builds what the token view shows for the window's 401 challenge: its parameters with what each means, the decoded
// claims request, the explanation, and how the token below measures up to it. Everything from the challenge was
// escaped and clipped by core/challenge.ts; the claims JSON is re-written bounded. Never throws.
import { prettyJsonBounded } from "../core/boundedJson";
import { isBearer, claimsToSatisfy, type Challenge } from "../core/challenge";
import { CHALLENGE_PARAMETERS, checkClaims, explainChallenge } from "../core/challengeExplain";
import { decodeToken } from "../core/jwt";
import { visibleText } from "../core/visibleText";
import type { ChallengeView, ClaimRow } from "./protocol";
import type { HeldChallenge } from "../tokens/challengeStore";
import type { HeldToken } from "../tokens/tokenStore";

const MAX_CLAIMS_JSON_CHARS = 20_000;

export function buildChallengeView(held: HeldChallenge, token: HeldToken | undefined): ChallengeView {
  try {
    return viewOf(held, token);
  } catch {
    return {
      summary: "This challenge could not be shown.", challenges: [], satisfiable: false,
      findings: [{ severity: "error", message: "This challenge could not be shown.", reason: "Run Explain 401 Challenge again on the API's response." }],
    };
  }
}

function viewOf(held: HeldChallenge, token: HeldToken | undefined): ChallengeView {
  const { parsed } = held;
  const explanation = explainChallenge(parsed);
  const claims = claimsToSatisfy(parsed);
  const view: ChallengeView = {
    summary: visibleText(explanation.summary),
    challenges: parsed.challenges.map((c) => ({ scheme: c.scheme, params: paramRows(c) })),
    findings: explanation.findings.map(({ severity, message, reason }) => ({ severity, message: visibleText(message), reason: visibleText(reason) })),
    satisfiable: explanation.satisfiable,
  };
  if (parsed.status !== undefined) view.status = parsed.status;
  if (claims) {
    view.claimsJson = prettyJsonBounded(JSON.parse(claims.json), MAX_CLAIMS_JSON_CHARS).text;
    const decoded = token ? decodeToken(token.token) : undefined;
    if (token && decoded?.kind === "jws") {
      view.check = { tokenLabel: visibleText(token.label), answersChallenge: held.answeredBy === token.id, items: checkClaims(claims.items, decoded.payload) };
    }
  }
  return view;
}

function paramRows(challenge: Challenge): ClaimRow[] {
  return challenge.params.map((p) => {
    const known = isBearer(challenge) && Object.prototype.hasOwnProperty.call(CHALLENGE_PARAMETERS, p.name) ? CHALLENGE_PARAMETERS[p.name] : undefined;
    return { name: p.name, value: p.value, title: known?.title ?? p.name, description: known?.description ?? "A parameter we don't know." };
  });
}
