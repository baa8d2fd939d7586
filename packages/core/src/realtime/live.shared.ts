import type { LiveEvent } from "./realtime.types.ts";

/** The event reference a live message carries; null for a snapshot. */
export function eventRef(event: LiveEvent | null): { id: number; type: string; occurredAt: Date } | null {
  return event ? { id: event.id, type: event.type, occurredAt: event.createdAt } : null;
}

/** The message id a client resends on reconnect: the event's id, or the snapshot's cursor. */
export function cursorOf(item: LiveEvent | { kind: "snapshot"; cursor: number }): string {
  return "kind" in item ? String(item.cursor) : String(item.id);
}
