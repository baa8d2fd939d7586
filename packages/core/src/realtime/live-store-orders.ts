import type { LiveStoreOrderMessage } from "@niaga/contracts";
import { requireSellerStore } from "../stores/stores.service.ts";
import { cursorOf, eventRef } from "./live.shared.ts";
import type { LiveDeps, StreamParams } from "./realtime.stream.ts";
import { topicEvents } from "./realtime.stream.ts";
import type { LiveMessage } from "./realtime.types.ts";

const STORE_ORDER_EVENTS = ["order.placed", "order.status_changed"] as const;

/**
 * A seller's incoming orders: every order placed in (or changing status in) the seller's store,
 * the order re-read and checked to be this store's before it is sent.
 */
export async function* liveStoreOrders(
  deps: LiveDeps,
  params: StreamParams & { sellerUserId: string },
): AsyncGenerator<LiveMessage<LiveStoreOrderMessage>> {
  const store = await requireSellerStore(deps.db, params.sellerUserId);
  const topics = [{ kind: "payload" as const, field: "storeId" as const, value: store.id }];
  for await (const item of topicEvents(deps, { ...params, topics, types: STORE_ORDER_EVENTS })) {
    if ("kind" in item) {
      yield { id: cursorOf(item), data: { event: null, order: null } };
      continue;
    }
    const order = await deps.db
      .selectFrom("orders")
      .select(["id", "number", "status", "total", "created_at", "updated_at"])
      .where("id", "=", item.aggregateId)
      .where("store_id", "=", store.id)
      .executeTakeFirst();
    if (!order) continue;
    yield {
      id: cursorOf(item),
      data: {
        event: eventRef(item),
        order: {
          id: order.id,
          number: order.number,
          status: order.status,
          total: order.total,
          createdAt: order.created_at,
          updatedAt: order.updated_at,
        },
      },
    };
  }
}
