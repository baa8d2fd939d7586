import { ShippingUnavailableError } from "./shipping.provider.ts";

// The HTTP side of RajaOngkir's classic API (starter/basic/pro share its shape): every answer is
// `{ rajaongkir: { status: { code, description }, ... } }`, and errors (bad key, unknown city)
// come back with HTTP 400 and the reason in `status.description`.

export const PROVIDER_NAME = "rajaongkir";

export interface RajaOngkirSettings {
  apiKey: string;
  /** e.g. https://api.rajaongkir.com/starter (no trailing slash needed). */
  baseUrl: string;
  timeoutMs: number;
  /** Injected for tests that count calls; the global fetch otherwise. */
  fetch?: typeof fetch;
}

interface Envelope {
  rajaongkir?: { status?: { code?: number; description?: string }; results?: unknown };
}

const isTimeout = (error: unknown) =>
  error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");

const unavailable = (message: string, detail?: string) =>
  new ShippingUnavailableError(PROVIDER_NAME, `Shipping quotes are unavailable right now: ${message}`, detail);

/** Calls one endpoint and returns `rajaongkir.results`, or throws ShippingUnavailableError saying why. */
export async function callRajaOngkir(
  settings: RajaOngkirSettings,
  request: { path: "/city" | "/cost"; form?: Record<string, string> },
): Promise<unknown> {
  const url = `${settings.baseUrl.replace(/\/+$/, "")}${request.path}`;
  const headers: Record<string, string> = { key: settings.apiKey, accept: "application/json" };
  if (request.form) headers["content-type"] = "application/x-www-form-urlencoded";
  let response: Response;
  try {
    response = await (settings.fetch ?? fetch)(url, {
      method: request.form ? "POST" : "GET",
      headers,
      ...(request.form && { body: new URLSearchParams(request.form).toString() }),
      // Never a hung checkout: the call gives up after the configured time.
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
  } catch (error) {
    if (isTimeout(error)) {
      throw unavailable(`the courier rate service did not answer within ${settings.timeoutMs} ms`, String(error));
    }
    throw unavailable("the courier rate service could not be reached", String(error));
  }
  let text: string;
  try {
    text = await response.text();
  } catch (error) {
    throw unavailable(
      isTimeout(error)
        ? `the courier rate service did not answer within ${settings.timeoutMs} ms`
        : "the courier rate service broke off its answer",
    );
  }
  // A gateway's 5xx page is HTML, so the status decides before the body is parsed.
  if (response.status >= 500) {
    throw unavailable(`the courier rate service failed (HTTP ${response.status})`, text.slice(0, 200));
  }
  let body: Envelope | null;
  try {
    body = JSON.parse(text) as Envelope | null;
  } catch {
    throw unavailable(`the courier rate service answered unreadably (HTTP ${response.status})`, text.slice(0, 200));
  }
  const status = body?.rajaongkir?.status;
  if (!response.ok || (status?.code !== undefined && status.code !== 200)) {
    const reason = status?.description?.trim() || `HTTP ${response.status}`;
    throw unavailable(`the courier rate service refused the request (${reason})`, reason);
  }
  const results = body?.rajaongkir?.results;
  if (results === undefined) throw unavailable("the courier rate service answered without results");
  return results;
}
