import type { CheckoutInput, CustomerAddress } from "@niaga/contracts";
import type { Database, ShippingAddressSnapshot } from "@niaga/db";
import type { OperationNodeSource, Transaction } from "kysely";
import { ownAddress } from "../addresses/addresses.service.ts";
import { DomainError } from "../shared/errors.ts";
import type { ShippingServiceQuote } from "../shipping/shipping.provider.ts";
import type { CheckoutLine, CheckoutStartLine } from "./checkout.queries.ts";
import { openCheckout } from "./checkout.queries.ts";
import type { CheckoutDeps } from "./checkout.service.ts";
import { quoteStores } from "./checkout.shipping.ts";
import type { LockedLevel } from "./stock-level-effects.ts";

// The checkout transaction's first statement, in either of its two forms: after a read and the
// shipping quotes taken before the transaction (a provider on the network), or reading the cart
// itself and quoting right after it (a provider that quotes from the database).

/** What checkout read and quoted before its transaction (see createCheckout). */
export interface QuotedStart {
  address: CustomerAddress;
  quotes: ReadonlyMap<string, ShippingServiceQuote>;
  /** The lines the shipping quotes were priced for. */
  lines: readonly CheckoutLine[];
}

export interface OpenedStart {
  opened: { claimed: boolean; levels: LockedLevel[] };
  address: CustomerAddress;
  quotes: ReadonlyMap<string, ShippingServiceQuote>;
  /** In the order the cart lists them. */
  lines: CheckoutStartLine[];
}

/** The first statement when the cart was read and quoted before the transaction. */
export async function openQuoted(
  trx: Transaction<Database>,
  params: { customerId: string; quoted: QuotedStart; claim: OperationNodeSource; lockNow: boolean },
): Promise<OpenedStart> {
  const { quoted } = params;
  const opened = await openCheckout(trx, {
    customerId: params.customerId,
    addressId: quoted.address.id,
    claim: params.claim,
    lock: params.lockNow,
  });
  // The quotes were priced for the lines read before: the cart must not have changed since.
  assertSameCart(opened.lines, quoted.lines);
  return { opened, address: quoted.address, quotes: quoted.quotes, lines: opened.lines };
}

/**
 * The first statement when nothing was read before the transaction, then the shipping quotes,
 * taken through the transaction (the provider quotes from the database: nothing waits on the
 * network while the rows are locked).
 */
export async function openAndQuote(
  trx: Transaction<Database>,
  deps: CheckoutDeps,
  params: { customerId: string; input: CheckoutInput; claim: OperationNodeSource; lockNow: boolean },
): Promise<OpenedStart> {
  const opened = await openCheckout(trx, {
    customerId: params.customerId,
    addressId: params.input.addressId,
    claim: params.claim,
    lock: params.lockNow,
  });
  const address = ownAddress(opened.address);
  const quoted = await quoteStores(deps.shipping, {
    lines: opened.lines,
    address,
    choices: params.input.shipping,
    db: trx,
  });
  const quotes = new Map(quoted.map((store) => [store.storeId, store.quote]));
  return { opened, address, quotes, lines: opened.lines };
}
/** The address as the checkout and its orders keep it. */
export function addressSnapshot(address: CustomerAddress): ShippingAddressSnapshot {
  return {
    recipient: address.recipient,
    phone: address.phone,
    line: address.line,
    city: address.city,
    postalCode: address.postalCode,
    region: address.region,
    ...(address.note ? { note: address.note } : {}),
  };
}

/** The cart changed between quoting shipping and the transaction: quoting again is the honest answer. */
function assertSameCart(lines: readonly CheckoutLine[], quoted: readonly CheckoutLine[]) {
  const key = (rows: readonly CheckoutLine[]) =>
    rows
      .map((row) => `${row.variantId}:${row.quantity}`)
      .sort()
      .join(",");
  if (key(lines) !== key(quoted)) {
    throw new DomainError("CONFLICT", "Your cart changed while checking out; please review it and try again");
  }
}
