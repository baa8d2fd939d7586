import type { LiveStockMessage } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { NotFoundError } from "../shared/errors.ts";
import { cursorOf, eventRef } from "./live.shared.ts";
import type { LiveDeps, StreamParams } from "./realtime.stream.ts";
import { topicEvents } from "./realtime.stream.ts";
import type { LiveMessage } from "./realtime.types.ts";

/**
 * Stock events name their product as the aggregate (see events/event-catalog.ts): stock.changed on
 * every applied inventory change, stock.low when a variant crosses its threshold.
 */
const STOCK_EVENTS = ["stock.changed", "stock.low"] as const;

/** Shoppers see stock of active, unhidden products of stores that are not closed, as on the product page. */
async function readStock(db: Db, productId: string): Promise<Omit<LiveStockMessage, "event">> {
  const product = await db
    .selectFrom("products as p")
    .innerJoin("stores as s", "s.id", "p.store_id")
    .select(["p.id", "p.in_stock"])
    .where("p.id", "=", productId)
    .where("p.status", "=", sql.lit("active"))
    .where("p.hidden_at", "is", null)
    .where("s.status", "!=", sql.lit("closed"))
    .executeTakeFirst();
  if (!product) throw new NotFoundError("Product");
  const variants = await db
    .selectFrom("variants as v")
    .leftJoin("inventory_levels as l", "l.variant_id", "v.id")
    .select(["v.id", sql<number>`coalesce(sum(greatest(l.on_hand - l.reserved, 0)), 0)::int`.as("available")])
    .where("v.product_id", "=", productId)
    .where("v.archived_at", "is", null)
    .groupBy(["v.id", "v.position"])
    .orderBy("v.position")
    .orderBy("v.id")
    .execute();
  return {
    productId: product.id,
    inStock: product.in_stock,
    variants: variants.map((variant) => ({ variantId: variant.id, available: variant.available })),
  };
}

/**
 * A product's live stock per variant, for anyone who may see the product. Many shoppers watch the
 * same product, so one re-read per event is shared by all of this process's streams of it.
 */
export async function* liveProductStock(
  deps: LiveDeps,
  params: StreamParams & { productId: string },
): AsyncGenerator<LiveMessage<LiveStockMessage>> {
  const first = await readStock(deps.db, params.productId);
  const topics = [{ kind: "aggregate" as const, type: "product", id: first.productId }];
  for await (const item of topicEvents(deps, { ...params, topics, types: STOCK_EVENTS })) {
    const event = "kind" in item ? null : item;
    const stock = event
      ? await deps.hub.shared(`stock:${first.productId}:${event.id}`, () => readStock(deps.db, first.productId))
      : await readStock(deps.db, first.productId);
    yield { id: cursorOf(item), data: { event: eventRef(event), ...stock } };
  }
}
