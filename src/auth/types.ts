/** What a caller asks the auth layer for. Never carries a secret: secrets are looked up by the auth layer. */
export interface TokenRequest {
  credential: "interactiveBrowser";
  /** https://login.microsoftonline.com or a custom authority host. */
  authorityHost: string;
  /** Custom authority hosts (Azure Stack, the local sandbox) are not known to Entra's instance discovery. */
  disableInstanceDiscovery: boolean;
  tenant: string;
  clientId: string;
  scopes: string[];
  loginHint?: string;
}

export interface AcquiredToken {
  token: string;
  expiresOnTimestamp: number;
  refreshAfterTimestamp?: number;
  tokenType: string;
}

export interface AcquireOptions {
  signal: AbortSignal;
}

export interface AuthService {
  acquire(request: TokenRequest, options: AcquireOptions): Promise<AcquiredToken>;
}
