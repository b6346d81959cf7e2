// Names for well-known values in claims: first-party client apps (`appid` / `azp`), Entra built-in role template ids
// (`wids`), authentication methods (`amr`) and special tenants (`tid`). Resources (`aud`) are in resourceCatalogue.ts.
// claimCatalogue.ts shows these names next to the values. Pure data plus lookups; runs in the extension host and in
// the webview bundle.

export interface WellKnownClientApp {
  readonly appId: string;
  readonly name: string;
}

/** Microsoft first-party *client* applications commonly seen in `appid` / `azp`. */
export const WELL_KNOWN_CLIENT_APPS: readonly WellKnownClientApp[] = [
  { appId: "04b07795-8ddb-461a-bbee-02f9e1bf7b46", name: "Azure CLI" },
  { appId: "1950a258-227b-4e31-a9cf-717495945fc2", name: "Azure PowerShell" },
  { appId: "aebc6443-996d-45c2-90f0-388ff96faa56", name: "Visual Studio Code" },
  { appId: "872cd9fa-d31f-45e0-9eab-6e460a02d1f1", name: "Visual Studio" },
  { appId: "de8bc8b5-d9f9-48b1-a8ad-b748da725064", name: "Graph Explorer" },
  { appId: "14d82eec-204b-4c2f-b7e8-296a70dab67e", name: "Microsoft Graph Command Line Tools (PowerShell SDK)" },
  { appId: "c44b4083-3bb0-49c1-b47d-974e53cbdf3c", name: "Azure portal" },
  { appId: "1fec8e78-bce4-4aaf-ab1b-5451cc387264", name: "Microsoft Teams" },
  { appId: "d3590ed6-52b3-4102-aeff-aad2292ab01c", name: "Microsoft Office" },
];

/** Entra built-in role template ids as they appear in `wids`. */
export const DIRECTORY_ROLES: Readonly<Record<string, string>> = {
  "62e90394-69f5-4237-9190-012177145e10": "Global Administrator",
  "f2ef992c-3afb-46b9-b7cf-a126ee74c451": "Global Reader",
  "9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3": "Application Administrator",
  "158c047a-c907-4556-b7ef-446551a6b5f7": "Cloud Application Administrator",
  "cf1c38e5-3621-4004-a7cb-879624dced7c": "Application Developer",
  "fe930be7-5e62-47db-91af-98c3a49a38b1": "User Administrator",
  "5d6b6bb7-de71-4623-b4af-96380a352509": "Security Reader",
  "194ae4cb-b126-40b2-bd5b-6091b380977d": "Security Administrator",
  "5f2222b1-57c3-48ba-8ad5-d4759f1fde6f": "Security Operator",
  "e8611ab8-c189-46e8-94e1-60213ab1f814": "Privileged Role Administrator",
  "7be44c8a-adaf-4e2a-84d6-ab2649e08a13": "Privileged Authentication Administrator",
  "c4e39bd9-1100-46d3-8c65-fb160da0071f": "Authentication Administrator",
  "0526716b-113d-4c15-b2c8-68e3c22b9f80": "Authentication Policy Administrator",
  "729827e3-9c14-49f7-bb1b-9608f156bbb8": "Helpdesk Administrator",
  "966707d0-3269-4727-9be2-8c3a10f19b9d": "Password Administrator",
  "29232cdf-9323-42fd-ade2-1d097af3e4de": "Exchange Administrator",
  "31392ffb-586c-42d1-9346-e59415a2cc4e": "Exchange Recipient Administrator",
  "f28a1f50-f6e7-4571-818b-6a12f2af6b6c": "SharePoint Administrator",
  "69091246-20e8-4a56-aa4d-066075b2a7a8": "Teams Administrator",
  "baf37b3a-610e-45da-9e62-d9d1e5e8914b": "Teams Communications Administrator",
  "3a2c62db-5318-420d-8d74-23affee5d9d5": "Intune Administrator",
  "7698a772-787b-4ac8-901f-60d6b08affd2": "Cloud Device Administrator",
  "fdd7a751-b60b-444a-984c-02652fe8fa1c": "Groups Administrator",
  "b0f54661-2d74-4c50-afa3-1ec803f12efe": "Billing Administrator",
  "4d6ac14f-3453-41d0-bef9-a3e0c569773a": "License Administrator",
  "b1be1c3e-b65d-4f19-8427-f6fa0d97feb9": "Conditional Access Administrator",
  "17315797-102d-40b4-93e0-432062caca18": "Compliance Administrator",
  "4a5d8f65-41da-4de4-8968-e035b65339cf": "Reports Reader",
  "790c1fb9-7f7d-4f88-86a1-ef1f95c05c1b": "Message Center Reader",
  "f023fd81-a637-4b56-95fd-791ac0226033": "Service Support Administrator",
  "8ac3fc64-6eca-42ea-9e69-59f4c7b60eb2": "Hybrid Identity Administrator",
  "45d8d3c5-c802-45c6-b32a-1d70b5e1e86e": "Identity Governance Administrator",
  "be2f45a1-457d-42af-a067-6ec1fa63bc45": "External Identity Provider Administrator",
  "95e79109-95c0-4d8e-aee3-d01accf2d47b": "Guest Inviter",
  "88d8e3e3-8f55-4a1e-953a-9b9898b8876b": "Directory Readers",
  "9360feb5-f418-4baa-8175-e2a00bac4301": "Directory Writers",
  "d29b2b05-8046-44ba-8758-1e26182fcf32": "Directory Synchronization Accounts",
  "e3973bdf-4987-49ae-837a-ba8e231c7286": "Azure DevOps Administrator",
  "11648597-926c-4cf3-9c36-bcebb0ba8dcc": "Power Platform Administrator",
  "44367163-eba1-44c3-98af-f5787879f96a": "Dynamics 365 Administrator",
  "7495fdc4-34c4-4d15-a289-98788ce399fd": "Azure Information Protection Administrator",
  "10dae51f-b6af-4016-8d66-8c2a99b929b3": "Guest User",
  "2af84b1e-32c8-42b7-82bc-daa82404023b": "Restricted Guest User",
  "a0b1b346-4d3e-4e8b-98f8-753987be4970": "User",
  "b79fbf4d-3ef9-4689-8143-76b194e85509": "Member user (default)",
};

/** Authentication methods in `amr` (RFC 8176 plus Entra's own values). */
export const AMR_METHODS: Readonly<Record<string, string>> = {
  pwd: "password",
  rsa: "RSA key proof (for example Microsoft Authenticator or a certificate)",
  otp: "one-time passcode (email or text message)",
  fed: "federated identity provider assertion (for example AD FS)",
  wia: "Windows Integrated Authentication",
  mfa: "multifactor authentication",
  ngcmfa: "Windows Hello / passwordless sign-in counting as multifactor (used for some credentials)",
  mngcm: "Windows Hello (Next Generation Credential) with managed device",
  wiaormfa: "Windows Integrated Authentication or multifactor authentication",
  fido: "FIDO2 security key or passkey",
  hwk: "proof of possession of a hardware-secured key",
  swk: "proof of possession of a software-secured key",
  sms: "code sent by text message",
  tel: "telephone call confirmation",
  face: "facial recognition",
  fpt: "fingerprint",
  pin: "PIN",
  sc: "smart card",
  kba: "knowledge-based authentication",
  mca: "multiple-channel authentication",
  pop: "proof of possession of a key",
  geo: "geolocation",
  user: "user presence test",
  none: "no authentication",
};

/** Special tenants seen in `tid` / `iss`. */
export const WELL_KNOWN_TENANTS: Readonly<Record<string, string>> = {
  "9188040d-6c67-4c5b-b112-36a304b66dad": "Microsoft consumer accounts (MSA) tenant",
  "72f988bf-86f1-41af-91ab-2d7cd011db47": "Microsoft corporate tenant",
  "f8cdef31-a31e-4b4a-93e4-5f571e91255a": "Microsoft Services tenant (home of first-party apps)",
};

export function findClientApp(appId: string): WellKnownClientApp | undefined {
  if (typeof appId !== "string") return undefined;
  const id = appId.trim().toLowerCase();
  return WELL_KNOWN_CLIENT_APPS.find((a) => a.appId === id);
}

/** The table's own entry for key (never an inherited property such as "constructor"). */
function ownEntry(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}

export function directoryRoleName(templateId: string): string | undefined {
  return typeof templateId === "string" ? ownEntry(DIRECTORY_ROLES, templateId.trim().toLowerCase()) : undefined;
}

export function amrMethodName(method: string): string | undefined {
  return typeof method === "string" ? ownEntry(AMR_METHODS, method) : undefined;
}

export function tenantName(tenantId: string): string | undefined {
  return typeof tenantId === "string" ? ownEntry(WELL_KNOWN_TENANTS, tenantId.trim().toLowerCase()) : undefined;
}
