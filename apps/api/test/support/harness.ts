import { mkdtemp, rm } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Services } from "@niaga/api";
import { createUserWithPassword } from "@niaga/auth";
import type { NiagaClient } from "@niaga/client";
import { createNiagaAuthClient, createNiagaClient } from "@niaga/client";
import type { Config } from "@niaga/config";
import { loadConfig } from "@niaga/config";
import type { Role } from "@niaga/contracts";
import { createLogger } from "@niaga/core/shared/logger";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { createApp } from "../../src/app.ts";
import { buildServices } from "../../src/services.ts";

export const TEST_PASSWORD = "correct-horse-battery";

export interface TestApi {
  url: string;
  config: Config;
  services: Services;
  database: TestDatabase;
  /** A client acting with this bearer token (or anonymously). */
  client: (token?: string) => NiagaClient;
  /** Creates a verified account with TEST_PASSWORD and signs it in; returns its bearer token. */
  userWithRole: (role: Role, email?: string) => Promise<{ id: string; email: string; token: string }>;
  signIn: (email: string, password?: string) => Promise<SignInResult>;
  stop: () => Promise<void>;
}

export interface SignInResult {
  status: number;
  token: string | null;
  body: { code?: string; message?: string } & Record<string, unknown>;
}

let counter = 0;
export function uniqueEmail(prefix = "user"): string {
  counter += 1;
  return `${prefix}-${process.pid}-${counter}-${Math.random().toString(36).slice(2, 8)}@example.com`;
}

/**
 * The real Hono app on a real port, over a database of its own. The server starts first so
 * the app knows its public URL (better-auth's base URL and the JWT issuer depend on it).
 */
export async function startTestApi(env: Record<string, string> = {}): Promise<TestApi> {
  const database = await createTestDatabase();
  const storageDir = await mkdtemp(join(tmpdir(), "niaga-files-"));
  let handler: (request: Request) => Response | Promise<Response> = () => new Response("starting", { status: 503 });
  const server = serve({ fetch: (request) => handler(request), port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    PUBLIC_API_URL: url,
    STORAGE_DIR: storageDir,
    LOG_LEVEL: "silent",
    AUTH_RATE_LIMIT_MAX: "1000",
    LOGIN_LOCKOUT_THRESHOLD: "50",
    ...env,
  });
  const services = buildServices({ config, db: database.db, logger: createLogger(config.LOG_LEVEL) });
  handler = createApp(services).fetch;

  const signIn = async (email: string, password = TEST_PASSWORD): Promise<SignInResult> => {
    const response = await fetch(`${url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: url },
      body: JSON.stringify({ email, password }),
    });
    return {
      status: response.status,
      token: response.headers.get("set-auth-token"),
      body: (await response.json().catch(() => ({}))) as SignInResult["body"],
    };
  };

  return {
    url,
    config,
    services,
    database,
    client: (token) => createNiagaClient({ url, ...(token && { auth: { type: "bearer" as const, token } }) }),
    signIn,
    userWithRole: async (role, email = uniqueEmail(role)) => {
      const created = await createUserWithPassword(services.auth, {
        email,
        name: `Test ${role}`,
        password: TEST_PASSWORD,
        role,
      });
      const result = await signIn(email);
      if (!result.token)
        throw new Error(`sign-in failed for ${email}: ${result.status} ${JSON.stringify(result.body)}`);
      return { id: created.id, email, token: result.token };
    },
    stop: async () => {
      // Ends live streams (and the LISTEN connection) first, or close would wait on them.
      await services.realtime.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.drop();
      await rm(storageDir, { recursive: true, force: true });
    },
  };
}

/** The better-auth client from the SDK, collecting the bearer token the server hands out. */
export function authClientFor(url: string) {
  let token: string | null = null;
  const client = createNiagaAuthClient({
    baseURL: url,
    getBearerToken: () => token,
    onBearerToken: (value) => {
      token = value;
    },
  });
  return { client, token: () => token };
}
