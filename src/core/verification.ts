// What "Verify signature" answers: the host's check (tokens/verifySignature.ts) produces it, the view shows it.

/** The answer to "Verify signature". */
export interface VerificationView {
  outcome: "checking" | "verified" | "invalid" | "unverifiable";
  message: string;
  reason: string;
}
