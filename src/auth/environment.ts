// Which environment-bound credentials can apply here. Pure (reads only the env object it is given), so the
// prompts can hide kinds that cannot work, and tests never make the managed identity credential probe the
// instance metadata service (169.254.169.254).

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Managed identity is offered only where a managed identity endpoint is announced: App Service / Functions /
 * Container Apps (IDENTITY_ENDPOINT), Cloud Shell / older App Service (MSI_ENDPOINT), Azure Arc
 * (IDENTITY_ENDPOINT + IMDS_ENDPOINT), or AKS workload identity (AZURE_FEDERATED_TOKEN_FILE).
 * A plain Azure VM announces nothing (it only has IMDS); set AZURE_TOKEN_ENABLE_IMDS=1 there.
 */
export function managedIdentityApplies(env: Env): boolean {
  return Boolean(env.IDENTITY_ENDPOINT || env.MSI_ENDPOINT || env.AZURE_FEDERATED_TOKEN_FILE || env.AZURE_TOKEN_ENABLE_IMDS === "1");
}

/** Workload identity needs a federated token file (AKS, GitHub Actions OIDC written to a file, …). */
export function workloadIdentityApplies(env: Env, tokenFilePath?: string): boolean {
  return Boolean(tokenFilePath || env.AZURE_FEDERATED_TOKEN_FILE);
}
