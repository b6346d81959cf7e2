// The contract between the commands/views and the auth layer (the only code that imports @azure/identity).
import type { TokenRequest } from "../core/tokenRequest";

export type { TokenRequest } from "../core/tokenRequest";

export interface DeviceCodePrompt {
  userCode: string;
  verificationUri: string;
  message: string;
}

/** What the auth layer needs from VS Code's UI; injected so the auth layer stays testable. */
export interface AuthUi {
  /** Shows the device code with "Copy code & open browser". */
  showDeviceCode(prompt: DeviceCodePrompt, signal: AbortSignal): void;
  /** Asks which VS Code account to use when several are signed in; undefined = cancelled. */
  pickAccount?(labels: readonly string[]): Promise<string | undefined>;
}

export interface AcquireOptions {
  signal: AbortSignal;
  /** Bypass the library's token cache (after a role assignment, PIM activation or consent change). */
  forceRefresh?: boolean;
  /**
   * "never": answer from the cache or refresh token only; throw an error of kind "interaction required" instead
   * of opening a browser or showing a device code (background refresh must never pop a browser).
   */
  interaction?: "allowed" | "never";
  ui?: AuthUi;
  /**
   * Entra answered 429 or 503 with Retry-After: the sign-in library waits that many seconds before it asks again
   * (several times). Called at each such answer, so a progress can say so; the wait still ends on `signal`.
   */
  onRetryWait?: (seconds: number) => void;
}

export interface AcquiredToken {
  token: string;
  expiresOnTimestamp: number;
  refreshAfterTimestamp?: number;
  tokenType: string;
  /** Which credential answered (useful for DefaultAzureCredential chains), e.g. "AzureCliCredential". */
  answeredBy?: string;
  /** Where the expiry came from: the library, or the token's exp (VS Code account tokens). */
  expirySource: "library" | "token";
}

export interface AuthService {
  acquire(request: TokenRequest, options: AcquireOptions): Promise<AcquiredToken>;
  /**
   * Forgets every credential built so far, and with them MSAL's in-memory access and refresh tokens: the next request
   * signs in again (the CLI kinds ask their tool, whose own sign-in is not ours to clear; VS Code keeps its accounts).
   */
  clear(): void;
}
