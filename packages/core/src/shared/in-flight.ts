import type { Db } from "./db.ts";

/**
 * Wraps a read so that identical calls made while one is still running share its answer instead
 * of each running the same SQL: a popular search typed by many shoppers at once (a flash sale's
 * product name) costs one query, not one per shopper. Nothing is kept once the read settles, so
 * an answer is never older than the read a caller joined, which began at most one query's
 * duration before the caller arrived; errors reach every caller that joined. Reads inside a
 * transaction are never shared (they must see the transaction's own writes). The shared answer
 * goes to several callers, so they must treat it as read-only.
 */
export function sharedWhileInFlight<Input, Output>(
  read: (db: Db, input: Input) => Promise<Output>,
  keyOf: (input: Input) => string,
): (db: Db, input: Input) => Promise<Output> {
  const inFlightByDb = new WeakMap<Db, Map<string, Promise<Output>>>();
  return (db, input) => {
    if (db.isTransaction) return read(db, input);
    let inFlight = inFlightByDb.get(db);
    if (!inFlight) {
      inFlight = new Map();
      inFlightByDb.set(db, inFlight);
    }
    const key = keyOf(input);
    const running = inFlight.get(key);
    if (running) return running;
    const flights = inFlight;
    const started = read(db, input).finally(() => flights.delete(key));
    flights.set(key, started);
    return started;
  };
}
