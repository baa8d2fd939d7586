import type { Config } from "@niaga/config";
import type { CheckoutInput, CheckoutView } from "@niaga/contracts";
import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { ownAddress } from "../addresses/addresses.service.ts";
import type { Db } from "../shared/db.ts";
import type { ShippingProvider, ShippingServiceQuote } from "../shipping/shipping.provider.ts";
import type { QuotedStart } from "./checkout.open.ts";
import { findCheckoutStart } from "./checkout.queries.ts";
import { getCheckoutView } from "./checkout.read.ts";
import type { QuotedStore } from "./checkout.shipping.ts";
import { quoteStores } from "./checkout.shipping.ts";
import { writeCheckout } from "./checkout.write.ts";
import { markCheckoutPaid } from "./checkout-payment.ts";

/** What checkout needs besides the database: the shipping provider and the money policy. */
export interface CheckoutDeps {
  shipping: ShippingProvider;
  config: Pick<
    Config,
    | "CURRENCY"
    | "CHECKOUT_EXPIRY_MINUTES"
    | "COINS_MAX_REDEEM_PERCENT"
    | "COINS_MINOR_UNITS_PER_COIN"
    | "PLATFORM_COMMISSION_BPS"
  >;
  /** Where order numbers come from (default newOrderNumber); a test hands out a taken one. */
  orderNumbers?: (now: Date) => string;
}

/**
 * How many times a checkout is written before a clash of random order numbers is an error. 8
 * random characters (40 bits) clash with a million orders of the same day about once in a
 * million checkouts, which the benchmark met (two in one run of 7,800 after a million orders).
 */
const ORDER_NUMBER_ATTEMPTS = 3;

/** The "provider" of payments made entirely from the wallet (or fully discounted checkouts). */
export const WALLET_PROVIDER = "wallet";

/** Thrown inside the transaction when another request already created this checkout. */
class DuplicateCheckout extends Error {}

/**
 * Turns the customer's cart into one checkout with one order per store, awaiting one payment.
 *
 * Shipping quotes from a provider on the network (an HTTP call) are taken before the
 * transaction opens, so no gateway call ever runs while rows are locked; a provider that quotes
 * from the database is asked inside it. The transaction then re-reads the cart,
 * checks every line is still for sale at the confirmed price, holds stock (locking levels in one
 * fixed order), redeems coupons and coins, writes the orders and empties the cart — all or nothing.
 * The idempotency key is claimed by an advisory lock before any stock is locked, and guarded
 * for good by the checkout row's unique key: a retry, even one racing the first request, returns
 * the checkout the first one created.
 */
export async function placeCheckout(
  db: Db,
  deps: CheckoutDeps,
  params: { customerId: string; input: CheckoutInput; now?: Date },
): Promise<CheckoutView> {
  const { customerId, input } = params;
  // No lookup of the key first: it would cost every checkout a statement to speed up the rare
  // retry. A retry finds its cart emptied, or, refilled, finds the key taken; either way
  // it lands below and answers with the first request's checkout.
  try {
    const created = await createCheckout(db, deps, params);
    if (created.grandTotal - created.walletAmount > 0) return created;
    // Nothing left for a provider to collect (the wallet, coupons or coins covered it all): the
    // checkout is paid now, in its own transaction after the one that created it.
    await markCheckoutPaid(db, { checkoutId: created.id, provider: WALLET_PROVIDER, actorId: customerId });
    return getCheckoutView(db, { checkoutId: created.id, customerId });
  } catch (error) {
    // A twin request with the same key may have won meanwhile (it emptied the cart, or it held
    // the key's row): the retry's answer is the winner's checkout, not an error.
    const winner = await findByKey(db, customerId, input.idempotencyKey);
    if (winner) return getCheckoutView(db, { checkoutId: winner, customerId });
    throw error;
  }
}

async function createCheckout(
  db: Db,
  deps: CheckoutDeps,
  params: { customerId: string; input: CheckoutInput; now?: Date },
): Promise<CheckoutView> {
  const { customerId, input } = params;
  const write = async (quoted: QuotedStart | null) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute((trx: Transaction<Database>) =>
          writeCheckout(trx, deps, {
            customerId,
            input,
            quoted,
            now: params.now ?? new Date(),
            onDuplicate: () => {
              throw new DuplicateCheckout();
            },
          }),
        );
      } catch (error) {
        // The transaction rolled back whole (the cart is back): written again, it draws new numbers.
        if (attempt < ORDER_NUMBER_ATTEMPTS && isOrderNumberClash(error)) continue;
        throw error;
      }
    }
  };
  // A provider that quotes from the database is asked inside the transaction, right after its
  // first statement has read the cart: one read of the cart instead of two.
  if (deps.shipping.quotesFromDatabase) return write(null);
  // Otherwise one statement reads the cart's lines, the stores' shipping origins and the address,
  // and the quotes are taken before the transaction opens (the transaction takes the cart again,
  // under lock, with the commission rates).
  const start = await findCheckoutStart(db, { customerId, addressId: input.addressId });
  const address = ownAddress(start.address);
  const lines = start.lines;
  const quoted: QuotedStore[] = await quoteStores(deps.shipping, { lines, address, choices: input.shipping });
  return write({
    address,
    quotes: new Map<string, ShippingServiceQuote>(quoted.map((store) => [store.storeId, store.quote])),
    lines,
  });
}

async function findByKey(db: Db, customerId: string, key: string): Promise<string | undefined> {
  const row = await db
    .selectFrom("checkouts")
    .select("id")
    .where("customer_id", "=", customerId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  return row?.id;
}

/** PostgreSQL refused an order for a number another order has (unique_violation on orders_number_key). */
function isOrderNumberClash(error: unknown): boolean {
  const pgError = error as { code?: unknown; constraint?: unknown } | null;
  return pgError?.code === "23505" && pgError.constraint === "orders_number_key";
}
