import type { Env, Context as HonoContext, MiddlewareHandler } from "hono";

export interface CallsInProgressOptions<E extends Env> {
  /** Calls served at once; 0 serves every call as it comes. */
  limit: number;
  /** How long a call waits for its turn before it is served anyway. */
  maxWaitMs: number;
  /** Whether this request takes a turn (long-lived streams must not hold one). */
  counts: (c: HonoContext<E>) => boolean;
}

/**
 * Serves at most `limit` calls at once; the others wait their turn, in arrival order, before
 * anything of theirs is read, parsed or asked of the database.
 *
 * Under more load than the machine can serve, served all at once every call is half done: each
 * of its trips to the database pool (credentials, reads, the transaction) queues behind every
 * newer call's, so each takes as long as the whole backlog, and what it has built meanwhile lives
 * long enough for V8 to move it to the old generation and mark it there. Taking turns, the calls
 * in progress finish quickly, a waiting one costs a parked request, and the process does less
 * work per call (README, Performance: spread checkouts at 50 connections cost 2.6-3.2 ms of API
 * CPU instead of 3.6-4.3 in the runs that showed it; when the machine was slower, within noise).
 *
 * The wait is bounded: a call that has waited `maxWaitMs` is served anyway (over the limit), so
 * calls stuck on something slow (a shipping provider timing out) can delay the others, never
 * stop them. A chunked body is read whole before this runs (the body limit counts it), so a slow
 * upload holds no turn either.
 */
export function callsInProgress<E extends Env>(options: CallsInProgressOptions<E>): MiddlewareHandler<E> {
  const { limit, maxWaitMs } = options;
  let inProgress = 0;
  // Each waiter's turn starts it; a waiter removes itself when its wait runs out.
  const waiting: (() => void)[] = [];

  const turn = () =>
    new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const start = () => {
        clearTimeout(timer);
        resolve();
      };
      timer = setTimeout(() => {
        const index = waiting.indexOf(start);
        if (index >= 0) waiting.splice(index, 1);
        inProgress += 1;
        resolve();
      }, maxWaitMs);
      waiting.push(start);
    });

  const finish = () => {
    inProgress -= 1;
    if (inProgress >= limit) return;
    const next = waiting.shift();
    if (!next) return;
    // The place is taken now, for the waiter: a call arriving before it resumes must not take it.
    inProgress += 1;
    next();
  };

  return async (c, next) => {
    if (limit === 0 || !options.counts(c)) return next();
    if (inProgress < limit && waiting.length === 0) inProgress += 1;
    else await turn();
    try {
      await next();
    } finally {
      finish();
    }
  };
}
