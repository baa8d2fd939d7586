import { loadConfig } from "@niaga/config";
import { createRajaOngkirProvider, parseEtd } from "@niaga/core/shipping/rajaongkir.provider";
import { createShippingProvider } from "@niaga/core/shipping/shipping.factory";
import type { ShippingQuoteRequest } from "@niaga/core/shipping/shipping.provider";
import { quoteChosenService, ShippingUnavailableError } from "@niaga/core/shipping/shipping.provider";
import type { TestDatabase } from "@niaga/testing/database";
import { createTestDatabase } from "@niaga/testing/database";
import { mswServer } from "@niaga/testing/msw-setup";
import type { FakeRajaOngkirOptions } from "@niaga/testing/rajaongkir";
import { FAKE_RAJAONGKIR_KEY, FAKE_RAJAONGKIR_URL, fakeRajaOngkir } from "@niaga/testing/rajaongkir";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

const request: ShippingQuoteRequest = {
  origin: { city: "Kota Bandung", postalCode: "40111", region: "Jawa Barat" },
  destination: { city: "Surabaya", postalCode: "60119", region: "Jawa Timur" },
  weightGrams: 1700,
};

/** A provider talking to a fresh fake RajaOngkir (so each test starts with an empty city cache). */
function setup(fake: FakeRajaOngkirOptions = {}, settings: { apiKey?: string; timeoutMs?: number } = {}) {
  const server = fakeRajaOngkir(fake);
  mswServer.use(...server.handlers);
  const provider = createRajaOngkirProvider({
    apiKey: settings.apiKey ?? FAKE_RAJAONGKIR_KEY,
    baseUrl: FAKE_RAJAONGKIR_URL,
    timeoutMs: settings.timeoutMs ?? 2000,
    couriers: ["jne", "pos", "tiki"],
  });
  return { provider, calls: server.calls };
}

async function failure(promise: Promise<unknown>): Promise<ShippingUnavailableError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ShippingUnavailableError)) throw new Error(`expected ShippingUnavailableError, got ${error}`);
  return error;
}

describe("RajaOngkir provider", () => {
  it("maps the cost answers of every courier to quotes in minor units (sen), cheapest first", async () => {
    const { provider, calls } = setup();
    const quotes = await provider.quote(request);
    // 1700 g bills 2 kg at the fake's per-kg prices; Rp 16.000 = 1_600_000 sen.
    expect(quotes).toEqual([
      {
        courier: "tiki",
        service: "ECO",
        description: "Economy Service",
        price: 1_600_000,
        etaDays: { min: 0, max: 0 },
      },
      {
        courier: "jne",
        service: "OKE",
        description: "Ongkos Kirim Ekonomis",
        price: 1_800_000,
        etaDays: { min: 2, max: 3 },
      },
      {
        courier: "pos",
        service: "Pos Reguler",
        description: "Pos Reguler",
        price: 2_000_000,
        etaDays: { min: 2, max: 2 },
      },
      { courier: "jne", service: "REG", description: "Layanan Reguler", price: 2_200_000, etaDays: { min: 1, max: 2 } },
      {
        courier: "jne",
        service: "YES",
        description: "Yakin Esok Sampai",
        price: 3_600_000,
        etaDays: { min: 1, max: 1 },
      },
    ]);
    const costCalls = calls.filter((call) => call.path === "/cost");
    expect(costCalls.map((call) => call.form).sort((a, b) => (a.courier ?? "").localeCompare(b.courier ?? ""))).toEqual(
      ["jne", "pos", "tiki"].map((courier) => ({ origin: "23", destination: "444", weight: "1700", courier })),
    );
    expect(calls.every((call) => call.key === FAKE_RAJAONGKIR_KEY)).toBe(true);

    // The city list is fetched once and cached; a named courier is asked alone.
    const jne = await provider.quote({ ...request, courier: "jne" });
    expect(jne.map((quote) => quote.service)).toEqual(["OKE", "REG", "YES"]);
    expect(calls.filter((call) => call.path === "/city")).toHaveLength(1);
    expect(await quoteChosenService(provider, request, { courier: "jne", service: "REG" })).toMatchObject({
      price: 2_200_000,
    });
  });

  it("resolves a city name shared by a kota and a kabupaten by the hint and postal code", async () => {
    const { provider, calls } = setup();
    await provider.quote({
      ...request,
      origin: { city: "Kabupaten Bandung", postalCode: "40311", region: "Jawa Barat" },
      courier: "jne",
    });
    await provider.quote({
      ...request,
      origin: { city: "Bandung", postalCode: "40311", region: "Jawa Barat" },
      courier: "jne",
    });
    await provider.quote({ ...request, origin: { city: "bandung", postalCode: "40999", region: "" }, courier: "jne" });
    expect(calls.filter((call) => call.path === "/cost").map((call) => call.form.origin)).toEqual(["22", "22", "23"]);
  });

  it("turns a bad key into ShippingUnavailableError with a clear message", async () => {
    const { provider } = setup({}, { apiKey: "wrong" });
    const error = await failure(provider.quote(request));
    expect(error.code).toBe("UNAVAILABLE");
    expect(error.message).toBe(
      "Shipping quotes are unavailable right now: the courier rate service refused the request (Invalid key.)",
    );
    expect(error.fields).toEqual({ shipping: [error.message] });
  });

  it("turns a city RajaOngkir does not know into ShippingUnavailableError naming it", async () => {
    const { provider, calls } = setup();
    const error = await failure(
      provider.quote({ ...request, destination: { city: "Atlantis", postalCode: "99999", region: "Laut" } }),
    );
    expect(error.message).toBe(
      'Shipping quotes are unavailable: the courier rate service does not know the city "Atlantis" (Laut)',
    );
    expect(calls.filter((call) => call.path === "/cost")).toHaveLength(0);
  });

  it("turns RajaOngkir's own 400 for an unknown courier into ShippingUnavailableError", async () => {
    const { provider } = setup();
    const error = await failure(provider.quote({ ...request, courier: "sicepat" }));
    expect(error.message).toContain("refused the request (Bad request. Courier harus berisi jne, pos, tiki.)");
  });

  it("turns a 5xx, an unreadable answer and a network failure into ShippingUnavailableError", async () => {
    expect((await failure(setup({ mode: "server-error" }).provider.quote(request))).message).toBe(
      "Shipping quotes are unavailable right now: the courier rate service failed (HTTP 502)",
    );
    expect((await failure(setup({ mode: "not-json" }).provider.quote(request))).message).toBe(
      "Shipping quotes are unavailable right now: the courier rate service answered unreadably (HTTP 200)",
    );
    expect((await failure(setup({ mode: "offline" }).provider.quote(request))).message).toBe(
      "Shipping quotes are unavailable right now: the courier rate service could not be reached",
    );
  });

  it("gives up after the timeout instead of hanging, and retries the city list afterwards", async () => {
    const slow = setup({ mode: "slow", delayMs: 5_000 }, { timeoutMs: 300 });
    const started = Date.now();
    const error = await failure(slow.provider.quote(request));
    const elapsed = Date.now() - started;
    expect(error.message).toBe(
      "Shipping quotes are unavailable right now: the courier rate service did not answer within 300 ms",
    );
    expect(elapsed).toBeGreaterThanOrEqual(250);
    expect(elapsed).toBeLessThan(2_000);

    // The failed city fetch was not cached: once RajaOngkir answers again, quotes work.
    mswServer.resetHandlers();
    mswServer.use(...fakeRajaOngkir().handlers);
    expect((await slow.provider.quote({ ...request, courier: "pos" })).map((quote) => quote.service)).toEqual([
      "Pos Reguler",
    ]);
  });

  it("parses RajaOngkir's etd texts", () => {
    expect(["1-2", "2-3 HARI", "1", "", null].map(parseEtd)).toEqual([
      { min: 1, max: 2 },
      { min: 2, max: 3 },
      { min: 1, max: 1 },
      { min: 0, max: 0 },
      { min: 0, max: 0 },
    ]);
  });
});

describe("choosing the provider from config", () => {
  it("uses the rate table without a key and RajaOngkir with one (IDR only)", () => {
    expect(createShippingProvider({ config: loadConfig({}), db: database.db }).name).toBe("rate-table");
    expect(createShippingProvider({ config: loadConfig({ RAJAONGKIR_API_KEY: "k" }), db: database.db }).name).toBe(
      "rajaongkir",
    );
    expect(() =>
      createShippingProvider({ config: loadConfig({ RAJAONGKIR_API_KEY: "k", CURRENCY: "USD" }), db: database.db }),
    ).toThrow(/CURRENCY=IDR/);
  });
});
