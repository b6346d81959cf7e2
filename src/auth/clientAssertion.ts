// Where ClientAssertionCredential's assertion comes from: a file, or the standard output of the command the user set
// in azureToken.clientAssertionCommand. That setting is application-scoped (package.json): a cloned repository's
// .vscode/settings.json cannot make the extension run a command. Failures are CredentialUnavailableErrors that say
// which source failed and how, never what it printed (it may be a secret): only the exit code and stderr's first line.
import { exec } from "node:child_process";
import { promises as fs } from "node:fs";
import { CredentialUnavailableError } from "@azure/identity";
import { looksLikeJwt, MAX_TOKEN_CHARS } from "../core/jwt";

/** A command that prints an assertion is quick (a CLI call, a metadata endpoint); after this it is stopped. */
export const ASSERTION_COMMAND_TIMEOUT_MS = 30_000;
const SETTING = "azureToken.clientAssertionCommand";

/** The assertion in a file (its content, trimmed). */
export async function readAssertionFile(path: string): Promise<string> {
  let text: string;
  try {
    const stat = await fs.stat(path);
    if (stat.size > MAX_TOKEN_CHARS) throw new CredentialUnavailableError(`The client assertion file ${path} is ${stat.size} bytes: an assertion is a JWT of a few kilobytes.`);
    text = await fs.readFile(path, "utf8");
  } catch (e) {
    if (e instanceof CredentialUnavailableError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new CredentialUnavailableError(code === "ENOENT" ? `There is no client assertion file at ${path}.` : `The client assertion file ${path} could not be read (${code ?? "error"}).`);
  }
  return checkedAssertion(text, `The client assertion file ${path}`);
}

/** The assertion a command prints on standard output; stopped after `timeoutMs`. */
export function runAssertionCommand(command: string, timeoutMs = ASSERTION_COMMAND_TIMEOUT_MS): Promise<string> {
  if (!command.trim()) {
    return Promise.reject(new CredentialUnavailableError(`A client assertion needs a file, or a command in the ${SETTING} setting (user settings) that prints it.`));
  }
  return new Promise((resolve, reject) => {
    exec(command, { timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: MAX_TOKEN_CHARS * 4, windowsHide: true }, (error, stdout, stderr) => {
      if (error) {
        const timedOut = error.killed === true && error.signal === "SIGKILL";
        const firstStderrLine = String(stderr).split(/\r?\n/).find((l) => l.trim())?.trim().slice(0, 200);
        reject(new CredentialUnavailableError(timedOut
          ? `The command in ${SETTING} did not finish within ${Math.round(timeoutMs / 1000)} seconds and was stopped.`
          : `The command in ${SETTING} failed (exit code ${error.code ?? "unknown"})${firstStderrLine ? `: ${firstStderrLine}` : "."}`));
        return;
      }
      try {
        resolve(checkedAssertion(String(stdout), `The command in ${SETTING}`));
      } catch (e) {
        reject(e);
      }
    });
  });
}

function checkedAssertion(text: string, source: string): string {
  const assertion = text.trim();
  if (!assertion) throw new CredentialUnavailableError(`${source} gave nothing: it should hold a signed JWT (the client assertion).`);
  if (!looksLikeJwt(assertion)) throw new CredentialUnavailableError(`${source} did not give a JWT: a client assertion is one signed JWT (three base64url parts separated by dots) and nothing else.`);
  return assertion;
}
