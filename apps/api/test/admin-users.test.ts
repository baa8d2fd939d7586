import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi, TEST_PASSWORD, uniqueEmail } from "./support/harness.ts";

let api: TestApi;
let admin: { id: string; token: string };
let superadmin: { id: string; token: string };

beforeAll(async () => {
  api = await startTestApi();
  admin = await api.userWithRole("admin");
  superadmin = await api.userWithRole("superadmin");
});
afterAll(() => api.stop());

describe("admin.users.list", () => {
  it("searches, filters by role and pages with a stable cursor", async () => {
    const tag = `pager${Date.now().toString(36)}`;
    for (let index = 0; index < 5; index++) await api.userWithRole("seller", uniqueEmail(`${tag}-s${index}`));
    await api.userWithRole("customer", uniqueEmail(`${tag}-c`));
    const client = api.client(admin.token);

    const sellers = await client.admin.users.list.query({ search: tag, role: "seller", limit: 2 });
    expect(sellers.items).toHaveLength(2);
    expect(sellers.items.every((user) => user.role === "seller")).toBe(true);
    const seen = new Set(sellers.items.map((user) => user.id));
    let cursor = sellers.nextCursor;
    while (cursor) {
      const page = await client.admin.users.list.query({ search: tag, role: "seller", limit: 2, cursor });
      for (const user of page.items) {
        expect(seen.has(user.id)).toBe(false);
        seen.add(user.id);
      }
      cursor = page.nextCursor;
    }
    expect(seen.size).toBe(5);
    const everyone = await client.admin.users.list.query({ search: tag, limit: 50 });
    expect(everyone.items).toHaveLength(6);
    expect(everyone.nextCursor).toBeNull();
  });

  it("treats search text literally (no LIKE wildcards)", async () => {
    const result = await api.client(admin.token).admin.users.list.query({ search: "%", limit: 5 });
    expect(result.items).toHaveLength(0);
  });
});

describe("admin.users.setRole", () => {
  it("lets an admin make a customer a seller, and records who did it", async () => {
    const user = await api.userWithRole("customer");
    const updated = await api.client(admin.token).admin.users.setRole.mutate({ userId: user.id, role: "seller" });
    expect(updated.role).toBe("seller");
    expect((await api.client(user.token).customer.me.get.query()).role).toBe("seller");
    const audit = await api.client(admin.token).admin.audit.list.query({ targetType: "user", targetId: user.id });
    expect(audit[0]).toMatchObject({
      action: "user.role_changed",
      actorId: admin.id,
      data: { from: "customer", to: "seller" },
    });
  });

  it("keeps admin accounts the superadmin's alone", async () => {
    const user = await api.userWithRole("customer");
    const otherAdmin = await api.userWithRole("admin");
    const asAdmin = api.client(admin.token);
    expect(await codeOf(asAdmin.admin.users.setRole.mutate({ userId: user.id, role: "admin" }))).toBe("FORBIDDEN");
    expect(await codeOf(asAdmin.admin.users.setRole.mutate({ userId: otherAdmin.id, role: "customer" }))).toBe(
      "FORBIDDEN",
    );
    expect(await codeOf(asAdmin.admin.users.setActive.mutate({ userId: otherAdmin.id, active: false }))).toBe(
      "FORBIDDEN",
    );
    const promoted = await api.client(superadmin.token).admin.users.setRole.mutate({ userId: user.id, role: "admin" });
    expect(promoted.role).toBe("admin");
  });

  it("refuses to change your own role and answers NOT_FOUND for unknown users", async () => {
    const asAdmin = api.client(admin.token);
    expect(await codeOf(asAdmin.admin.users.setRole.mutate({ userId: admin.id, role: "customer" }))).toBe("FORBIDDEN");
    expect(await codeOf(asAdmin.admin.users.setRole.mutate({ userId: "no-such-user", role: "seller" }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("admin.users.createAdmin", () => {
  it("creates an admin who can sign in and use admin procedures; duplicates conflict", async () => {
    const email = uniqueEmail("new-admin");
    const created = await api
      .client(superadmin.token)
      .admin.users.createAdmin.mutate({ email, name: "Nadia Admin", password: TEST_PASSWORD });
    expect(created).toMatchObject({ email, role: "admin", active: true });
    const signIn = await api.signIn(email);
    expect(signIn.status).toBe(200);
    expect(await codeOf(api.client(signIn.token ?? undefined).admin.users.list.query({ limit: 1 }))).toBe("OK");

    const again = api
      .client(superadmin.token)
      .admin.users.createAdmin.mutate({ email, name: "Dup", password: TEST_PASSWORD });
    expect(await codeOf(again)).toBe("CONFLICT");
  });

  it("validates the new account's fields", async () => {
    const bad = api
      .client(superadmin.token)
      .admin.users.createAdmin.mutate({ email: "not-an-email", name: "", password: "short" });
    expect(await codeOf(bad)).toBe("BAD_REQUEST");
  });
});

describe("API keys", () => {
  it("an admin issues a key bound to a user; the key acts as that user until revoked", async () => {
    const bot = await api.userWithRole("manager");
    const asAdmin = api.client(admin.token);
    const issued = await asAdmin.admin.apiKeys.create.mutate({ userId: bot.id, name: "nightly report" });
    expect(issued.key).toMatch(/^nk_/);
    expect(issued.role).toBe("manager");

    const { createNiagaClient } = await import("@niaga/client");
    const script = createNiagaClient({ url: api.url, auth: { type: "apiKey", key: issued.key } });
    expect((await script.customer.me.get.query()).id).toBe(bot.id);

    const listed = await asAdmin.admin.apiKeys.list.query({ userId: bot.id });
    expect(listed).toHaveLength(1);
    expect(listed[0]?.lastUsedAt).toBeInstanceOf(Date);
    expect(JSON.stringify(listed)).not.toContain(issued.key);

    await asAdmin.admin.apiKeys.revoke.mutate({ id: issued.id });
    expect(await codeOf(script.customer.me.get.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(asAdmin.admin.apiKeys.revoke.mutate({ id: issued.id }))).toBe("NOT_FOUND");
  });

  it("stops working when its user's role changes", async () => {
    const user = await api.userWithRole("customer");
    const issued = await api.client(admin.token).admin.apiKeys.create.mutate({ userId: user.id, name: "k" });
    const { createNiagaClient } = await import("@niaga/client");
    const script = createNiagaClient({ url: api.url, auth: { type: "apiKey", key: issued.key } });
    expect(await codeOf(script.customer.me.get.query())).toBe("OK");
    await api.client(admin.token).admin.users.setRole.mutate({ userId: user.id, role: "seller" });
    expect(await codeOf(script.customer.me.get.query())).toBe("UNAUTHORIZED");
  });

  it("refuses a made-up key", async () => {
    const { createNiagaClient } = await import("@niaga/client");
    const script = createNiagaClient({ url: api.url, auth: { type: "apiKey", key: `nk_${"x".repeat(43)}` } });
    expect(await codeOf(script.customer.me.get.query())).toBe("UNAUTHORIZED");
  });
});
