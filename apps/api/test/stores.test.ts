import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS, imageForm, PNG, sellerWithStore, uniqueSlug } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ UPLOAD_MAX_BYTES: "2048" });
});
afterAll(() => api.stop());

describe("seller.store", () => {
  it("creates, reads and updates the seller's store; the public page shows it by slug", async () => {
    const seller = await api.userWithRole("seller");
    const client = api.client(seller.token);
    expect(await codeOf(client.seller.store.get.query())).toBe("NOT_FOUND");
    const slug = uniqueSlug("toko-maju");
    const created = await client.seller.store.create.mutate({
      name: "Toko Maju",
      slug,
      contact: { email: "maju@example.com", phone: "0812 3456 7890" },
      address: ADDRESS,
    });
    expect(created).toMatchObject({ slug, status: "open", contact: { phone: "081234567890" } });
    expect((await client.seller.store.get.query()).id).toBe(created.id);
    const updated = await client.seller.store.update.mutate({ data: { status: "holiday", description: "Libur dulu" } });
    expect(updated).toMatchObject({ status: "holiday", description: "Libur dulu" });
    const page = await api.client().public.stores.get.query({ slug });
    expect(page).toMatchObject({ name: "Toko Maju", status: "holiday", productCount: 0, followerCount: 0 });
    expect(page).not.toHaveProperty("contact");
    expect(await codeOf(api.client().public.stores.get.query({ slug: "tidak-ada-toko" }))).toBe("NOT_FOUND");
  });

  it("answers CONFLICT with a slug field error for a taken slug, and BAD_REQUEST for a malformed one", async () => {
    const { store } = await sellerWithStore(api);
    const other = api.client((await api.userWithRole("seller")).token);
    const error = await other.seller.store.create
      .mutate({ name: "Tiruan", slug: store.slug, address: ADDRESS })
      .catch((caught) => caught);
    expect(error.data).toMatchObject({ code: "CONFLICT", fieldErrors: { slug: ["This slug is already in use"] } });
    const bad = await other.seller.store.create
      .mutate({ name: "X", slug: "Bukan Slug!", address: { ...ADDRESS, postalCode: "12" } })
      .catch((caught) => caught);
    expect(bad.data.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.data.fieldErrors).sort()).toEqual(["address.postalCode", "slug"]);
  });

  it("uploads a logo and a banner as images under content-addressed keys", async () => {
    const { client } = await sellerWithStore(api);
    const withLogo = await client.seller.store.uploadLogo.mutate(imageForm(PNG));
    expect(withLogo.logoUrl).toMatch(/\/files\/stores\/[a-z0-9]+\/logo-[0-9a-f]{32}\.png$/);
    const file = await fetch(withLogo.logoUrl ?? "");
    expect(file.status).toBe(200);
    const withBanner = await client.seller.store.uploadBanner.mutate(imageForm(PNG));
    expect(withBanner.bannerUrl).toMatch(/banner-[0-9a-f]{32}\.png$/);
    expect(await codeOf(client.seller.store.uploadLogo.mutate(imageForm(new Uint8Array([1, 2, 3]))))).toBe(
      "UNSUPPORTED_MEDIA_TYPE",
    );
    expect(await codeOf(client.seller.store.uploadBanner.mutate(imageForm(new Uint8Array(4096).fill(0x89))))).toBe(
      "PAYLOAD_TOO_LARGE",
    );
  });
});

describe("seller.locations", () => {
  it("lists the default location, adds more and moves the default", async () => {
    const { client } = await sellerWithStore(api);
    const [main] = await client.seller.locations.list.query();
    expect(main).toMatchObject({ isDefault: true, address: ADDRESS });
    const second = await client.seller.locations.create.mutate({
      name: "Gudang Jakarta",
      address: { city: "Jakarta", postalCode: "10110" },
    });
    expect(second.isDefault).toBe(false);
    const after = await client.seller.locations.setDefault.mutate({ id: second.id });
    expect(after.filter((location) => location.isDefault).map((location) => location.id)).toEqual([second.id]);
    const renamed = await client.seller.locations.update.mutate({ id: second.id, data: { name: "Gudang Cakung" } });
    expect(renamed.name).toBe("Gudang Cakung");
    const stranger = await sellerWithStore(api);
    expect(await codeOf(stranger.client.seller.locations.setDefault.mutate({ id: second.id }))).toBe("NOT_FOUND");
  });
});

describe("store procedures by role", () => {
  const cases = [
    ["anonymous", "UNAUTHORIZED"],
    ["customer", "FORBIDDEN"],
    ["manager", "FORBIDDEN"],
    ["admin", "FORBIDDEN"],
    ["superadmin", "FORBIDDEN"],
  ] as const;
  for (const [role, code] of cases) {
    it(`refuses seller.store.create for ${role}`, async () => {
      const token = role === "anonymous" ? undefined : (await api.userWithRole(role)).token;
      const call = api.client(token).seller.store.create.mutate({ name: "X", slug: uniqueSlug("x"), address: ADDRESS });
      expect(await codeOf(call)).toBe(code);
    });
  }
});
