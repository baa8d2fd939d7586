import type { AnyRouter } from "@trpc/server";
import {
  callTRPCProcedure,
  getErrorShape,
  getTRPCErrorFromUnknown,
  TRPCError,
  transformTRPCResponse,
} from "@trpc/server";
import { getHTTPStatusCode } from "@trpc/server/http";
import type { Env, Context as HonoContext, MiddlewareHandler } from "hono";
import { inputError, procedureOfType, streamedOrNotJson } from "./trpc-get.ts";

export interface TrpcQueriesOptions<E extends Env> {
  router: AnyRouter;
  /** Where tRPC is mounted, e.g. "/trpc". */
  endpoint: string;
  /** The same context the tRPC handler builds for the request. */
  createContext: (c: HonoContext<E>) => Promise<unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isAsyncIterable = (value: unknown) => isObject(value) && Symbol.asyncIterator in value;
const isPromise = (value: unknown) => isObject(value) && typeof value.then === "function";

/** tRPC's test for stream-like answers (refused outside streaming calls): top-level promises or iterables. */
function isDataStream(data: unknown): boolean {
  if (!isObject(data)) return false;
  if (isAsyncIterable(data)) return true;
  const values = Object.values(data);
  return values.some(isPromise) || values.some(isAsyncIterable);
}

/**
 * The calls' inputs from the `input` query, read as tRPC reads a GET: parsed once, on the first
 * call that asks; a batch's input is an object keyed by call index. The errors thrown are
 * tRPC's, so the procedure reports them as tRPC's adapter would.
 */
function inputReader(router: AnyRouter, query: URLSearchParams, batch: boolean, calls: number) {
  const { transformer } = router._def._config;
  let inputs: Promise<Record<number, unknown>> | undefined;
  const read = async (): Promise<Record<number, unknown>> => {
    const raw = query.get("input");
    const parsed: unknown = raw ? JSON.parse(raw) : undefined;
    if (parsed === undefined) return {};
    if (!batch) return { 0: transformer.input.deserialize(parsed) };
    if (!isObject(parsed)) {
      throw new TRPCError({ code: "BAD_REQUEST", message: '"input" needs to be an object when doing a batch call' });
    }
    const byIndex: Record<number, unknown> = {};
    for (let index = 0; index < calls; index++) {
      const input = parsed[index];
      if (input !== undefined) byIndex[index] = transformer.input.deserialize(input);
    }
    return byIndex;
  };
  return {
    input: async (index: number) => {
      // As tRPC's memo: a failure to read is the client's (BAD_REQUEST) unless already a tRPC error.
      inputs ??= read().catch((cause: unknown) => {
        throw inputError(cause);
      });
      return (await inputs)[index];
    },
    /** What was read for a call, for the error formatter (undefined when reading failed). */
    readFor: async (index: number) =>
      inputs ? (await inputs.catch(() => ({}) as Record<number, unknown>))[index] : undefined,
  };
}

/**
 * Answers GET queries — single or batched, as the catalog's pages, search, product detail and the
 * apps' batched reads arrive — without tRPC's fetch adapter, whose generic pipeline (a WHATWG
 * Request materialised from the socket, abort-signal plumbing, a Response and its Headers copied
 * back out) cost more of the API's CPU per catalog request than the procedure's own work. Each
 * procedure still runs through tRPC's `callProcedure`: middlewares (access, rate limits, error
 * mapping), input and output parsing are tRPC's, errors take the router's formatter, the status
 * is tRPC's rule for the set of answers, and the body is byte for byte what tRPC sends. Streamed
 * answers, connection params, mutations, subscriptions, mixed batches and unknown paths go on to
 * tRPC unchanged.
 */
export function trpcQueries<E extends Env>(options: TrpcQueriesOptions<E>): MiddlewareHandler<E> {
  const { router } = options;
  const config = router._def._config;
  const prefix = `${options.endpoint}/`;
  const isQuery = procedureOfType(router, "query");

  return async (c, next) => {
    if (c.req.method !== "GET" || !c.req.path.startsWith(prefix)) return next();
    const query = new URL(c.req.url).searchParams;
    const batch = query.get("batch") === "1";
    const rawPath = c.req.path.slice(prefix.length);
    const paths = batch ? rawPath.split(",") : [rawPath];
    if (!paths.every(isQuery) || query.has("connectionParams") || streamedOrNotJson(c.req.raw.headers)) return next();

    const inputs = inputReader(router, query, batch, paths.length);
    // One context for the whole batch, as tRPC creates it; its failure is every call's error.
    const context = options.createContext(c);
    context.catch(() => undefined);
    let ctx: unknown;
    const answers = await Promise.all(
      paths.map(async (path, index) => {
        try {
          ctx = await context;
          const data: unknown = await callTRPCProcedure({
            router,
            path,
            ctx,
            type: "query",
            // tRPC would pass the request's abort signal; materialising it costs a full Request,
            // and no query procedure reads it (they are single SQL reads).
            signal: undefined,
            batchIndex: index,
            getRawInput: () => inputs.input(index),
          });
          if (isDataStream(data)) {
            throw new TRPCError({
              code: "UNSUPPORTED_MEDIA_TYPE",
              message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
            });
          }
          return { result: { data } };
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          const input = await inputs.readFor(index);
          return { error: getErrorShape({ config, ctx, error, input, path, type: "query" }) };
        }
      }),
    );
    const body = batch ? answers : answers[0];
    c.header("vary", "trpc-accept, accept");
    c.header("content-type", "application/json");
    return c.body(
      JSON.stringify(transformTRPCResponse(config, body as never)),
      getHTTPStatusCode(body as never) as 200,
    );
  };
}
