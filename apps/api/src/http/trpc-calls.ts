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
import { inputError, mediaTypeOf, procedureOfType, queryInputJson, streamedOrNotJson } from "./trpc-request.ts";

export interface TrpcCallsOptions<E extends Env> {
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
 * The calls' inputs as tRPC reads them: the JSON of a GET's `input` query or of a POST's body,
 * parsed once, on the first call that asks; a batch's input is an object keyed by call index.
 * The errors thrown are tRPC's, so the procedure reports them as tRPC's adapter would.
 */
function inputReader(router: AnyRouter, readJson: () => Promise<unknown>, batch: boolean, calls: number) {
  const { transformer } = router._def._config;
  let inputs: Promise<Record<number, unknown>> | undefined;
  const read = async (): Promise<Record<number, unknown>> => {
    const parsed = await readJson();
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
 * Answers GET queries and POST mutations — single or batched, as the catalog's pages, product
 * detail, the cart, checkout and the apps' batched calls arrive — without tRPC's fetch adapter,
 * whose generic pipeline (abort-signal plumbing, a WHATWG Response and its Headers copied back out
 * through a stream) cost more of the API's CPU per catalog request than the procedure's own work.
 * Each procedure still runs through tRPC's `callProcedure`: middlewares (access, rate limits,
 * error mapping), input and output parsing are tRPC's, errors take the router's formatter, the
 * status is tRPC's rule for the set of answers, and the body is byte for byte what tRPC sends.
 * Streamed answers, connection params, subscriptions, a type over the wrong method, mixed batches,
 * bodies not declared JSON and unknown paths go on to tRPC unchanged.
 */
export function trpcCalls<E extends Env>(options: TrpcCallsOptions<E>): MiddlewareHandler<E> {
  const { router } = options;
  const config = router._def._config;
  const prefix = `${options.endpoint}/`;
  const isQuery = procedureOfType(router, "query");
  const isMutation = procedureOfType(router, "mutation");

  return async (c, next) => {
    const method = c.req.method;
    if ((method !== "GET" && method !== "POST") || !c.req.path.startsWith(prefix)) return next();
    const type = method === "GET" ? "query" : "mutation";
    const query = new URL(c.req.url).searchParams;
    const batch = query.get("batch") === "1";
    const rawPath = c.req.path.slice(prefix.length);
    const paths = batch ? rawPath.split(",") : [rawPath];
    if (!paths.every(type === "query" ? isQuery : isMutation)) return next();
    if (query.has("connectionParams") || streamedOrNotJson(c.req.raw.headers)) return next();
    // tRPC reads a POST's body only when it is declared JSON (any case, parameters allowed).
    if (type === "mutation" && mediaTypeOf(c.req.raw.headers) !== "application/json") return next();

    const readJson =
      type === "query" ? async () => queryInputJson(query) : async () => JSON.parse(await c.req.text()) as unknown;
    const inputs = inputReader(router, readJson, batch, paths.length);
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
            type,
            // tRPC would pass the request's abort signal; materialising it costs a full Request,
            // and only subscriptions (never served here) read it.
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
          return { error: getErrorShape({ config, ctx, error, input, path, type }) };
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
