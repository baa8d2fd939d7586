import type { CheckoutDeps } from "@niaga/core/checkout/checkout.service";
import { placeCheckout } from "@niaga/core/checkout/checkout.service";
import { markCheckoutPaid } from "@niaga/core/checkout/checkout-payment";
import { adjustCoins } from "@niaga/core/coins/coins.service";
import type { AccountRef } from "@niaga/core/ledger/ledger.accounts";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { postJournalEntry } from "@niaga/core/ledger/ledger.service";
import type { OrderActor } from "@niaga/core/orders/order-transition";
import { transitionOrder } from "@niaga/core/orders/order-transition";
import type { Db } from "@niaga/core/shared/db";
import { newId } from "@niaga/core/shared/ids";
import type { Database } from "@niaga/db";
import type { Kysely } from "kysely";
import { insertUser } from "./catalog-fixtures.ts";
import { cartFor, customerWithAddress, storeWithVariant } from "./checkout-fixtures.ts";

/**
 * A customer's checkout over one store per price, placed and paid through the real checkout and
 * capture (so the ledger holds the real capture entry). `coins` are granted and redeemed.
 */
export async function paidCheckout(
  db: Kysely<Database>,
  deps: CheckoutDeps,
  params: { prices: number[]; coins?: number; stores?: { storeId: string; variantId: string }[] },
) {
  const stores =
    params.stores ??
    (await Promise.all(
      params.prices.map(async (price) => {
        const made = await storeWithVariant(db, { price, stock: 50 });
        return { storeId: made.store.id, variantId: made.variantId, sellerId: made.seller.userId };
      }),
    ));
  const { customer, address } = await customerWithAddress(db);
  if (params.coins) {
    const staff = await insertUser(db, "admin");
    await adjustCoins(db, staff, { customerId: customer.userId, delta: params.coins, reason: "test grant" });
  }
  const input = await cartFor(
    db,
    customer.userId,
    stores.map((store) => ({ variantId: store.variantId, storeId: store.storeId, quantity: 1 })),
    address.id,
  );
  const checkout = await placeCheckout(db, deps, {
    customerId: customer.userId,
    input: { ...input, coins: params.coins ?? 0 },
  });
  await markCheckoutPaid(db, { checkoutId: checkout.id, provider: "sandbox" });
  const orders = stores.map((store) => {
    const order = checkout.orders.find((candidate) => candidate.storeId === store.storeId);
    if (!order) throw new Error("order missing");
    return order;
  });
  return { checkout, customer, orders };
}

/** A manager forcing an order to `completed` (the same hook as confirmation and auto-completion). */
export async function completeOrder(db: Db, orderId: string) {
  const manager = await insertUser(db, "manager");
  const actor: OrderActor = { kind: "manager", userId: manager.userId, role: "manager" };
  return transitionOrder(db, { orderId, to: "completed", actor });
}

/** Credits `amount` to an account from the platform's cash, as a test's opening balance. */
export async function fund(db: Kysely<Database>, account: AccountRef, amount: number) {
  await db.transaction().execute((trx) =>
    postJournalEntry(trx, {
      kind: "test.opening",
      reference: { type: "test", id: account.code },
      idempotencyKey: `test.opening:${newId()}`,
      currency: "IDR",
      lines: [
        { account: accounts.platformCash(), amount },
        { account, amount: -amount },
      ],
    }),
  );
}

/** The seller_pending credit the capture entry of `checkoutId` posted for `storeId` (readable). */
export async function capturedShare(db: Db, checkoutId: string, storeId: string): Promise<number> {
  const row = await db
    .selectFrom("journal_lines as l")
    .innerJoin("journal_entries as e", "e.id", "l.entry_id")
    .innerJoin("ledger_accounts as a", "a.id", "l.account_id")
    .select("l.amount")
    .where("e.idempotency_key", "=", `payment.captured:${checkoutId}`)
    .where("a.code", "=", accounts.sellerPending(storeId).code)
    .executeTakeFirstOrThrow();
  return -row.amount;
}
