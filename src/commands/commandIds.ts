/** Every command the extension contributes; test/unit/commandIds.test.ts checks package.json lists the same ids. */
export const CommandId = {
  getToken: "azureToken.getToken",
  decodeJwt: "azureToken.decodeJwt",
  showToken: "azureToken.showToken",
  manageProfiles: "azureToken.manageProfiles",
  renameProfile: "azureToken.renameProfile",
  deleteProfile: "azureToken.deleteProfile",
  tokenActions: "azureToken.tokenActions",
  refreshToken: "azureToken.refreshToken",
  getFreshToken: "azureToken.getFreshToken",
  switchToken: "azureToken.switchToken",
  clearTokens: "azureToken.clearTokens",
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
