import { startTestApi } from "@niaga/testing/api-server";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { ensureExport } from "./support/expo-export.ts";
import { serveStatic } from "./support/static-server.ts";

// Behaviour test of the real web export (react-native-web) in Chromium against the real API and database.
// testIDs render as data-testid, which is what getByTestId matches.

const demo = { email: "dewi@example.test", password: "correct horse battery", name: "Dewi Lestari", role: "customer" };

describe("mobile app on web", () => {
  let api: Awaited<ReturnType<typeof startTestApi>>;
  let site: Awaited<ReturnType<typeof serveStatic>>;
  let browser: Browser;

  beforeAll(async () => {
    const [startedApi, dist, startedBrowser] = await Promise.all([
      startTestApi(),
      ensureExport("web"),
      launchChromium(),
    ]);
    api = startedApi;
    browser = startedBrowser;
    site = await serveStatic(dist);
    await api.createUser(demo);
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

    // ...and signing out forgets it.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByTestId("sign-in-email").waitFor();
    await page.reload();
    await page.getByTestId("sign-in-email").waitFor();
    await page.context().close();
  });

  it("shows an error for a wrong password and stays on the sign-in screen", async () => {
    const page = await openApp();
    await signIn(page, demo.email, "not the password");

    await page.getByTestId("sign-in-error").waitFor();
    expect(await page.getByTestId("sign-in-error").textContent()).not.toBe("");
    expect(await page.getByTestId("profile").count()).toBe(0);
    await page.context().close();
  });
});
