import type { CreateUserInput, RunningTestApi } from "@niaga/testing/api-server";
import { startTestApi } from "@niaga/testing/api-server";
import { launchChromium } from "@niaga/testing/browser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureExport } from "./support/expo-export.ts";
import { serveStatic } from "./support/static-server.ts";

// Behaviour test of the real web export (react-native-web) in Chromium against the real API and database.
// testIDs render as data-testid, which is what getByTestId matches.

const demo = {
  email: "dewi@niaga.test",
  password: "correct horse battery",
  name: "Dewi Lestari",
  role: "customer",
} satisfies CreateUserInput;
const seller = {
  email: "sari@niaga.test",
  password: "another long passphrase",
  name: "Sari Seller",
  role: "seller",
} satisfies CreateUserInput;

describe("mobile app on web", () => {
  let api: RunningTestApi;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;

  beforeAll(async () => {
    const [dist, startedBrowser] = await Promise.all([ensureExport("web"), launchChromium()]);
    browser = startedBrowser;
    site = await serveStatic(dist);
    // The page calls the API cross-origin: its CORS and better-auth's origin check must trust the page.
    api = await startTestApi({ env: { TRUSTED_ORIGINS: site.url } });
    await api.createUser(demo);
    await api.createUser(seller);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await api?.stop();
  });

  async function openApp(): Promise<Page> {
    // A fresh context per test: no token left in localStorage by another test.
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${site.url}/?api=${encodeURIComponent(api.url)}`);
    return page;
  }

  /** better-auth's view of a bearer token: the session, or null once revoked. */
  async function sessionFor(token: string | null): Promise<unknown> {
    const response = await fetch(`${api.url}/api/auth/get-session`, { headers: { authorization: `Bearer ${token}` } });
    return response.json();
  }

  async function signIn(page: Page, email: string, password: string) {
    await page.getByTestId("sign-in-email").fill(email);
    await page.getByTestId("sign-in-password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  it("signs in, shows the user's profile, and signs out", async () => {
    const page = await openApp();
    await signIn(page, demo.email, demo.password);

    await page.getByTestId("profile-email").waitFor();
    expect(await page.getByTestId("profile-email").textContent()).toBe(demo.email);
    expect(await page.getByTestId("profile-name").textContent()).toBe(demo.name);
    expect(await page.getByTestId("profile-role").textContent()).toBe(demo.role);

    // The token survives a reload (localStorage on web, SecureStore on native)...
    await page.reload();
    await page.getByTestId("profile-email").waitFor();

    // ...and signing out forgets it, and revokes it on the server.
    const token = await page.evaluate(() => localStorage.getItem("niaga.auth-token"));
    expect(await sessionFor(token)).not.toBeNull();
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("sign-in-email").waitFor();
    expect(await sessionFor(token)).toBeNull();
    await page.reload();
    await page.getByTestId("sign-in-email").waitFor();
    await page.context().close();
  });

  // Regression guard: cached profile data must not outlive the session that fetched it.
  it("shows the next user's profile, not the previous one's, after switching accounts", async () => {
    const page = await openApp();
    await signIn(page, demo.email, demo.password);
    await page.getByTestId("profile-email").waitFor();
    await page.getByRole("button", { name: "Sign out" }).click();

    await signIn(page, seller.email, seller.password);
    await page.getByTestId("profile-email").waitFor();
    expect(await page.getByTestId("profile-email").textContent()).toBe(seller.email);
    expect(await page.getByTestId("profile-role").textContent()).toBe(seller.role);
    await page.context().close();
  });

  it("shows an error for a wrong password and stays on the sign-in screen", async () => {
    const page = await openApp();
    await signIn(page, demo.email, "not the password");

    await page.getByTestId("sign-in-error").waitFor();
    expect(await page.getByTestId("sign-in-error").textContent()).toMatch(/invalid email or password/i);
    expect(await page.getByTestId("profile").count()).toBe(0);
    await page.context().close();
  });
});
