import type { SetStoreStripeAccountInput, StorePayoutAccount } from "@niaga/contracts";
import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import { setStripeAccount } from "./withdrawals.payout.ts";

/**
 * An admin points a store's payouts at its Stripe Connect account (or clears it, so payouts are
 * marked paid by hand). Staff only, and audited with the account before and after: whoever can
 * change this decides where a seller's money goes.
 */
export async function setStoreStripeAccount(
  db: Db,
  actor: Actor,
  input: SetStoreStripeAccountInput,
): Promise<StorePayoutAccount> {
  return inTransaction(db, async (trx) => {
    const store = await trx
      .selectFrom("stores")
      .leftJoin("store_payout_profiles as p", "p.store_id", "stores.id")
      .select(["stores.id", "p.stripe_account_id"])
      .where("stores.id", "=", input.storeId)
      .forUpdate("stores")
      .executeTakeFirst();
    if (!store) throw new NotFoundError("Store");
    await setStripeAccount(trx, { storeId: store.id, stripeAccountId: input.stripeAccountId });
    await recordAudit(trx, {
      actorId: actor.userId,
      action: "store.payout_account_set",
      targetType: "store",
      targetId: store.id,
      data: { from: store.stripe_account_id ?? null, to: input.stripeAccountId },
      requestId: actor.requestId,
    });
    return { storeId: store.id, stripeAccountId: input.stripeAccountId };
  });
}
