import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";

/** Where a parcel leaves from or goes to; `region` is the province. */
export interface ShippingPlace {
  city: string;
  postalCode: string;
  region: string;
}

export interface ShippingQuoteRequest {
  origin: ShippingPlace;
  destination: ShippingPlace;
  weightGrams: number;
  /** A courier code ("jne"); every courier the provider knows when absent. */
  courier?: string;
}

export interface ShippingServiceQuote {
  courier: string;
  service: string;
  description: string;
  /** Minor units of the marketplace currency. */
  price: number;
  etaDays: { min: number; max: number };
}

/**
 * A source of shipping quotes. `quote` resolves to the services offered for the route and
 * weight (cheapest first), throws INVALID when none is, and ShippingUnavailableError when the
 * provider itself failed.
 */
export interface ShippingProvider {
  readonly name: string;
  /**
   * Set when quoting reads nothing but this database (the rate table): checkout then quotes
   * inside its transaction, handing it over as `db`, and reads the cart once instead of twice.
   * A provider that calls out over the network leaves it unset and is asked before the
   * transaction opens, so no row stays locked while it answers.
   */
  readonly quotesFromDatabase?: true;
  quote(request: ShippingQuoteRequest, options?: QuoteOptions): Promise<ShippingServiceQuote[]>;
}

export interface QuoteOptions {
  /** Where a provider that quotes from the database reads it (a caller's transaction). */
  db?: Db;
}

/**
 * The provider could not answer (bad credentials, unknown city, timeout, 5xx). Maps to 503:
 * the caller's request was fine and may succeed later. The message is client-safe; `detail`
 * is for logs.
 */
export class ShippingUnavailableError extends DomainError {
  readonly provider: string;
  readonly detail: string | undefined;

  constructor(provider: string, message: string, detail?: string) {
    super("UNAVAILABLE", message, { shipping: [message] });
    this.name = "ShippingUnavailableError";
    this.provider = provider;
    this.detail = detail;
  }
}

function describeRoute(request: ShippingQuoteRequest, withCourier = true): string {
  const courier = withCourier && request.courier ? `${request.courier} ` : "";
  return `${courier}from ${request.origin.city} (${request.origin.region}) to ${request.destination.city} (${request.destination.region}) for ${request.weightGrams} g`;
}

/** INVALID: nothing is offered for this route and weight. */
export function noServiceError(request: ShippingQuoteRequest): DomainError {
  const message = `No shipping service delivers ${describeRoute(request)}`;
  return new DomainError("INVALID", message, { shipping: [message] });
}

/** Cheapest first, then by courier and service, so lists are stable. */
export function sortQuotes(quotes: ShippingServiceQuote[]): ShippingServiceQuote[] {
  return [...quotes].sort(
    (a, b) => a.price - b.price || a.courier.localeCompare(b.courier) || a.service.localeCompare(b.service),
  );
}

/**
 * Checkout's helper: the quote for the chosen courier and service, or INVALID with a clear
 * message (and `shipping` field) when that service is not offered for this route and weight.
 * Provider failures pass through as ShippingUnavailableError.
 */
export async function quoteChosenService(
  provider: ShippingProvider,
  request: ShippingQuoteRequest,
  choice: { courier: string; service: string },
  options?: QuoteOptions,
): Promise<ShippingServiceQuote> {
  const courier = choice.courier.trim().toLowerCase();
  const service = choice.service.trim().toLowerCase();
  let quotes: ShippingServiceQuote[] = [];
  try {
    quotes = await provider.quote({ ...request, courier }, options);
  } catch (error) {
    // "Nothing offered" and "not this service" are the same answer to checkout.
    if (!(error instanceof DomainError && error.code === "INVALID")) throw error;
  }
  const chosen = quotes.find((quote) => quote.courier === courier && quote.service.toLowerCase() === service);
  if (!chosen) {
    const offered = quotes.map((quote) => quote.service).join(", ");
    const message = `${choice.courier} ${choice.service} is not offered ${describeRoute(request, false)}${
      offered ? ` (offered: ${offered})` : ""
    }`;
    throw new DomainError("INVALID", message, { shipping: [message] });
  }
  return chosen;
}
