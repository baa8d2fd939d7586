import { createNiagaClient } from "@niaga/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

// A valid 1×1 PNG.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ UPLOAD_MAX_BYTES: "2048" });
});
afterAll(() => api.stop());

function avatarForm(bytes: Uint8Array, type: string, name = "avatar.png"): FormData {
  const form = new FormData();
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], name, { type }));
  return form;
}

describe("profile", () => {
  it("updates name and phone, normalising the phone", async () => {
    const user = await api.userWithRole("customer");
    const me = await api.client(user.token).customer.me.update.mutate({ name: "  Budi  ", phone: "+62 812-3456-7890" });
    expect(me).toMatchObject({ name: "Budi", phone: "+6281234567890" });
  });

  it("refuses a bad phone and an empty update with field messages", async () => {
    const client = api.client((await api.userWithRole("customer")).token);
    expect(await codeOf(client.customer.me.update.mutate({ phone: "call me" }))).toBe("BAD_REQUEST");
    expect(await codeOf(client.customer.me.update.mutate({}))).toBe("BAD_REQUEST");
  });
});

describe("avatar upload", () => {
  it("stores a PNG behind the storage interface and serves it with cache headers", async () => {
    const user = await api.userWithRole("customer");
    const me = await api.client(user.token).customer.me.uploadAvatar.mutate(avatarForm(PNG, "image/png"));
    expect(me.image).toMatch(new RegExp(`^${api.url}/files/avatars/${user.id}/[0-9a-f]{32}\\.png$`));
    const served = await fetch(me.image as string);
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(served.headers.get("cache-control")).toContain("immutable");
    expect(new Uint8Array(await served.arrayBuffer())).toEqual(PNG);
  });

  it("refuses a file that is not an image, whatever its declared type", async () => {
    const client = api.client((await api.userWithRole("customer")).token);
    const fake = new TextEncoder().encode("<svg onload=alert(1)></svg>");
    expect(await codeOf(client.customer.me.uploadAvatar.mutate(avatarForm(fake, "image/png")))).toBe(
      "UNSUPPORTED_MEDIA_TYPE",
    );
  });

  it("refuses an image over the size limit with a clear error", async () => {
    const client = api.client((await api.userWithRole("customer")).token);
    const big = new Uint8Array(3000);
    big.set(PNG);
    const error = await client.customer.me.uploadAvatar.mutate(avatarForm(big, "image/png")).catch((caught) => caught);
    expect(error.data.code).toBe("PAYLOAD_TOO_LARGE");
    expect(error.message).toMatch(/larger than 2 KiB/);
  });

  it("does not serve paths outside the storage folder", async () => {
    expect((await fetch(`${api.url}/files/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
  });
});

describe("service-to-service JWTs", () => {
  it("issues a short-lived JWT for a session that the API accepts, and publishes the JWKS", async () => {
    const user = await api.userWithRole("seller");
    const response = await fetch(`${api.url}/api/auth/token`, { headers: { authorization: `Bearer ${user.token}` } });
    const { token } = (await response.json()) as { token: string };
    expect(token.split(".")).toHaveLength(3);
    const service = createNiagaClient({ url: api.url, auth: { type: "jwt", token } });
    expect((await service.customer.me.get.query()).id).toBe(user.id);

    const jwks = (await (await fetch(`${api.url}/api/auth/jwks`)).json()) as { keys: unknown[] };
    expect(jwks.keys.length).toBeGreaterThan(0);

    const [header, payload] = token.split(".");
    const forged = `${header}.${payload}.${"A".repeat(86)}`;
    const attacker = createNiagaClient({ url: api.url, auth: { type: "jwt", token: forged } });
    expect(await codeOf(attacker.customer.me.get.query())).toBe("UNAUTHORIZED");
  });
});

describe("outbound HTTP in tests", () => {
  it("fails any request to a host no msw handler answers", async () => {
    await expect(fetch("https://api.example-gateway.com/v1/charges")).rejects.toThrow();
  });
});

describe("health", () => {
  it("answers liveness and readiness", async () => {
    expect(await (await fetch(`${api.url}/healthz`)).json()).toEqual({ status: "ok" });
    expect(await (await fetch(`${api.url}/readyz`)).json()).toEqual({ status: "ready" });
    const health = await api.client().public.health.query();
    expect(health.status).toBe("ok");
    expect(health.time).toBeInstanceOf(Date);
  });
});
