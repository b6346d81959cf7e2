// Client for the fake Entra ID's control API, for tests that run in another process than the server
// (integration/e2e tests inside VS Code, scripts). Loopback only; trusts the test CA explicitly.
import fs from "node:fs";
import https from "node:https";
import tls from "node:tls";
import { CONTROL_SERVERNAME, type FakeEntraConfig } from "./config";
import type { RequestLogEntry } from "./server";

export class FakeEntraControl {
  private readonly ca: Buffer;

  constructor(readonly url: string, caPath: string) {
    const host = new URL(url).hostname;
    // 127.0.0.0/8 is loopback: the harness runs the local Entra ID on 127.0.0.2 (see docs/testing.md).
    if (!["localhost", "[::1]"].includes(host) && !/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`fake-entra control: refusing non-loopback URL ${url}`);
    this.ca = fs.readFileSync(caPath);
  }

  requests(): Promise<RequestLogEntry[]> {
    return this.call("GET", "/_fake/requests") as Promise<RequestLogEntry[]>;
  }

  config(): Promise<FakeEntraConfig> {
    return this.call("GET", "/_fake/config") as Promise<FakeEntraConfig>;
  }

  configure(partial: Partial<FakeEntraConfig>): Promise<FakeEntraConfig> {
    return this.call("POST", "/_fake/config", partial) as Promise<FakeEntraConfig>;
  }

  async reset(): Promise<void> {
    await this.call("POST", "/_fake/reset", {});
  }

  pendingDeviceCodes(): Promise<string[]> {
    return this.call("GET", "/_fake/devicecodes") as Promise<string[]>;
  }

  /** Approves a pending device code (the newest one when userCode is omitted). Resolves false if none matched. */
  async approveDeviceCode(userCode?: string, username?: string): Promise<boolean> {
    const r = (await this.call("POST", "/_fake/devicecode/approve", { userCode, username }, [404])) as { approved: boolean };
    return r.approved;
  }

  private call(method: string, path: string, body?: unknown, okStatuses: number[] = []): Promise<unknown> {
    const text = body === undefined ? undefined : JSON.stringify(body);
    return new Promise((resolve, reject) => {
      const req = https.request(new URL(path, this.url), {
        method,
        ca: this.ca,
        agent: false,
        // The control name gets the trusted certificate also during the untrustedCert fault; it is checked for the real host.
        servername: CONTROL_SERVERNAME,
        checkServerIdentity: (_name, cert) => tls.checkServerIdentity(new URL(this.url).hostname, cert),
        headers: text === undefined ? {} : { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)) },
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = Buffer.concat(chunks).toString("utf8");
          const status = res.statusCode ?? 0;
          let parsed: unknown;
          try {
            parsed = raw ? JSON.parse(raw) : undefined;
          } catch {
            return reject(new Error(`fake-entra control: ${method} ${path} returned non-JSON (${status})`));
          }
          if (status >= 400 && !okStatuses.includes(status)) {
            const message = (parsed as { message?: string } | undefined)?.message ?? raw;
            return reject(new Error(`fake-entra control: ${method} ${path} -> ${status} ${message}`));
          }
          resolve(parsed);
        });
      });
      req.on("error", reject);
      if (text !== undefined) req.write(text);
      req.end();
    });
  }
}
