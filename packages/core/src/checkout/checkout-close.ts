import { refundCheckoutCoins } from "../coins/coins.checkout.ts";
import { releaseCouponRedemptions } from "../coupons/coupons.checkout.ts";
import { accounts } from "../ledger/ledger.accounts.ts";
import { postJournalEntry } from "../ledger/ledger.service.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";

/**
 * Called in the transaction that cancelled one of a checkout's orders. Once every order of the
 * checkout is cancelled, the checkout is closed: an unpaid one becomes cancelled, and what it
 * held beyond stock (coupon uses, redeemed coins) is released. Idempotent.
 */
export async function settleCheckoutAfterOrderCancel(trx: Db, params: { checkoutId: string }): Promise<boolean> {
  const checkout = await trx
    .selectFrom("checkouts")
    .select(["id", "status", "closed_at"])
    .where("id", "=", params.checkoutId)
    .forUpdate()
    .executeTakeFirst();
  if (!checkout || checkout.closed_at) return false;
  const open = await trx
    .selectFrom("orders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("checkout_id", "=", params.checkoutId)
    .where("status", "<>", "cancelled")
    .executeTakeFirstOrThrow();
  if (Number(open.n) > 0) return false;
  await trx
    .updateTable("checkouts")
    .set({ status: checkout.status === "pending_payment" ? "cancelled" : checkout.status, closed_at: new Date() })
    .where("id", "=", params.checkoutId)
    .execute();
  await releaseCheckoutExtras(trx, params);
  return true;
}

/**
 * Frees what a closed checkout held besides stock: its coupon uses, its redeemed coins and, if it
 * was never paid, the wallet money set aside for it. Idempotent.
 */
export async function releaseCheckoutExtras(trx: Db, params: { checkoutId: string }): Promise<void> {
  await releaseCouponRedemptions(trx, params);
  await refundCheckoutCoins(trx, params);
  await inTransaction(trx, async (tx) => {
    const checkout = await tx
      .selectFrom("checkouts")
      .select(["id", "customer_id", "currency", "wallet_amount", "paid_at"])
      .where("id", "=", params.checkoutId)
      .executeTakeFirst();
    if (!checkout || checkout.wallet_amount === 0 || checkout.paid_at) return;
    await postJournalEntry(tx, {
      kind: "wallet.released",
      reference: { type: "checkout", id: checkout.id },
      idempotencyKey: `wallet.released:${checkout.id}`,
      currency: checkout.currency,
      lines: [
        { account: accounts.customerWalletHeld(checkout.customer_id), amount: checkout.wallet_amount },
        { account: accounts.customerWallet(checkout.customer_id), amount: -checkout.wallet_amount },
      ],
      memo: "Checkout closed unpaid: the wallet money set aside for it is back",
    });
  });
}
