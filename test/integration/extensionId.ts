// The extension's id (publisher.name from package.json): one place for every integration test.
export const EXTENSION_ID = "azure-token-dev.azure-token";
