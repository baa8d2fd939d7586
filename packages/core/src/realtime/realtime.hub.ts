import type { ListenConnection } from "@niaga/db";
import type { Db } from "../shared/db.ts";
import { DomainError } from "../shared/errors.ts";
import type { Logger } from "../shared/logger.ts";
import { findEventsAfter, findEventsByIds, findLatestEventId } from "./realtime.queries.ts";
import type { LiveEvent } from "./realtime.types.ts";
import { eventTopicKeys } from "./realtime.types.ts";

/** The channel the domain_events trigger notifies (migration 2026-11-24T12-10-realtime). */
export const REALTIME_CHANNEL = "niaga_events";

export type EventListener = (event: LiveEvent) => void;

/** One per API process: a LISTEN connection that fans committed domain events out to streams. */
export interface RealtimeHub {
  /** Connects and LISTENs (idempotent); resolves once notifications flow. */
  start: () => Promise<void>;
  /** Resolves when the hub is listening; starts it if needed; UNAVAILABLE after `timeoutMs`. */
  ready: (timeoutMs?: number) => Promise<void>;
  /**
   * Calls `listener` with each new event filed under any of `keys`, and `onStop` if the hub stops
   * first (the process is shutting down); returns the unsubscribe.
   */
  subscribe: (keys: readonly string[], listener: EventListener, onStop?: () => void) => () => void;
  /** Shares one load among the streams re-reading the same thing for the same event. */
  shared: <T>(key: string, load: () => Promise<T>) => Promise<T>;
  stop: () => Promise<void>;
  stats: () => { listening: boolean; subscribers: number; lastSeenId: number; reconnects: number };
}

export interface RealtimeHubOptions {
  db: Db;
  connect: () => Promise<ListenConnection>;
  logger: Logger;
  /** Delay before the first reconnect attempt; doubles up to 5 s. */
  reconnectDelayMs?: number;
  /** Events read per page when catching up after a reconnect. */
  catchUpPage?: number;
}

const RECENT_IDS = 20_000;
const CATCH_UP_MAX_PAGES = 50;

/**
 * A LISTEN/NOTIFY hub. Notifications carry event ids only; the hub batches the ids that arrive
 * together, reads those rows in one query and hands each event to the streams filed under its
 * topics. When the connection drops it reconnects, LISTENs again and reads every event after the
 * last one it saw, so a stream misses nothing; ids already delivered are skipped.
 */
export function createRealtimeHub(options: RealtimeHubOptions): RealtimeHub {
  const { db, logger } = options;
  const baseDelay = options.reconnectDelayMs ?? 500;
  const catchUpPage = options.catchUpPage ?? 500;
  const listeners = new Map<string, Set<EventListener>>();
  const sharedLoads = new Map<string, Promise<unknown>>();
  const stopHandlers = new Set<() => void>();
  const recent = new Set<number>();
  const recentOrder: number[] = [];
  let connection: ListenConnection | null = null;
  let starting: Promise<void> | null = null;
  let stopped = false;
  let lastSeenId = -1;
  let reconnects = 0;
  let retryTimer: NodeJS.Timeout | null = null;
  let pending: number[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let flushScheduled = false;
  let readyWaiters: (() => void)[] = [];

  const remember = (id: number) => {
    recent.add(id);
    recentOrder.push(id);
    if (recentOrder.length > RECENT_IDS) recent.delete(recentOrder.shift() as number);
  };

  const dispatch = (events: readonly LiveEvent[]) => {
    for (const event of events) {
      if (recent.has(event.id)) continue;
      remember(event.id);
      if (event.id > lastSeenId) lastSeenId = event.id;
      const targets = new Set<EventListener>();
      for (const key of eventTopicKeys(event)) for (const listener of listeners.get(key) ?? []) targets.add(listener);
      for (const listener of targets) {
        try {
          listener(event);
        } catch (error) {
          logger.error("realtime listener failed", { error: (error as Error).message });
        }
      }
    }
  };

  // Reads are chained so events reach streams in the order their notifications arrived.
  const scheduleFlush = () => {
    if (flushScheduled) return;
    flushScheduled = true;
    setImmediate(() => {
      flushScheduled = false;
      const ids = pending;
      pending = [];
      // Nobody is subscribed on this instance: there is no one to read the rows for (a stream
      // that subscribes later starts from its own snapshot or replay), so only move the mark.
      if (listeners.size === 0) {
        for (const id of ids) if (id > lastSeenId) lastSeenId = id;
        return;
      }
      flushing = flushing
        .then(async () => dispatch(await findEventsByIds(db, ids)))
        .catch((error: Error) => logger.error("realtime read failed", { error: error.message, ids: ids.length }));
    });
  };

  const catchUp = async () => {
    for (let page = 0; page < CATCH_UP_MAX_PAGES; page += 1) {
      const events = await findEventsAfter(db, { afterId: lastSeenId, limit: catchUpPage });
      dispatch(events);
      if (events.length < catchUpPage) return;
    }
    logger.warn("realtime catch-up stopped at its page limit", { lastSeenId });
  };

  const scheduleReconnect = (attempt: number) => {
    if (stopped || retryTimer) return;
    const delay = Math.min(baseDelay * 2 ** attempt, 5000);
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connectOnce().catch((error: Error) => {
        logger.warn("realtime reconnect failed", { error: error.message, attempt });
        scheduleReconnect(attempt + 1);
      });
    }, delay);
    retryTimer.unref();
  };

  const connectOnce = async () => {
    const next = await options.connect();
    if (stopped) {
      await next.end();
      return;
    }
    next.onNotification((channel, payload) => {
      if (channel !== REALTIME_CHANNEL) return;
      const id = Number(payload);
      if (!Number.isSafeInteger(id)) return;
      pending.push(id);
      scheduleFlush();
    });
    next.onClose((error) => {
      if (connection === next) connection = null;
      if (stopped) return;
      reconnects += 1;
      logger.warn("realtime connection lost; reconnecting", { error: error?.message ?? "ended" });
      scheduleReconnect(0);
    });
    await next.query(`listen ${REALTIME_CHANNEL}`);
    const firstConnect = lastSeenId < 0;
    if (firstConnect) lastSeenId = await findLatestEventId(db);
    connection = next;
    // After a reconnect: what committed while nobody listened (and before LISTEN took effect).
    if (!firstConnect) await flushing.then(catchUp);
    const waiters = readyWaiters;
    readyWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const start = () => {
    if (stopped) return Promise.reject(new DomainError("UNAVAILABLE", "Live updates are unavailable"));
    starting ??= connectOnce().catch((error: Error) => {
      logger.warn("realtime connect failed; retrying", { error: error.message });
      scheduleReconnect(0);
    });
    return starting;
  };

  return {
    start,
    ready: async (timeoutMs = 5000) => {
      await start();
      if (connection) return;
      let timer: NodeJS.Timeout | undefined;
      const waiting = new Promise<void>((resolve, reject) => {
        readyWaiters.push(resolve);
        timer = setTimeout(() => reject(new DomainError("UNAVAILABLE", "Live updates are unavailable")), timeoutMs);
      });
      try {
        await waiting;
      } finally {
        clearTimeout(timer);
      }
    },
    subscribe: (keys, listener, onStop) => {
      if (onStop) stopHandlers.add(onStop);
      for (const key of keys) {
        const set = listeners.get(key) ?? new Set<EventListener>();
        listeners.set(key, set);
        set.add(listener);
      }
      return () => {
        if (onStop) stopHandlers.delete(onStop);
        for (const key of keys) {
          const set = listeners.get(key);
          set?.delete(listener);
          if (set?.size === 0) listeners.delete(key);
        }
      };
    },
    shared: <T>(key: string, load: () => Promise<T>) => {
      const existing = sharedLoads.get(key) as Promise<T> | undefined;
      if (existing) return existing;
      const promise = load();
      sharedLoads.set(key, promise);
      // Kept only while streams of the same event are still asking; a later event has a new key.
      const forget = () => setTimeout(() => sharedLoads.delete(key), 1000).unref();
      promise.then(forget, forget);
      return promise;
    },
    stop: async () => {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = null;
      const current = connection;
      connection = null;
      await current?.end();
      await flushing;
      for (const handler of [...stopHandlers]) handler();
      stopHandlers.clear();
    },
    stats: () => {
      let subscribers = 0;
      for (const set of listeners.values()) subscribers += set.size;
      return { listening: connection !== null, subscribers, lastSeenId, reconnects };
    },
  };
}
