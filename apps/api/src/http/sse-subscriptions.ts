import type { AnyRouter } from "@trpc/server";
import { callTRPCProcedure, getErrorShape, getTRPCErrorFromUnknown, TRPCError } from "@trpc/server";
import { parseConnectionParamsFromString } from "@trpc/server/http";
import { isObservable, observableToAsyncIterable } from "@trpc/server/observable";
import type { Env, Context as HonoContext, MiddlewareHandler } from "hono";
import { sseStream } from "./sse-stream.ts";
import { leftToTrpc, procedureOfType, readInput } from "./trpc-request.ts";

/** tRPC's SSE response headers (sseHeaders), plus the `vary` its every response carries. */
const SSE_HEADERS: Record<string, string> = {
  vary: "trpc-accept, accept",
  "content-type": "text/event-stream",
  "cache-control": "no-cache, no-transform",
  "x-accel-buffering": "no",
  connection: "keep-alive",
};

export type ConnectionParams = Record<string, string | undefined> | null;

export interface SseSubscriptionsOptions<E extends Env> {
  router: AnyRouter;
  /** Where tRPC is mounted, e.g. "/trpc". */
  endpoint: string;
  /** The same context the tRPC handler builds for a request with these connection params. */
  createContext: (c: HonoContext<E>, connectionParams: ConnectionParams) => Promise<unknown>;
}

/** tRPC's getLastEventId: the EventSource header on reconnect, else the link's query parameter. */
function lastEventIdOf(headers: Headers, query: URLSearchParams): string | null {
  return headers.get("last-event-id") ?? query.get("lastEventId") ?? query.get("Last-Event-Id");
}

/**
 * Serves GET subscriptions over SSE with one small stream per client instead of tRPC's fetch
 * adapter pipeline (issue 6: 1,000 open streams on one instance). The procedure still runs through
 * tRPC's `callProcedure`, so middlewares (access, error mapping), input and output parsing are
 * tRPC's; the error shape is the router's formatter; the bytes on the wire are tRPC's. Anything
 * else (queries, mutations, batches, malformed connection params, other methods) goes on to tRPC.
 */
export function sseSubscriptions<E extends Env>(options: SseSubscriptionsOptions<E>): MiddlewareHandler<E> {
  const { router } = options;
  const config = router._def._config;
  const sse = config.sse ?? {};
  const enabled = sse.enabled !== false && !sse.emitAndEndImmediately;
  const ping = { enabled: sse.ping?.enabled ?? false, intervalMs: sse.ping?.intervalMs ?? 1000 };
  const prefix = `${options.endpoint}/`;
  const isSubscription = procedureOfType(router, "subscription");

  return async (c, next) => {
    if (!enabled || c.req.method !== "GET" || !c.req.path.startsWith(prefix)) return next();
    const path = c.req.path.slice(prefix.length);
    if (!isSubscription(path)) return next();
    const headers = c.req.raw.headers;
    const query = new URL(c.req.url).searchParams;
    if (leftToTrpc(headers, query)) return next();
    let connectionParams: ConnectionParams = null;
    const rawParams = query.get("connectionParams");
    if (rawParams !== null) {
      try {
        connectionParams = parseConnectionParamsFromString(rawParams);
      } catch {
        return next();
      }
    }

    // Aborted when the client leaves (@hono/node-server aborts the request's signal when the socket
    // closes, and cancels the body stream) or after sse.maxDurationMs.
    const abort = new AbortController();
    const requestSignal = c.req.raw.signal;
    const onRequestAbort = () => abort.abort();
    requestSignal.addEventListener("abort", onRequestAbort, { once: true });
    const maxDuration = sse.maxDurationMs ? setTimeout(onRequestAbort, sse.maxDurationMs) : undefined;

    let ctx: unknown;
    let input: unknown;
    let source: { iterable: AsyncIterable<unknown> } | { error: unknown };
    try {
      ctx = await options.createContext(c, connectionParams);
      const data: unknown = await callTRPCProcedure({
        router,
        path,
        ctx,
        type: "subscription",
        signal: abort.signal,
        batchIndex: 0,
        getRawInput: async () => {
          input = readInput(router, query);
          const lastEventId = lastEventIdOf(headers, query);
          if (!lastEventId) return input;
          if (typeof input === "object" && input !== null) return { ...input, lastEventId };
          return input ?? { lastEventId };
        },
      });
      if (isObservable(data)) source = { iterable: observableToAsyncIterable(data, abort.signal) };
      else if (typeof data === "object" && data !== null && Symbol.asyncIterator in data) {
        source = { iterable: data as AsyncIterable<unknown> };
      } else {
        const message = `Subscription ${path} did not return an observable or a AsyncGenerator`;
        source = { error: new TRPCError({ code: "INTERNAL_SERVER_ERROR", message }) };
      }
    } catch (cause) {
      // As tRPC does: a refusal (auth, input) is the stream's first event after `connected`.
      source = { error: cause };
    }

    const body = sseStream({
      source,
      lastEventId: lastEventIdOf(headers, query),
      serialize: (value) => config.transformer.output.serialize(value),
      formatError: (error) =>
        getErrorShape({ config, ctx, error: getTRPCErrorFromUnknown(error), input, path, type: "subscription" }),
      client: sse.client ?? {},
      ping,
      signal: abort.signal,
      onEnd: () => {
        clearTimeout(maxDuration);
        requestSignal.removeEventListener("abort", onRequestAbort);
        abort.abort();
      },
    });
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  };
}
