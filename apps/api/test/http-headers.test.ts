import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const UNTRUSTED = "https://evil.example";
const queryPath = `/trpc/public.products.get?input=${encodeURIComponent(JSON.stringify({ json: { slug: "nope" } }))}`;

// Every kind of answer the app gives: the light query path, tRPC's adapter, better-auth, a plain
// Hono route, the not-found handler. Each builds its response differently.
const answers: { name: string; path: string; init?: RequestInit }[] = [
  { name: "a tRPC query", path: queryPath },
  {
    name: "a tRPC mutation",
    path: "/trpc/customer.cart.add",
    init: { method: "POST", headers: { "content-type": "application/json" }, body: "{}" },
  },
  { name: "better-auth", path: "/api/auth/get-session" },
  { name: "a health check", path: "/healthz" },
  { name: "an unknown route", path: "/no/such/route" },
];

describe("response headers", () => {
  it("carry CORS for trusted origins, the request id and the secure headers on every kind of answer", async () => {
    const origin = api.services.config.trustedOrigins[0] as string;
    for (const { name, path, init } of answers) {
      const response = await fetch(`${api.url}${path}`, {
        ...init,
        headers: { ...init?.headers, origin, "x-request-id": `headers-${name.replaceAll(" ", "-")}` },
      });
      expect(Object.fromEntries(response.headers), name).toMatchObject({
        "access-control-allow-origin": origin,
        "access-control-allow-credentials": "true",
        "access-control-expose-headers": "set-auth-token,x-request-id",
        "x-request-id": `headers-${name.replaceAll(" ", "-")}`,
        "x-content-type-options": "nosniff",
        "x-frame-options": "SAMEORIGIN",
      });
      expect(response.headers.get("vary"), name).toContain("Origin");

      const untrusted = await fetch(`${api.url}${path}`, { ...init, headers: { ...init?.headers, origin: UNTRUSTED } });
      expect(untrusted.headers.get("access-control-allow-origin"), name).toBeNull();
      expect(untrusted.headers.get("x-request-id"), name).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it("answer preflights for trusted origins only", async () => {
    const origin = api.services.config.trustedOrigins[0] as string;
    const preflight = (from: string) =>
      fetch(`${api.url}/trpc/customer.cart.add`, {
        method: "OPTIONS",
        headers: {
          origin: from,
          "access-control-request-method": "POST",
          "access-control-request-headers": "content-type",
        },
      });
    const trusted = await preflight(origin);
    expect(trusted.status).toBe(204);
    expect(Object.fromEntries(trusted.headers)).toMatchObject({
      "access-control-allow-origin": origin,
      "access-control-allow-credentials": "true",
      "access-control-allow-methods": "GET,POST,OPTIONS",
      "access-control-allow-headers": "content-type,authorization,x-api-key,x-request-id,trpc-accept",
      "access-control-max-age": "600",
    });
    const refused = await preflight(UNTRUSTED);
    expect(refused.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("still refuse oversize bodies, and ignore a GET's", async () => {
    const limit = api.services.config.UPLOAD_MAX_BYTES + 64 * 1024;
    const oversize = await fetch(`${api.url}/trpc/customer.cart.add`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ padding: "x".repeat(limit) }),
    });
    expect(oversize.status).toBe(413);
    expect(await oversize.json()).toEqual({ message: `The request body is larger than ${limit} bytes.` });

    // Without a declared length (chunked), the body is counted as it arrives.
    const chunked = (bytes: number) =>
      fetch(`${api.url}/trpc/customer.cart.add`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(JSON.stringify({ padding: "x".repeat(bytes) })));
            controller.close();
          },
        }),
        duplex: "half",
      } as RequestInit);
    expect((await chunked(limit)).status).toBe(413);
    expect((await chunked(10)).status).toBe(401);
    const query = await fetch(`${api.url}${queryPath}`);
    expect(query.status).toBe(404);
  });
});
