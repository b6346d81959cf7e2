/**
 * Every command the extension contributes; test/unit/commandIds.test.ts checks package.json lists the same ids. Ids
 * only: activation (dist/extension.js) registers them from here, so what each command does in words (its
 * `Operation`, commands/operations.ts) stays in dist/features.js.
 */
export const CommandId = {
  getToken: "azureToken.getToken",
  exchangeOnBehalfOf: "azureToken.exchangeOnBehalfOf",
  decodeJwt: "azureToken.decodeJwt",
  decodeChallenge: "azureToken.decodeChallenge",
  satisfyChallenge: "azureToken.satisfyChallenge",
  showToken: "azureToken.showToken",
  manageProfiles: "azureToken.manageProfiles",
  renameProfile: "azureToken.renameProfile",
  deleteProfile: "azureToken.deleteProfile",
  forgetSecrets: "azureToken.forgetSecrets",
  tokenActions: "azureToken.tokenActions",
  refreshToken: "azureToken.refreshToken",
  getFreshToken: "azureToken.getFreshToken",
  switchToken: "azureToken.switchToken",
  clearTokens: "azureToken.clearTokens",
  tokenForTask: "azureToken.tokenForTask",
} as const;

export type CommandName = keyof typeof CommandId;
export type CommandIdValue = (typeof CommandId)[CommandName];
