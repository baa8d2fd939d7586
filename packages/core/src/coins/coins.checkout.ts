import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { lockCoinLedger, recordCoinsReturned } from "../ledger/ledger.flows.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import { isUniqueViolation } from "../shared/pg-errors.ts";
import { appendEntries, lockAccount, lockExistingAccount } from "./coins.queries.ts";

// What checkout calls. Lock order: checkout takes its own rows (stock, coupons) first and the
// customer's coin account row last; these functions lock nothing else, so they add no cycle.

/**
 * The most coins a checkout with this subtotal (minor units) may redeem, given the config cap
 * and coin value. Rounded down to whole coins, so the coins' value never exceeds the cap.
 */
export function maxRedeemableCoins(params: {
  subtotal: number;
  maxPercent: number;
  minorUnitsPerCoin: number;
}): number {
  const { subtotal, maxPercent, minorUnitsPerCoin } = params;
  if (!Number.isSafeInteger(subtotal) || subtotal <= 0) return 0;
  if (!Number.isInteger(maxPercent) || maxPercent <= 0) return 0;
  if (!Number.isSafeInteger(minorUnitsPerCoin) || minorUnitsPerCoin < 1) {
    throw new RangeError("minorUnitsPerCoin must be a positive integer");
  }
  // BigInt: subtotal × percent can pass 2^53 for large subtotals even when the result fits.
  const cap = (BigInt(subtotal) * BigInt(Math.min(maxPercent, 100))) / (100n * BigInt(minorUnitsPerCoin));
  return Number(cap);
}

/**
 * Inside the checkout transaction: debits `coins` from the customer (entry kind checkout_redeem,
 * reference checkoutId). Locks the customer's account row so concurrent redemptions can never
 * overdraw; throws DomainError("INVALID", "Not enough coins", { coins: [...] }) when the balance is
 * short, and CONFLICT when this checkout already redeemed coins. Returns the money value
 * (coins * minorUnitsPerCoin). coins = 0 is a no-op returning 0.
 */
export async function redeemCoins(
  trx: Transaction<Database>,
  params: { customerId: string; checkoutId: string; coins: number; minorUnitsPerCoin: number },
): Promise<number> {
  const { customerId, checkoutId, coins, minorUnitsPerCoin } = params;
  if (!Number.isSafeInteger(coins) || coins < 0) {
    throw new DomainError("INVALID", "Coins must be a whole number of at least 0", { coins: ["Invalid amount"] });
  }
  if (coins === 0) return 0;
  const account = await lockExistingAccount(trx, customerId);
  const balance = account?.balance ?? 0;
  if (balance < coins) {
    throw new DomainError("INVALID", "Not enough coins", { coins: [`Your balance is ${balance} coins`] });
  }
  try {
    await appendEntries(trx, customerId, [{ delta: -coins, kind: "checkout_redeem", reference: checkoutId }]);
  } catch (error) {
    if (isUniqueViolation(error, "coin_entries_checkout_once")) {
      throw new DomainError("CONFLICT", "Coins were already redeemed for this checkout");
    }
    throw error;
  }
  return coins * minorUnitsPerCoin;
}

/**
 * Checkout cancelled or expired: credits back what redeemCoins took for this checkout (entry kind
 * checkout_refund). Idempotent: the unique index on (kind, reference) lets one refund row exist,
 * so a second or concurrent call writes nothing and returns 0. Returns coins refunded. When the
 * checkout had been paid, the coins' value goes back to coins_liability (recordCoinsReturned).
 */
export async function refundCheckoutCoins(trx: Db, params: { checkoutId: string }): Promise<number> {
  return inTransaction(trx, async (tx) => {
    const redeemed = await tx
      .selectFrom("coin_entries")
      .select(["customer_id", "delta"])
      .where("kind", "=", "checkout_redeem")
      .where("reference", "=", params.checkoutId)
      .executeTakeFirst();
    if (!redeemed) return 0;
    const checkout = await tx
      .selectFrom("checkouts")
      .select(["currency", "status"])
      .where("id", "=", params.checkoutId)
      .executeTakeFirst();
    // The ledger rows before the coin row: the lock order every coin issuance uses.
    if (checkout?.status === "paid") await lockCoinLedger(tx, checkout.currency);
    // The lock serializes concurrent refunds: the second sees the first's row and stops here.
    await lockAccount(tx, redeemed.customer_id);
    const already = await tx
      .selectFrom("coin_entries")
      .select("id")
      .where("kind", "=", "checkout_refund")
      .where("reference", "=", params.checkoutId)
      .executeTakeFirst();
    if (already) return 0;
    const coins = -redeemed.delta;
    await appendEntries(tx, redeemed.customer_id, [
      { delta: coins, kind: "checkout_refund", reference: params.checkoutId },
    ]);
    await recordCoinsReturned(tx, { checkoutId: params.checkoutId });
    return coins;
  });
}

/** The customer's balance (the cached sum of their ledger entries); 0 without an account. */
export async function coinBalance(db: Db, customerId: string): Promise<number> {
  const account = await db
    .selectFrom("coin_accounts")
    .select("balance")
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return account?.balance ?? 0;
}
