import type { LiveDeps } from "@niaga/core/realtime/realtime.stream";
import type { LiveMessage } from "@niaga/core/realtime/realtime.types";
import { DomainError } from "@niaga/core/shared/errors";
import type { TrackedEnvelope } from "@trpc/server";
import { isTrackedEnvelope, TRPCError, tracked } from "@trpc/server";
import { z } from "zod";
import type { Context } from "./context.ts";
import { toTRPCError } from "./errors.ts";

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}

/**
 * The output schema of a live procedure: each tracked message's data is parsed with `item`, so a
 * subscription, like every query, can only send what its schema names (tRPC's zAsyncIterable).
 */
export function trackedOutput<T extends z.ZodType>(item: T) {
  return z
    .custom<AsyncIterable<TrackedEnvelope<z.input<T>>>>(isAsyncIterable)
    .transform(async function* (iterable): AsyncGenerator<TrackedEnvelope<z.output<T>>> {
      for await (const value of iterable) {
        if (!isTrackedEnvelope(value)) throw new Error("A live procedure yielded an untracked message");
        const [id, data] = value;
        yield tracked(id, await item.parseAsync(data));
      }
    });
}

/**
 * Domain stream messages as tRPC tracked envelopes (the id is what the client resends on
 * reconnect). A stream fails after the procedure has returned, outside the error middleware, so
 * domain errors are mapped here (NOT_FOUND must reach the client as such, not as a retryable 500)
 * and anything else is logged.
 */
export async function* asTracked<T>(
  ctx: Pick<Context, "log">,
  stream: AsyncIterable<LiveMessage<T>>,
): AsyncGenerator<TrackedEnvelope<T>> {
  try {
    for await (const message of stream) yield tracked(message.id, message.data);
  } catch (error) {
    if (error instanceof DomainError) throw toTRPCError(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause: error }));
    if (!(error instanceof TRPCError)) {
      ctx.log.error("live stream failed", {
        error: error instanceof Error ? error.message : String(error),
        stack: error instanceof Error ? error.stack : undefined,
      });
    }
    throw error;
  }
}

/** What the core live streams need from a procedure's context. */
export function liveDeps(ctx: Pick<Context, "db" | "realtime" | "config">): LiveDeps {
  return {
    db: ctx.db,
    hub: ctx.realtime,
    limits: { replayLimit: ctx.config.REALTIME_REPLAY_LIMIT, queueLimit: ctx.config.REALTIME_QUEUE_LIMIT },
  };
}
