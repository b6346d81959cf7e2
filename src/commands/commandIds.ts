/** Every command the extension contributes; package.json `contributes.commands` must list the same ids. */
export const CommandId = {
  getToken: "azureToken.getToken",
  decodeJwt: "azureToken.decodeJwt",
  showToken: "azureToken.showToken",
} as const;

export type CommandIdValue = (typeof CommandId)[keyof typeof CommandId];
