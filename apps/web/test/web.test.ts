import { fileURLToPath } from "node:url";
import type { RunningTestApi } from "@niaga/testing/api-server";
import { freePort, startTestApi } from "@niaga/testing/api-server";
import type { ServedApp } from "@niaga/testing/browser";
import { launchChromium, openAppPage, serveViteApp } from "@niaga/testing/browser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built storefront in headless Chromium against the real API and database. App and API are
// both on http://localhost (different ports), so the API's SameSite=Lax session cookie is sent.

const appRoot = fileURLToPath(new URL("..", import.meta.url));
const customer = {
  email: "sari@example.test",
  password: "correct horse battery",
  name: "Sari Wulandari",
  role: "customer",
} as const;

describe("storefront in Chromium", () => {
  let api: RunningTestApi;
  let site: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    // The app's origin must be trusted by the API, so reserve its port before starting both.
    const port = await freePort();
    const origin = `http://localhost:${port}`;
    [site, api, browser] = await Promise.all([
      serveViteApp(appRoot, { port }),
      startTestApi({ env: { TRUSTED_ORIGINS: origin } }),
      launchChromium(),
    ]);
    await api.createUser(customer);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await api?.stop();
  });

  async function signIn(page: Page, email: string, password: string) {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  it("signs a customer in, shows their profile, keeps the session on reload, and signs out", async () => {
    const page = await openAppPage(browser, { url: site.url, apiUrl: api.url });
    await signIn(page, customer.email, customer.password);

    await page.getByTestId("profile-email").waitFor();
    expect(await page.getByTestId("profile-email").textContent()).toBe(customer.email);
    expect(await page.getByTestId("profile-name").textContent()).toBe(customer.name);
    expect(await page.getByTestId("profile-role").textContent()).toBe("customer");
    expect(await page.getByTestId("header-user").textContent()).toBe(customer.name);

    await page.reload();
    await page.getByTestId("profile-email").waitFor();

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Sign in to Niaga" }).waitFor();
    expect(await page.getByTestId("profile-email").count()).toBe(0);
    await page.reload();
    await page.getByRole("heading", { name: "Sign in to Niaga" }).waitFor();
    await page.context().close();
  });

  it("shows an error for a wrong password and stays on the sign-in page", async () => {
    const page = await openAppPage(browser, { url: site.url, apiUrl: api.url });
    await signIn(page, customer.email, "not the password");

    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toMatch(/invalid email or password/i);
    expect(await page.getByTestId("profile-email").count()).toBe(0);
    await page.context().close();
  });

  it("creates a seller account from the sign-up form", async () => {
    const page = await openAppPage(browser, { url: site.url, apiUrl: api.url });
    await page.getByRole("button", { name: "Create an account" }).click();
    await page.getByLabel("Name").fill("Budi Santoso");
    await page.getByLabel("Email").fill("budi@example.test");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByLabel("Seller: I want to open a store").check();
    await page.getByRole("button", { name: "Create account" }).click();

    await page.getByTestId("profile-role").waitFor();
    expect(await page.getByTestId("profile-role").textContent()).toBe("seller");
    expect(await page.getByTestId("profile-email").textContent()).toBe("budi@example.test");
    await page.context().close();
  });
});
