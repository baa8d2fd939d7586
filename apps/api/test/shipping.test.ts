import { seedDefaultRateTable } from "@niaga/core/shipping/rate-table.seed";
import { mswServer } from "@niaga/testing/msw-setup";
import { FAKE_RAJAONGKIR_KEY, FAKE_RAJAONGKIR_URL, fakeRajaOngkir } from "@niaga/testing/rajaongkir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sellerWithStore } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
});
afterAll(() => api.stop());

const SURABAYA = {
  recipient: "Budi",
  phone: "081234567890",
  line: "Jl. Tunjungan 1",
  city: "Surabaya",
  postalCode: "60119",
  region: "Jawa Timur",
};
const RATE = {
  originRegion: "Jawa Barat",
  destinationRegion: "Jawa Timur",
  courier: "jne",
  service: "REG",
  description: "Layanan Reguler",
  firstKgPrice: 1_400_000,
  nextKgPrice: 1_000_000,
  etaDays: { min: 2, max: 3 },
};

describe("admin rate table over HTTP", () => {
  it("upserts, lists and deletes rows, audited; other roles are refused", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    const created = await admin.admin.shipping.rates.upsert.mutate({ ...RATE, courier: "tiki", service: "ECO" });
    expect(created).toMatchObject({ courier: "tiki", service: "ECO", maxWeightGrams: null, firstKgPrice: 1_400_000 });
    const again = await admin.admin.shipping.rates.upsert.mutate({
      ...RATE,
      courier: "TIKI",
      service: "ECO",
      firstKgPrice: 1_300_000,
    });
    expect(again.id).toBe(created.id);
    expect((await admin.admin.shipping.rates.list.query({ courier: "tiki" })).map((row) => row.firstKgPrice)).toEqual([
      1_300_000,
    ]);
    expect(await admin.admin.shipping.rates.delete.mutate({ id: created.id })).toEqual({ id: created.id });
    expect(await codeOf(admin.admin.shipping.rates.delete.mutate({ id: created.id }))).toBe("NOT_FOUND");
    const audit = await admin.admin.audit.list.query({ targetType: "shipping_rate", targetId: created.id, limit: 5 });
    expect(audit.map((entry) => entry.action)).toEqual([
      "shipping_rate.deleted",
      "shipping_rate.upserted",
      "shipping_rate.upserted",
    ]);

    const invalid = await admin.admin.shipping.rates.upsert
      .mutate({ ...RATE, firstKgPrice: -5, etaDays: { min: 4, max: 1 } })
      .catch((caught) => caught);
    expect(Object.keys(invalid.data.fieldErrors).sort()).toEqual(["etaDays.max", "firstKgPrice"]);

    for (const role of ["customer", "seller", "manager"] as const) {
      const other = api.client((await api.userWithRole(role)).token);
      expect(await codeOf(other.admin.shipping.rates.upsert.mutate(RATE))).toBe("FORBIDDEN");
    }
  });
});

describe("customer shipping quote over HTTP (rate table)", () => {
  it("quotes from the store's default location to the customer's address", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    await admin.admin.shipping.rates.upsert.mutate(RATE);
    await admin.admin.shipping.rates.upsert.mutate({
      ...RATE,
      destinationRegion: "*",
      service: "YES",
      description: "Yakin Esok Sampai",
      firstKgPrice: 3_000_000,
      nextKgPrice: 2_500_000,
      maxWeightGrams: 3000,
      etaDays: { min: 1, max: 1 },
    });
    const { store } = await sellerWithStore(api);
    const client = api.client((await api.userWithRole("customer")).token);
    const address = await client.customer.addresses.create.mutate(SURABAYA);

    const quote = await client.customer.shipping.quote.query({
      addressId: address.id,
      storeId: store.id,
      weightGrams: 2300,
    });
    expect(quote).toEqual({
      provider: "rate-table",
      services: [
        {
          courier: "jne",
          service: "REG",
          description: "Layanan Reguler",
          price: 1_400_000 + 2 * 1_000_000,
          etaDays: { min: 2, max: 3 },
        },
        {
          courier: "jne",
          service: "YES",
          description: "Yakin Esok Sampai",
          price: 3_000_000 + 2 * 2_500_000,
          etaDays: { min: 1, max: 1 },
        },
      ],
    });
    // Over the YES limit only REG remains; a courier nobody configured is INVALID, with the reason.
    const heavy = await client.customer.shipping.quote.query({
      addressId: address.id,
      storeId: store.id,
      weightGrams: 3500,
    });
    expect(heavy.services.map((service) => service.service)).toEqual(["REG"]);
    const none = await client.customer.shipping.quote
      .query({ addressId: address.id, storeId: store.id, weightGrams: 1000, courier: "pos" })
      .catch((caught) => caught);
    expect(none.data).toMatchObject({
      code: "BAD_REQUEST",
      fieldErrors: {
        shipping: ["No shipping service delivers pos from Bandung (Jawa Barat) to Surabaya (Jawa Timur) for 1000 g"],
      },
    });
  });

  it("follows the store's default location when the seller moves it", async () => {
    const admin = api.client((await api.userWithRole("admin")).token);
    await admin.admin.shipping.rates.upsert.mutate({ ...RATE, originRegion: "Bali", firstKgPrice: 2_000_000 });
    const seller = await sellerWithStore(api);
    const bali = await seller.client.seller.locations.create.mutate({
      name: "Gudang Bali",
      address: { line: "Jl. Sunset", city: "Denpasar", postalCode: "80111", region: "Bali" },
      isDefault: true,
    });
    expect(bali.isDefault).toBe(true);
    const client = api.client((await api.userWithRole("customer")).token);
    const address = await client.customer.addresses.create.mutate(SURABAYA);
    const quote = await client.customer.shipping.quote.query({
      addressId: address.id,
      storeId: seller.store.id,
      weightGrams: 500,
    });
    expect(quote.services.map((service) => service.price)).toEqual([2_000_000]);
  });

  it("answers NOT_FOUND for someone else's address or an unknown store, and checks input", async () => {
    const { store } = await sellerWithStore(api);
    const owner = api.client((await api.userWithRole("customer")).token);
    const stranger = api.client((await api.userWithRole("customer")).token);
    const address = await owner.customer.addresses.create.mutate(SURABAYA);
    expect(
      await codeOf(
        stranger.customer.shipping.quote.query({ addressId: address.id, storeId: store.id, weightGrams: 500 }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await codeOf(owner.customer.shipping.quote.query({ addressId: address.id, storeId: "nope", weightGrams: 500 })),
    ).toBe("NOT_FOUND");
    const bad = await owner.customer.shipping.quote
      .query({ addressId: address.id, storeId: store.id, weightGrams: 0.5 })
      .catch((caught) => caught);
    expect(bad.data.fieldErrors).toEqual({ weightGrams: ["Weight is a whole number of grams"] });
    expect(
      await codeOf(
        api.client().customer.shipping.quote.query({ addressId: address.id, storeId: store.id, weightGrams: 5 }),
      ),
    ).toBe("UNAUTHORIZED");
  });

  it("quotes every route from the seeded default table", async () => {
    await seedDefaultRateTable(api.database.db);
    const { store } = await sellerWithStore(api);
    const client = api.client((await api.userWithRole("customer")).token);
    const address = await client.customer.addresses.create.mutate({ ...SURABAYA, city: "Jayapura", region: "Papua" });
    const quote = await client.customer.shipping.quote.query({
      addressId: address.id,
      storeId: store.id,
      weightGrams: 1200,
    });
    expect(quote.services.length).toBeGreaterThan(0);
    expect(quote.services.every((service) => Number.isInteger(service.price) && service.price > 0)).toBe(true);
  });
});

describe("customer shipping quote over HTTP (RajaOngkir)", () => {
  let rajaOngkirApi: TestApi;
  beforeAll(async () => {
    rajaOngkirApi = await startTestApi({
      RAJAONGKIR_API_KEY: FAKE_RAJAONGKIR_KEY,
      RAJAONGKIR_BASE_URL: FAKE_RAJAONGKIR_URL,
      RAJAONGKIR_TIMEOUT_MS: "300",
    });
  });
  afterAll(() => rajaOngkirApi.stop());

  async function quoteFor(courier?: string) {
    const { store } = await sellerWithStore(rajaOngkirApi);
    const client = rajaOngkirApi.client((await rajaOngkirApi.userWithRole("customer")).token);
    const address = await client.customer.addresses.create.mutate(SURABAYA);
    return client.customer.shipping.quote.query({
      addressId: address.id,
      storeId: store.id,
      weightGrams: 1000,
      ...(courier && { courier }),
    });
  }

  it("returns RajaOngkir's services in minor units", async () => {
    mswServer.use(...fakeRajaOngkir().handlers);
    const quote = await quoteFor("jne");
    expect(quote.provider).toBe("rajaongkir");
    expect(quote.services.map((service) => [service.service, service.price])).toEqual([
      ["OKE", 900_000],
      ["REG", 1_100_000],
      ["YES", 1_800_000],
    ]);
  });

  it("answers SERVICE_UNAVAILABLE with a clear message when RajaOngkir fails or is too slow, never a 500", async () => {
    mswServer.use(...fakeRajaOngkir({ mode: "server-error" }).handlers);
    const down = await quoteFor().catch((caught) => caught);
    expect(down.data).toMatchObject({ code: "SERVICE_UNAVAILABLE", httpStatus: 503 });
    expect(down.message).toBe("Shipping quotes are unavailable right now: the courier rate service failed (HTTP 502)");

    mswServer.resetHandlers();
    mswServer.use(...fakeRajaOngkir({ mode: "slow", delayMs: 3_000 }).handlers);
    const started = Date.now();
    const slow = await quoteFor().catch((caught) => caught);
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(slow.data.code).toBe("SERVICE_UNAVAILABLE");
    expect(slow.message).toMatch(/did not answer within 300 ms/);
  });
});
