// Types of fake-browser.mjs (the headless stand-in browser for plain-Node tests).
export interface BrowseOptions {
  /** Username to pick on the sign-in / device-code page (default: the pre-selected one). */
  user?: string;
  /** Button to click: approve (default), cancel or decline. */
  action?: "approve" | "cancel" | "decline";
  /** Code to type on the device-code entry page. */
  userCode?: string;
  /** CA to trust for https (PEM). */
  ca?: string | Buffer;
  log?: (line: string) => void;
  maxSteps?: number;
}
export interface BrowseStep {
  method: string;
  /** Origin and path only. */
  url: string;
  status: number;
  /** Names of the submitted fields. */
  fields: string[];
}
export interface BrowseResult {
  status: number;
  url: string;
  body: string;
  steps: BrowseStep[];
}
export interface ParsedForm {
  method: string;
  action: string;
  name?: string;
  controls: { tag: string; type: string; name?: string; value: string; checked: boolean }[];
}
export function isLoopbackUrl(url: string): boolean;
export function parseForm(html: string): ParsedForm | undefined;
export function fillForm(form: ParsedForm, options?: BrowseOptions): URLSearchParams;
export function browse(startUrl: string, options?: BrowseOptions): Promise<BrowseResult>;
