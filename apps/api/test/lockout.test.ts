import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

// Own server: a low lockout threshold that would disturb other tests.
let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ LOGIN_LOCKOUT_THRESHOLD: "3", LOGIN_LOCKOUT_MINUTES: "15" });
});
afterAll(() => api.stop());

describe("login protection", () => {
  it("locks an account after repeated failures, with a clear error, even for the right password", async () => {
    const user = await api.userWithRole("customer");
    for (let attempt = 0; attempt < 3; attempt++) {
      expect((await api.signIn(user.email, "wrong-password-123")).status).toBe(401);
    }
    const locked = await api.signIn(user.email);
    expect(locked.status).toBe(403);
    expect(locked.body.code).toBe("ACCOUNT_LOCKED");
    expect(locked.body.message).toMatch(/locked for 15 more minutes/);
  });

  it("counts concurrent failures exactly", async () => {
    const user = await api.userWithRole("customer");
    await Promise.all(Array.from({ length: 2 }, () => api.signIn(user.email, "wrong-password-123")));
    expect((await api.signIn(user.email)).status).toBe(200);
    await Promise.all(Array.from({ length: 3 }, () => api.signIn(user.email, "wrong-password-123")));
    expect((await api.signIn(user.email)).body.code).toBe("ACCOUNT_LOCKED");
  });

  it("a success resets the count", async () => {
    const user = await api.userWithRole("customer");
    await api.signIn(user.email, "wrong-password-123");
    await api.signIn(user.email, "wrong-password-123");
    expect((await api.signIn(user.email)).status).toBe(200);
    await api.signIn(user.email, "wrong-password-123");
    await api.signIn(user.email, "wrong-password-123");
    expect((await api.signIn(user.email)).status).toBe(200);
  });
});
