// msw handlers shaped like RajaOngkir's classic API (starter): GET /city and POST /cost,
// form-encoded, the key in a `key` header, every answer wrapped in `{ rajaongkir: { status, … } }`,
// and errors (bad key, unknown city) as HTTP 400 with the reason in `status.description`.
import { delay, HttpResponse, http } from "msw";

export const FAKE_RAJAONGKIR_URL = "https://rajaongkir.test/starter";
export const FAKE_RAJAONGKIR_KEY = "test-rajaongkir-key";

/** A slice of the real city list (ids as RajaOngkir numbers them). */
export const FAKE_CITIES = [
  {
    city_id: "22",
    province_id: "9",
    province: "Jawa Barat",
    type: "Kabupaten",
    city_name: "Bandung",
    postal_code: "40311",
  },
  { city_id: "23", province_id: "9", province: "Jawa Barat", type: "Kota", city_name: "Bandung", postal_code: "40111" },
  {
    city_id: "153",
    province_id: "6",
    province: "DKI Jakarta",
    type: "Kota",
    city_name: "Jakarta Selatan",
    postal_code: "12230",
  },
  {
    city_id: "444",
    province_id: "11",
    province: "Jawa Timur",
    type: "Kota",
    city_name: "Surabaya",
    postal_code: "60119",
  },
  {
    city_id: "501",
    province_id: "5",
    province: "DI Yogyakarta",
    type: "Kota",
    city_name: "Yogyakarta",
    postal_code: "55111",
  },
];

/** Per courier: services with a price in whole rupiah per started kilogram and the `etd` text RajaOngkir sends. */
const SERVICES: Record<
  string,
  { name: string; costs: { service: string; description: string; perKg: number; etd: string }[] }
> = {
  jne: {
    name: "Jalur Nugraha Ekakurir (JNE)",
    costs: [
      { service: "OKE", description: "Ongkos Kirim Ekonomis", perKg: 9_000, etd: "2-3" },
      { service: "REG", description: "Layanan Reguler", perKg: 11_000, etd: "1-2" },
      { service: "YES", description: "Yakin Esok Sampai", perKg: 18_000, etd: "1-1" },
    ],
  },
  pos: {
    name: "POS Indonesia (POS)",
    costs: [{ service: "Pos Reguler", description: "Pos Reguler", perKg: 10_000, etd: "2 HARI" }],
  },
  tiki: {
    name: "Citra Van Titipan Kilat (TIKI)",
    costs: [{ service: "ECO", description: "Economy Service", perKg: 8_000, etd: "" }],
  },
};

export type FakeRajaOngkirMode = "ok" | "server-error" | "slow" | "not-json" | "offline";

export interface FakeRajaOngkirOptions {
  baseUrl?: string;
  apiKey?: string;
  mode?: FakeRajaOngkirMode;
  /** How long "slow" waits before answering. */
  delayMs?: number;
}

export interface RecordedCall {
  method: string;
  path: string;
  key: string | null;
  form: Record<string, string>;
}

const envelope = (status: number, description: string, extra: Record<string, unknown> = {}) =>
  HttpResponse.json({ rajaongkir: { status: { code: status, description }, ...extra } }, { status });

/** The handlers plus every call they received, for asserting what the provider sent. */
export function fakeRajaOngkir(options: FakeRajaOngkirOptions = {}) {
  const baseUrl = options.baseUrl ?? FAKE_RAJAONGKIR_URL;
  const apiKey = options.apiKey ?? FAKE_RAJAONGKIR_KEY;
  const calls: RecordedCall[] = [];

  /** Applies the failure mode and the key check every real endpoint applies; null means "go on". */
  async function guard(request: Request): Promise<Response | null> {
    if (options.mode === "slow") await delay(options.delayMs ?? 10_000);
    if (options.mode === "server-error") return new HttpResponse("<html>502 Bad Gateway</html>", { status: 502 });
    if (options.mode === "offline") return HttpResponse.error();
    if (options.mode === "not-json") return new HttpResponse("maintenance", { status: 200 });
    if (request.headers.get("key") !== apiKey) return envelope(400, "Invalid key.");
    return null;
  }

  const handlers = [
    http.get(`${baseUrl}/city`, async ({ request }) => {
      calls.push({ method: "GET", path: "/city", key: request.headers.get("key"), form: {} });
      return (await guard(request)) ?? envelope(200, "OK", { query: [], results: FAKE_CITIES });
    }),
    http.post(`${baseUrl}/cost`, async ({ request }) => {
      const form = Object.fromEntries(new URLSearchParams(await request.text()));
      calls.push({ method: "POST", path: "/cost", key: request.headers.get("key"), form });
      const refused = await guard(request);
      if (refused) return refused;
      const origin = FAKE_CITIES.find((city) => city.city_id === form.origin);
      const destination = FAKE_CITIES.find((city) => city.city_id === form.destination);
      if (!origin) return envelope(400, "Bad request. Invalid origin.");
      if (!destination) return envelope(400, "Bad request. Invalid destination.");
      const weight = Number(form.weight);
      if (!Number.isInteger(weight) || weight <= 0) return envelope(400, "Bad request. Weight harus diisi.");
      const courier = SERVICES[form.courier ?? ""];
      if (!courier) return envelope(400, "Bad request. Courier harus berisi jne, pos, tiki.");
      const kilograms = Math.ceil(weight / 1000);
      return envelope(200, "OK", {
        query: form,
        origin_details: origin,
        destination_details: destination,
        results: [
          {
            code: form.courier,
            name: courier.name,
            costs: courier.costs.map((cost) => ({
              service: cost.service,
              description: cost.description,
              cost: [{ value: cost.perKg * kilograms, etd: cost.etd, note: "" }],
            })),
          },
        ],
      });
    }),
  ];
  return { handlers, calls, baseUrl, apiKey };
}
