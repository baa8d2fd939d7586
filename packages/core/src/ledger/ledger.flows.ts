import type { Database } from "@niaga/db";
import type { Transaction } from "kysely";
import { lockSettlement } from "../finance/order-settlements.ts";
import { DomainError } from "../shared/errors.ts";
import { allocateLargestRemainder } from "../shared/money.ts";
import { accounts } from "./ledger.accounts.ts";
import type { PostedEntry } from "./ledger.service.ts";
import { lockAccounts, postJournalEntry } from "./ledger.service.ts";

// The ledger flows after capture. Each posts one balanced entry in the caller's transaction,
// idempotent by a key derived from the business id.
//
// Lock order for coins: coins_liability, then platform_promotions (code order), then the
// customer's coin account row. Coin issuance pre-locks the two ledger rows before the coin row,
// and a refund of an order paid partly with coins pre-locks coins_liability, so a cancel that
// refunds and then gives coins back never waits in the opposite order of a daily claim.

/**
 * The order completed: the seller's share of it still held (what the capture credited to
 * seller_pending for this order, less what refunds already took back from pending) moves
 * pending → available. Exactly once per order: a replay or a concurrent call finds the
 * settlement completed and posts nothing. An order whose checkout was never captured has
 * nothing to release and returns null.
 */
export async function recordOrderCompleted(
  trx: Transaction<Database>,
  params: { orderId: string; actorId?: string | null },
): Promise<(PostedEntry & { released: number }) | null> {
  const settlement = await lockSettlement(trx, params.orderId);
  if (!settlement) return null;
  const key = `order.completed:${settlement.orderId}`;
  if (settlement.completedAt) {
    const prior = await trx
      .selectFrom("journal_entries")
      .select("id")
      .where("idempotency_key", "=", key)
      .executeTakeFirst();
    return { entryId: prior?.id ?? "", duplicate: true, released: 0 };
  }
  const released = settlement.sellerShare - settlement.sellerRefunded;
  let posted: PostedEntry = { entryId: "", duplicate: false };
  if (released > 0) {
    posted = await postJournalEntry(trx, {
      kind: "order.completed",
      reference: { type: "order", id: settlement.orderId },
      idempotencyKey: key,
      currency: settlement.currency,
      lines: [
        { account: accounts.sellerPending(settlement.storeId), amount: released },
        { account: accounts.sellerAvailable(settlement.storeId), amount: -released },
      ],
      memo: `Order ${settlement.orderNumber} completed`,
      actorId: params.actorId ?? null,
    });
  }
  await trx
    .updateTable("order_settlements")
    .set({ released, completed_at: new Date() })
    .where("order_id", "=", settlement.orderId)
    .execute();
  return { ...posted, released };
}

export interface RefundParams {
  orderId: string;
  /** Money given back, in minor units: at most what is left refundable on the order. */
  amount: number;
  /** "original": owed through the payment method (refunds_payable); "wallet": credited to the customer's wallet now. */
  destination: "original" | "wallet";
  provider: string;
  reason: string;
  /** The refund's own id: the entry's idempotency key is `refund:<refundId>`. */
  refundId: string;
  actorId?: string | null;
}

export interface RecordedRefund extends PostedEntry {
  sellerPart: number;
  commissionPart: number;
  /** Platform discount and coins value the platform recovers (back to platform_promotions). */
  promotionsPart: number;
  from: "pending" | "available";
}

/**
 * Posts a refund of `amount` for an order. The split rule: a refund of amount a on an order
 * paid with money T reverses the fraction a/T of that order's capture. Cumulatively, after
 * refunds totalling R, the platform has recovered floor(P·R/T) of its platform discount and
 * floor(K·R/T) of the coins value (both to platform_promotions: the platform funded them), and
 * the gross R + those two is taken back from the seller and the commission in the ratio
 * seller share : commission by largest remainder (shared/money.ts). Each refund posts the
 * difference between the cumulative targets after and before it, so partial refunds always add
 * up, and refunding all of T reverses the capture exactly. The seller's part comes from
 * seller_pending until the order completes and from seller_available afterwards, where it may go
 * negative after a payout (the next earnings settle it). Coins given back to a customer's coin
 * balance are a new issuance (see recordCoinsReturned), not part of the refund.
 */
export async function recordRefund(trx: Transaction<Database>, params: RefundParams): Promise<RecordedRefund> {
  if (!Number.isSafeInteger(params.amount) || params.amount <= 0) {
    throw new DomainError("INVALID", "The refund must be a positive whole amount", { amount: ["Must be positive"] });
  }
  const key = `refund:${params.refundId}`;
  const settlement = await lockSettlement(trx, params.orderId);
  if (!settlement) throw new DomainError("CONFLICT", "This order was never paid, so nothing can be refunded");
  const prior = await trx
    .selectFrom("journal_entries")
    .select("id")
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
  if (prior) {
    return { entryId: prior.id, duplicate: true, sellerPart: 0, commissionPart: 0, promotionsPart: 0, from: "pending" };
  }
  const left = settlement.moneyTotal - settlement.refunded;
  if (params.amount > left) {
    throw new DomainError("INVALID", `At most ${left} can still be refunded on this order`, {
      amount: [`At most ${left}`],
    });
  }
  const cumulative = settlement.refunded + params.amount;
  const share = (part: number) => Number((BigInt(part) * BigInt(cumulative)) / BigInt(settlement.moneyTotal));
  const discountTotal = share(settlement.platformDiscount);
  const coinsTotal = share(settlement.coinsValue);
  const split = allocateLargestRemainder(cumulative + discountTotal + coinsTotal, [
    { key: "commission", weight: settlement.commission },
    { key: "seller", weight: settlement.sellerShare },
  ]);
  const sellerPart = (split.get("seller") ?? 0) - settlement.sellerRefunded;
  const commissionPart = (split.get("commission") ?? 0) - settlement.commissionRefunded;
  const discountPart = discountTotal - settlement.discountRefunded;
  const coinsPart = coinsTotal - settlement.coinsRefunded;
  const from = settlement.completedAt ? "available" : "pending";
  const sellerAccount = from === "available" ? accounts.sellerAvailable : accounts.sellerPending;
  if (settlement.coinsValue > 0) await lockAccounts(trx, [accounts.coinsLiability()], settlement.currency);
  const posted = await postJournalEntry(trx, {
    kind: "refund",
    reference: { type: "order", id: settlement.orderId },
    idempotencyKey: key,
    currency: settlement.currency,
    lines: [
      { account: sellerAccount(settlement.storeId), amount: sellerPart },
      { account: accounts.platformRevenue(), amount: commissionPart },
      { account: accounts.platformPromotions(), amount: -(discountPart + coinsPart) },
      {
        account:
          params.destination === "wallet" ? accounts.customerWallet(settlement.customerId) : accounts.refundsPayable(),
        amount: -params.amount,
      },
    ],
    memo: `Refund for order ${settlement.orderNumber} ${
      params.destination === "wallet" ? "to the wallet" : `via ${params.provider}`
    }: ${params.reason}`,
    actorId: params.actorId ?? null,
  });
  await trx
    .updateTable("order_settlements")
    .set({
      refunded: cumulative,
      seller_refunded: settlement.sellerRefunded + sellerPart,
      commission_refunded: settlement.commissionRefunded + commissionPart,
      discount_refunded: discountTotal,
      coins_refunded: coinsTotal,
    })
    .where("order_id", "=", settlement.orderId)
    .execute();
  return { ...posted, sellerPart, commissionPart, promotionsPart: discountPart + coinsPart, from };
}

/**
 * Coins issued to (positive) or clawed back from (negative) a customer by a daily claim or a
 * staff adjustment: coins are a promise the platform pays for, so their money value moves
 * between platform_promotions (the expense) and coins_liability (what customers hold). With the
 * capture debiting coins_liability for coins redeemed, coins_liability equals the money value of
 * every coin issued through here that customers still hold or an unpaid checkout still holds.
 * Call it after `lockCoinLedger` and the customer's coin account lock, in the same transaction.
 */
export async function recordCoinsIssued(
  trx: Transaction<Database>,
  params: {
    customerId: string;
    value: number;
    currency: string;
    idempotencyKey: string;
    memo: string;
    actorId?: string | null;
  },
): Promise<PostedEntry | null> {
  if (params.value === 0) return null;
  return postJournalEntry(trx, {
    kind: params.value > 0 ? "coins.issued" : "coins.clawed_back",
    reference: { type: "customer", id: params.customerId },
    idempotencyKey: params.idempotencyKey,
    currency: params.currency,
    lines: [
      { account: accounts.platformPromotions(), amount: params.value },
      { account: accounts.coinsLiability(), amount: -params.value },
    ],
    memo: params.memo,
    actorId: params.actorId ?? null,
  });
}

/**
 * A paid checkout was cancelled and the coins it redeemed went back to the customer's balance.
 * The capture had extinguished their liability (Dr coins_liability) and the order refunds gave
 * their value back to platform_promotions, so returning them is a new issuance: Dr promotions,
 * Cr coins_liability. Unpaid checkouts never reached the ledger and post nothing (null).
 */
export async function recordCoinsReturned(
  trx: Transaction<Database>,
  params: { checkoutId: string },
): Promise<PostedEntry | null> {
  const captured = await trx
    .selectFrom("journal_entries")
    .select("id")
    .where("idempotency_key", "=", `payment.captured:${params.checkoutId}`)
    .executeTakeFirst();
  if (!captured) return null;
  const checkout = await trx
    .selectFrom("checkouts")
    .select(["customer_id", "coins_value", "currency"])
    .where("id", "=", params.checkoutId)
    .executeTakeFirstOrThrow();
  return recordCoinsIssued(trx, {
    customerId: checkout.customer_id,
    value: checkout.coins_value,
    currency: checkout.currency,
    idempotencyKey: `coins.returned:${params.checkoutId}`,
    memo: `Coins returned from cancelled checkout ${params.checkoutId}`,
  });
}

/** What coins are worth: config COINS_MINOR_UNITS_PER_COIN and CURRENCY. */
export interface CoinMoney {
  minorUnitsPerCoin: number;
  currency: string;
}

/** The config defaults, for callers (tests, scripts) that pass no config. */
export const DEFAULT_COIN_MONEY: CoinMoney = { minorUnitsPerCoin: 1, currency: "IDR" };

/** Locks coins_liability and platform_promotions (code order) before a customer's coin account row. */
export async function lockCoinLedger(trx: Transaction<Database>, currency: string): Promise<void> {
  await lockAccounts(trx, [accounts.coinsLiability(), accounts.platformPromotions()], currency);
}
