// The request the auth layer gets: built from a profile or the prompts' answers (getTokenPlan.ts), held with the
// token (tokens/tokenStore.ts) so that a refresh asks for the same.
import type { Cloud } from "./clouds";
import type { CredentialKind } from "./profiles";

/**
 * What a caller asks the auth layer for: the credential-relevant fields of a profile. Never carries a secret:
 * secrets (client secret, certificate password) are read from SecretStorage by the auth layer.
 */
export interface TokenRequest {
  credential: CredentialKind;
  cloud: Cloud;
  /** The cloud's authority host, or the custom one (`azureToken.authorityHost`), as an https origin. */
  authorityHost: string;
  /** True for custom authority hosts (Azure Stack, the local sandbox): instance discovery would ask the public cloud. */
  disableInstanceDiscovery: boolean;
  /** Tenant id, domain, organizations/common/consumers; empty = the tool's own tenant (CLI kinds). */
  tenant: string;
  clientId?: string;
  scopes: string[];
  loginHint?: string;
  certificatePath?: string;
  /** clientAssertion: the file holding the assertion; none = the command of azureToken.clientAssertionCommand. */
  assertionFile?: string;
  /** Workload identity: the federated token file (default: AZURE_FEDERATED_TOKEN_FILE). */
  federatedTokenFile?: string;
  /** Key under which this request's secret lives in SecretStorage (see auth/secretStore.ts). */
  secretKey?: string;
  /**
   * Ask for a CAE-capable token (`xms_cc` cp1, @azure/identity's `enableCae`): set by `azureToken.caeTokens` and by
   * satisfying a claims challenge. Kept with the token, so a refresh asks the same (CAE tokens have their own cache).
   */
  enableCae?: boolean;
  /**
   * A claims challenge this token answers (the decoded JSON of a 401's `claims`, core/challenge.ts), sent as
   * `GetTokenOptions.claims` with every request for it: Entra issues a token with those claims or asks for a sign-in
   * that meets them, and a renewal still meets them.
   */
  claims?: string;
}
