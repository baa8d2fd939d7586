import type { LiveOrderMessage, OrderStatusValue } from "@niaga/contracts";
import { NotFoundError } from "../shared/errors.ts";
import { cursorOf, eventRef } from "./live.shared.ts";
import type { LiveDeps, StreamParams } from "./realtime.stream.ts";
import { topicEvents } from "./realtime.stream.ts";
import type { LiveEvent, LiveMessage } from "./realtime.types.ts";

const ORDER_EVENTS = ["order.placed", "order.status_changed"] as const;

async function readOrder(deps: LiveDeps, orderId: string) {
  const order = await deps.db
    .selectFrom("orders")
    .select(["id", "number", "status", "updated_at", "customer_id"])
    .where("id", "=", orderId)
    .executeTakeFirst();
  if (!order) throw new NotFoundError("Order");
  return order;
}

function transitionOf(event: LiveEvent | null): LiveOrderMessage["transition"] {
  if (event?.type !== "order.status_changed") return null;
  const { from, to } = event.payload as { from?: OrderStatusValue; to?: OrderStatusValue };
  return to ? { from: from ?? null, to } : null;
}

/**
 * A customer's order as it changes: checked once, when subscribing (another customer's order is
 * NOT_FOUND, as everywhere), then one message per status event with the order re-read.
 */
export async function* liveOrderStatus(
  deps: LiveDeps,
  params: StreamParams & { customerId: string; orderId: string },
): AsyncGenerator<LiveMessage<LiveOrderMessage>> {
  const owned = await readOrder(deps, params.orderId);
  if (owned.customer_id !== params.customerId) throw new NotFoundError("Order");
  const topics = [{ kind: "aggregate" as const, type: "order", id: owned.id }];
  for await (const item of topicEvents(deps, { ...params, topics, types: ORDER_EVENTS })) {
    const event = "kind" in item ? null : item;
    const order = await readOrder(deps, owned.id);
    yield {
      id: cursorOf(item),
      data: {
        event: eventRef(event),
        transition: transitionOf(event),
        order: { id: order.id, number: order.number, status: order.status, updatedAt: order.updated_at },
      },
    };
  }
}
