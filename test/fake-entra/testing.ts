// Small helpers for tests that run the fake Entra ID in-process (plain Node, node:test).
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { after, before, beforeEach } from "node:test";
import { useFakeBrowser } from "./browser";
import { ensureCerts, type FakeEntraCerts } from "./certs";
import { startFakeEntra, type FakeEntra, type StartOptions } from "./server";

export interface FakeEntraFixture {
  readonly fe: FakeEntra;
  readonly certs: FakeEntraCerts;
  /** PEM of the test CA, for `tlsOptions: { ca }` and https requests. */
  readonly ca: string;
  /** A temp dir owned by the fixture (removed by dispose). */
  readonly tmpDir: string;
  dispose(): Promise<void>;
}

/** Certificates in a fresh temp dir + a started server. Always call dispose() (e.g. in `after`). */
export async function startFixture(options: Omit<StartOptions, "certs"> = {}): Promise<FakeEntraFixture> {
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), "fake-entra-"));
  try {
    const certs = await ensureCerts(path.join(tmpDir, "certs"));
    const fe = await startFakeEntra({ ...options, certs });
    return {
      fe, certs, tmpDir, ca: fs.readFileSync(certs.caPath, "utf8"),
      async dispose() {
        await fe.close();
        fs.rmSync(tmpDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(tmpDir, { recursive: true, force: true });
    throw e;
  }
}

/**
 * One fixture for the whole test file, through node:test hooks: started before the first test, reset (config and
 * recorded requests) before each test, disposed after the last (the hooks own it: no dispose). Call at the top level
 * of the file; use the returned fixture in tests and in beforeEach/after hooks, not in a top-level `before` (Node 20
 * runs those as soon as they are registered, before this one has finished).
 */
export function useFixture(options: Omit<StartOptions, "certs"> = {}): Omit<FakeEntraFixture, "dispose"> {
  let fx: FakeEntraFixture | undefined;
  const current = (): FakeEntraFixture => {
    if (!fx) throw new Error("the fake Entra fixture is not started: use it inside a test or a later hook");
    return fx;
  };
  before(async () => {
    fx = await startFixture(options);
  });
  after(async () => {
    await fx?.dispose();
  });
  beforeEach(() => current().fe.reset());
  return {
    get fe() { return current().fe; },
    get certs() { return current().certs; },
    get ca() { return current().ca; },
    get tmpDir() { return current().tmpDir; },
  };
}

/**
 * The fake browser (test/fake-entra/fake-browser.mjs) as the system browser for every test of the file, answering the
 * fixture's sign-in pages; its log goes to the fixture's temp dir. Call at the top level, after useFixture.
 */
export function useFakeBrowserForEachTest(fx: Pick<FakeEntraFixture, "certs" | "tmpDir">): void {
  let restoreEnv: (() => void) | undefined;
  after(() => restoreEnv?.());
  beforeEach(() => {
    restoreEnv?.();
    restoreEnv = useFakeBrowser({ caPath: fx.certs.caPath, logPath: path.join(fx.tmpDir, "fake-browser.log") });
  });
}

/** Decodes a compact JWS without verifying it. */
export function decodeJwt(token: string): { header: Record<string, unknown>; payload: Record<string, unknown> } {
  const [h, p] = token.split(".");
  return { header: JSON.parse(Buffer.from(h, "base64url").toString("utf8")), payload: JSON.parse(Buffer.from(p, "base64url").toString("utf8")) };
}

export interface HttpResult {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json<T = Record<string, unknown>>(): T;
}

/** Minimal https client trusting `ca`; `form` is sent urlencoded, `body` as JSON. */
export function request(method: string, url: string, ca: string, opts: { form?: Record<string, string>; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult> {
  const payload = opts.form ? new URLSearchParams(opts.form).toString() : opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (payload !== undefined) {
    headers["content-type"] ??= opts.form ? "application/x-www-form-urlencoded" : "application/json";
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = https.request(url, { method, ca, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on("error", reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}
