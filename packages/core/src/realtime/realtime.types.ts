import type { StoredEvent } from "../events/dispatch.ts";

/** A committed domain event as the real-time streams see it (re-read from `domain_events`): the dispatcher's row. */
export type LiveEvent = StoredEvent;

/**
 * What a stream listens to: the events about one aggregate (`order` X), or the events naming one
 * value in a payload field (`storeId` X). Replays match the same topics in SQL.
 */
export type Topic =
  | { kind: "aggregate"; type: string; id: string }
  | { kind: "payload"; field: (typeof PAYLOAD_TOPIC_FIELDS)[number]; value: string };

/** Payload fields a stream may select events by (each has an index for replays). */
export const PAYLOAD_TOPIC_FIELDS = ["storeId"] as const;

/** The key the hub files a topic under. */
export function topicKey(topic: Topic): string {
  return topic.kind === "aggregate" ? `a:${topic.type}:${topic.id}` : `p:${topic.field}:${topic.value}`;
}

/** Every topic key an event is filed under. */
export function eventTopicKeys(event: LiveEvent): string[] {
  const keys = [topicKey({ kind: "aggregate", type: event.aggregateType, id: event.aggregateId })];
  for (const field of PAYLOAD_TOPIC_FIELDS) {
    const value = event.payload[field];
    if (typeof value === "string") keys.push(topicKey({ kind: "payload", field, value }));
  }
  return keys;
}

/** One message of a stream: the cursor a reconnecting client sends back, and the data. */
export interface LiveMessage<T> {
  id: string;
  data: T;
}
