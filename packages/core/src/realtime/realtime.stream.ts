import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import type { RealtimeHub } from "./realtime.hub.ts";
import { findLatestEventId, findTopicEventsAfter } from "./realtime.queries.ts";
import type { LiveEvent, Topic } from "./realtime.types.ts";
import { topicKey } from "./realtime.types.ts";

/** Limits every stream runs with (from config: REALTIME_REPLAY_LIMIT, REALTIME_QUEUE_LIMIT). */
export interface StreamLimits {
  /** At most this many missed events are replayed on reconnect (the newest of them). */
  replayLimit: number;
  /** A stream this far behind its client is ended so the client reconnects and replays. */
  queueLimit: number;
}

export interface LiveDeps {
  db: Db;
  hub: RealtimeHub;
  limits: StreamLimits;
}

/** What every live procedure receives from its caller. */
export interface StreamParams {
  /** The id of the last message the client received (tRPC resends it on reconnect). */
  lastEventId?: string | null | undefined;
  signal?: AbortSignal | undefined;
}

/** A stream's first item when the client has no cursor: "here is the state now, as of `cursor`". */
export interface Snapshot {
  kind: "snapshot";
  cursor: number;
}

/** Parses a client's cursor; a malformed one counts as none (the client then gets a snapshot). */
export function parseCursor(lastEventId: string | null | undefined): number | null {
  if (lastEventId === null || lastEventId === undefined || !/^\d{1,15}$/.test(lastEventId)) return null;
  return Number(lastEventId);
}

/**
 * The events of `types` on `topics`, as an async generator: first a snapshot marker (no cursor)
 * or the missed events (cursor), then new events from the hub. The hub subscription is taken
 * before the database is read, so an event committed in between arrives live and is not lost;
 * one that arrives both ways is yielded once.
 */
export async function* topicEvents(
  deps: LiveDeps,
  params: StreamParams & { topics: readonly Topic[]; types: readonly string[] },
): AsyncGenerator<LiveEvent | Snapshot> {
  const { hub, limits } = deps;
  const types = new Set(params.types);
  const queue: LiveEvent[] = [];
  let overflowed = false;
  let hubStopped = false;
  let wake: (() => void) | null = null;
  const notify = () => {
    const resolve = wake;
    wake = null;
    resolve?.();
  };
  const unsubscribe = hub.subscribe(
    params.topics.map(topicKey),
    (event) => {
      if (!types.has(event.type)) return;
      if (queue.length >= limits.queueLimit) overflowed = true;
      else queue.push(event);
      notify();
    },
    () => {
      hubStopped = true;
      notify();
    },
  );
  const signal = params.signal;
  signal?.addEventListener("abort", notify);
  try {
    await hub.ready();
    const delivered = new Set<number>();
    const cursor = parseCursor(params.lastEventId);
    if (cursor === null) {
      yield { kind: "snapshot", cursor: await findLatestEventId(deps.db) };
    } else {
      const missed = await findTopicEventsAfter(deps.db, {
        topics: params.topics,
        types: params.types,
        afterId: cursor,
        limit: limits.replayLimit,
      });
      for (const event of missed) {
        delivered.add(event.id);
        yield event;
      }
    }
    while (!signal?.aborted) {
      if (hubStopped) throw new DomainError("UNAVAILABLE", "This server is restarting; reconnect to resume");
      if (overflowed) {
        throw new DomainError("UNAVAILABLE", "This live stream fell behind; reconnect to resume from your last event");
      }
      const event = queue.shift();
      if (!event) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        continue;
      }
      if (delivered.has(event.id)) continue;
      yield event;
    }
  } finally {
    unsubscribe();
    signal?.removeEventListener("abort", notify);
  }
}
