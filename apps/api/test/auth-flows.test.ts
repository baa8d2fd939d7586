import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { authClientFor, startTestApi, TEST_PASSWORD, uniqueEmail } from "./support/harness.ts";

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

describe("sign-up, sign-in and sign-out through the SDK", () => {
  it("signs up a customer, who then reads their profile with the bearer token", async () => {
    const { client: auth, token } = authClientFor(api.url);
    const email = uniqueEmail("shopper");
    const result = await auth.signUp.email({ email, password: TEST_PASSWORD, name: "Sita Shopper" });
    expect(result.error).toBeNull();
    const me = await api.client(token() ?? undefined).customer.me.get.query();
    expect(me).toMatchObject({ email, name: "Sita Shopper", role: "customer" });
    expect(me.createdAt).toBeInstanceOf(Date);
  });

  it("signs up a seller when asked, and refuses a staff role at sign-up", async () => {
    const { client: auth, token } = authClientFor(api.url);
    const email = uniqueEmail("vendor");
    await auth.signUp.email({ email, password: TEST_PASSWORD, name: "Vera Vendor", accountType: "seller" });
    expect((await api.client(token() ?? undefined).customer.me.get.query()).role).toBe("seller");

    const sneaky = authClientFor(api.url);
    const refused = await sneaky.client.signUp.email({
      email: uniqueEmail("sneaky"),
      password: TEST_PASSWORD,
      name: "Sneaky",
      accountType: "admin",
    });
    expect(refused.error?.status).toBe(400);
    const roleField = await fetch(`${api.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: uniqueEmail("sneaky"), password: TEST_PASSWORD, name: "S", role: "admin" }),
    });
    expect(roleField.status).toBe(400);
  });

  it("refuses a wrong password with 401 and a short password at sign-up with 400", async () => {
    const user = await api.userWithRole("customer");
    const wrong = await api.signIn(user.email, "not-the-password");
    expect(wrong.status).toBe(401);
    expect(wrong.token).toBeNull();
    const short = await fetch(`${api.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: uniqueEmail(), password: "short", name: "Shorty" }),
    });
    expect(short.status).toBe(400);
  });

  it("signs out: the token stops working on the next request", async () => {
    const user = await api.userWithRole("customer");
    const client = api.client(user.token);
    expect((await client.customer.me.get.query()).email).toBe(user.email);
    const signOut = await fetch(`${api.url}/api/auth/sign-out`, {
      method: "POST",
      headers: { authorization: `Bearer ${user.token}`, origin: api.url, "content-type": "application/json" },
      body: "{}",
    });
    expect(signOut.status).toBe(200);
    expect(await codeOf(client.customer.me.get.query())).toBe("UNAUTHORIZED");
  });

  it("works with a cookie session, as the web apps use it", async () => {
    const user = await api.userWithRole("seller");
    const response = await fetch(`${api.url}/api/auth/sign-in/email`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    const cookie = response.headers
      .getSetCookie()
      .map((line) => line.split(";")[0])
      .join("; ");
    expect(cookie).toContain("session_token");
    const { createNiagaClient } = await import("@niaga/client");
    const me = await createNiagaClient({ url: api.url, auth: { type: "cookie", cookie } }).customer.me.get.query();
    expect(me.role).toBe("seller");
  });
});

describe("password reset", () => {
  it("sends a single-use link through the outbox; the new password works and the old one does not", async () => {
    const user = await api.userWithRole("customer");
    const { client: auth } = authClientFor(api.url);
    const requested = await auth.requestPasswordReset({ email: user.email, redirectTo: "http://localhost:5173/reset" });
    expect(requested.error).toBeNull();

    const outbox = (await (await fetch(`${api.url}/dev/outbox?to=${encodeURIComponent(user.email)}`)).json()) as {
      subject: string;
      text: string;
    }[];
    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.subject).toMatch(/reset/i);
    const link = outbox[0]?.text.match(/https?:\/\/\S+/)?.[0];
    expect(link).toBeDefined();
    const token = new URL(link as string).pathname.split("/").pop() as string;

    const reset = await auth.resetPassword({ newPassword: "a-brand-new-password", token });
    expect(reset.error).toBeNull();
    expect((await api.signIn(user.email)).status).toBe(401);
    expect((await api.signIn(user.email, "a-brand-new-password")).status).toBe(200);
    // Resetting revoked the sessions that existed before.
    expect(await codeOf(api.client(user.token).customer.me.get.query())).toBe("UNAUTHORIZED");

    const again = await auth.resetPassword({ newPassword: "yet-another-password", token });
    expect(again.error?.status).toBe(400);
  });

  it("answers the same for an unknown email and sends nothing", async () => {
    const email = uniqueEmail("ghost");
    const { client: auth } = authClientFor(api.url);
    const requested = await auth.requestPasswordReset({ email, redirectTo: "http://localhost:5173/reset" });
    expect(requested.error).toBeNull();
    const outbox = (await (await fetch(`${api.url}/dev/outbox?to=${encodeURIComponent(email)}`)).json()) as unknown[];
    expect(outbox).toHaveLength(0);
  });
});

describe("deactivated accounts", () => {
  it("locks a banned user out at once: live tokens die and sign-in is refused", async () => {
    const admin = await api.userWithRole("admin");
    const user = await api.userWithRole("customer");
    const client = api.client(user.token);
    expect(await codeOf(client.customer.me.get.query())).toBe("OK");

    await api.client(admin.token).admin.users.setActive.mutate({ userId: user.id, active: false, reason: "fraud" });
    expect(await codeOf(client.customer.me.get.query())).toBe("UNAUTHORIZED");
    const signIn = await api.signIn(user.email);
    expect(signIn.status).toBe(403);
    expect(signIn.body.code).toBe("BANNED_USER");

    await api.client(admin.token).admin.users.setActive.mutate({ userId: user.id, active: true });
    expect((await api.signIn(user.email)).status).toBe(200);
  });
});

describe("sessions", () => {
  it("lists my sessions and revokes one; revocation bites on the very next request", async () => {
    const user = await api.userWithRole("customer");
    const second = await api.signIn(user.email);
    const phone = api.client(second.token ?? undefined);
    const laptop = api.client(user.token);

    const sessions = await laptop.customer.sessions.list.query();
    expect(sessions).toHaveLength(2);
    expect(sessions.filter((session) => session.current)).toHaveLength(1);
    const other = sessions.find((session) => !session.current);
    await laptop.customer.sessions.revoke.mutate({ sessionId: other?.id as string });
    expect(await codeOf(phone.customer.me.get.query())).toBe("UNAUTHORIZED");
    expect(await codeOf(laptop.customer.me.get.query())).toBe("OK");
  });

  it("answers NOT_FOUND for another user's session id", async () => {
    const alice = await api.userWithRole("customer");
    const bob = await api.userWithRole("customer");
    const [bobSession] = await api.client(bob.token).customer.sessions.list.query();
    expect(
      await codeOf(api.client(alice.token).customer.sessions.revoke.mutate({ sessionId: bobSession?.id as string })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(api.client(bob.token).customer.me.get.query())).toBe("OK");
  });

  it("lets an admin list and revoke a user's sessions", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    const user = await api.userWithRole("seller");
    const listed = await admin.admin.sessions.list.query({ userId: user.id });
    expect(listed).toHaveLength(1);
    expect(await admin.admin.sessions.revoke.mutate({ userId: user.id })).toEqual({ revoked: 1 });
    expect(await codeOf(api.client(user.token).customer.me.get.query())).toBe("UNAUTHORIZED");
  });
});
