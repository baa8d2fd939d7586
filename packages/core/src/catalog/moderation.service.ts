import { recordAudit } from "../audit/audit.ts";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import type { Actor } from "../users/users.service.ts";
import { applyVisibilityChange } from "./product-aggregates.ts";
import { lockOwnProduct } from "./products.queries.ts";

export interface ModeratedProduct {
  id: string;
  hidden: boolean;
  hiddenReason: string | null;
  hiddenAt: Date | null;
}

/**
 * A manager hides a listing (it vanishes from public reads and the store's product count) or
 * shows it again; the audit log records who, why, and when, in the same transaction.
 */
export async function setProductHidden(
  db: Db,
  actor: Actor,
  params: { id: string; hidden: boolean; reason?: string | undefined },
): Promise<ModeratedProduct> {
  return inTransaction(db, async (trx) => {
    const product = await lockOwnProduct(trx, { storeId: null, productId: params.id });
    if (!product) throw new NotFoundError("Product");
    const alreadyThere = (product.hidden_at !== null) === params.hidden;
    const updated = alreadyThere
      ? product
      : await trx
          .updateTable("products")
          .set({
            hidden_at: params.hidden ? new Date() : null,
            hidden_reason: params.hidden ? (params.reason ?? null) : null,
            updated_at: new Date(),
          })
          .where("id", "=", product.id)
          .returningAll()
          .executeTakeFirstOrThrow();
    if (!alreadyThere) {
      await applyVisibilityChange(trx, { storeId: product.store_id, before: product, after: updated });
      await recordAudit(trx, {
        actorId: actor.userId,
        action: params.hidden ? "product.hidden" : "product.unhidden",
        targetType: "product",
        targetId: product.id,
        data: { reason: params.reason ?? null, storeId: product.store_id, title: product.title },
        requestId: actor.requestId,
      });
    }
    return {
      id: updated.id,
      hidden: updated.hidden_at !== null,
      hiddenReason: updated.hidden_reason,
      hiddenAt: updated.hidden_at,
    };
  });
}
