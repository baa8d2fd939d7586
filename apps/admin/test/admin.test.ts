import { fileURLToPath } from "node:url";
import type { RunningTestApi } from "@niaga/testing/api-server";
import { freePort, startTestApi } from "@niaga/testing/api-server";
import type { ServedApp } from "@niaga/testing/browser";
import { launchChromium, openAppPage, serveViteApp } from "@niaga/testing/browser";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// The built admin console in headless Chromium against the real API and database. App and API
// are both on http://localhost (different ports), so the API's SameSite=Lax session cookie is sent.

const appRoot = fileURLToPath(new URL("..", import.meta.url));
const password = "correct horse battery";
const admin = { email: "admin@example.test", password, name: "Ayu Admin", role: "admin" } as const;
const customer = { email: "rina@example.test", password, name: "Rina Pembeli", role: "customer" } as const;
const seller = { email: "joko@example.test", password, name: "Joko Penjual", role: "seller" } as const;

describe("admin console in Chromium", () => {
  let api: RunningTestApi;
  let site: ServedApp;
  let browser: Browser;

  beforeAll(async () => {
    // The app's origin must be trusted by the API, so reserve its port before starting both.
    const port = await freePort();
    [site, api, browser] = await Promise.all([
      serveViteApp(appRoot, { port }),
      startTestApi({ env: { TRUSTED_ORIGINS: `http://localhost:${port}` } }),
      launchChromium(),
    ]);
    for (const user of [admin, customer, seller]) await api.createUser(user);
  });

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    await api?.stop();
  });

  /** Signs in on a fresh page (no cookies). */
  async function signIn(email: string): Promise<Page> {
    const page = await openAppPage(browser, { url: site.url, apiUrl: api.url });
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    return page;
  }

  it("shows an admin the users table, searchable by email", async () => {
    const page = await signIn(admin.email);
    const table = page.getByRole("table", { name: "Users" });

    await table.getByRole("cell", { name: customer.email }).waitFor();
    expect(await page.getByTestId("header-user").textContent()).toContain(admin.name);
    const customerRow = table.getByRole("row").filter({ hasText: customer.email });
    expect(await customerRow.getByRole("cell").allTextContents()).toEqual(
      expect.arrayContaining([customer.name, customer.email, "customer", "Active"]),
    );
    expect(await table.getByRole("row").count()).toBe(4); // header + admin, customer, seller

    await page.getByRole("searchbox", { name: "Search users" }).fill(seller.email);
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(() => table.getByRole("row").count()).toBe(2);
    expect(await table.getByRole("cell", { name: seller.email }).count()).toBe(1);

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("heading", { name: "Niaga Admin" }).waitFor();
    expect(await page.getByLabel("Email").count()).toBe(1);
    await page.context().close();
  });

  it("tells a customer they are not allowed", async () => {
    const page = await signIn(customer.email);

    await page.getByTestId("not-allowed").waitFor();
    expect(await page.getByRole("heading", { name: "Not allowed" }).count()).toBe(1);
    expect(await page.getByRole("table").count()).toBe(0);
    await page.context().close();
  });
});
