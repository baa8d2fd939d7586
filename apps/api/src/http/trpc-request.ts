import type { AnyRouter } from "@trpc/server";
import { TRPCError } from "@trpc/server";

// What the light paths (sse-subscriptions.ts, trpc-calls.ts) read from a request exactly as tRPC's
// fetch adapter reads it.

/**
 * A failure to read a call's input as tRPC reports it: the malformed query is the client's fault,
 * so BAD_REQUEST with the parser's message (never a 500), unless it already is a tRPC error.
 */
export function inputError(cause: unknown): TRPCError {
  if (cause instanceof TRPCError) return cause;
  return new TRPCError({
    code: "BAD_REQUEST",
    message: cause instanceof Error ? cause.message : "Invalid input",
    cause,
  });
}

/** A GET call's `input` query as parsed JSON (undefined when absent); throws the parser's error. */
export function queryInputJson(query: URLSearchParams): unknown {
  const raw = query.get("input");
  return raw ? (JSON.parse(raw) as unknown) : undefined;
}

/** The request's JSON `input` query, through the router's transformer, as tRPC reads a GET call. */
export function readInput(router: AnyRouter, query: URLSearchParams): unknown {
  try {
    const parsed = queryInputJson(query);
    return parsed === undefined ? undefined : router._def._config.transformer.input.deserialize(parsed);
  } catch (cause) {
    throw inputError(cause);
  }
}

/**
 * Whether a path names a procedure of this type, from the router's flat procedure table, read
 * once on the first call: the router is built by then (lazy sub-routers stay with tRPC).
 */
export function procedureOfType(
  router: AnyRouter,
  type: "query" | "mutation" | "subscription",
): (path: string) => boolean {
  let paths: Set<string> | null = null;
  return (path) => {
    paths ??= new Set(
      Object.entries(router._def.procedures as Record<string, { _def: { type: string } }>)
        .filter(([, procedure]) => procedure._def.type === type)
        .map(([name]) => name),
    );
    return paths.has(path);
  };
}

/** The declared media type as tRPC compares it: without parameters, in lower case (undefined: none). */
export function mediaTypeOf(headers: Headers): string | undefined {
  return headers.get("content-type")?.split(";", 1)[0]?.trim().toLowerCase();
}

/** Streamed (jsonl) answers and non-JSON bodies, which only tRPC's own adapter serves or refuses. */
export function streamedOrNotJson(headers: Headers): boolean {
  const contentType = mediaTypeOf(headers);
  const accept =
    headers.get("trpc-accept") ?? (headers.get("accept")?.includes("application/jsonl") ? "application/jsonl" : null);
  return (contentType !== undefined && contentType !== "application/json") || accept === "application/jsonl";
}

/** GET requests the SSE path leaves to tRPC's own adapter: batches and the above. */
export function leftToTrpc(headers: Headers, query: URLSearchParams): boolean {
  return streamedOrNotJson(headers) || query.get("batch") === "1";
}
