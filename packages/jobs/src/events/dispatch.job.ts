import type { EventHandler } from "@niaga/core/events/dispatch";
import { dispatchPendingEvents } from "@niaga/core/events/dispatch";
import type { JobDeps } from "../definitions.ts";
import { defaultEventHandlers } from "../notifications/handlers.ts";

/**
 * The `events.dispatch` job: drains the outbox with the default handlers (or the given ones).
 * Several workers may run it at once; each claims its own batches.
 */
export async function runEventsDispatch(deps: JobDeps, handlers?: readonly EventHandler[]): Promise<void> {
  const result = await dispatchPendingEvents(deps.db, { handlers: handlers ?? defaultEventHandlers(deps.config) });
  if (result.dispatched > 0 || result.failed > 0) deps.logger.info("events.dispatch done", { ...result });
}
