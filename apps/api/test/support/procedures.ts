import type { Access } from "@niaga/api";
import { appRouter } from "@niaga/api";
import superjson from "superjson";

export interface ProcedureInfo {
  path: string;
  type: "query" | "mutation" | "subscription";
  access: Access | undefined;
  hasInput: boolean;
}

interface ProcedureDef {
  _def: { type: ProcedureInfo["type"]; meta?: { access?: Access }; inputs: unknown[] };
}

/** Every procedure of the app router, read from the router itself so none can be forgotten. */
export function listProcedures(): ProcedureInfo[] {
  const procedures = appRouter._def.procedures as unknown as Record<string, ProcedureDef>;
  return Object.entries(procedures)
    .map(([path, procedure]) => ({
      path,
      type: procedure._def.type,
      access: procedure._def.meta?.access,
      hasInput: procedure._def.inputs.length > 0,
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

export interface RawResult {
  status: number;
  code: string | null;
  message: string | null;
  fieldErrors: Record<string, string[]> | null;
  text: string;
}

interface ErrorJson {
  message?: string;
  data?: { code?: string; httpStatus?: number; fieldErrors?: Record<string, string[]> };
}

/**
 * Opens a subscription's event stream (GET, as an EventSource does) and reads until it errors,
 * sends data or stays quiet for `quietMs` after connecting. Its HTTP status is always 200; the
 * status reported is the error's, so refusals read like a query's.
 */
async function subscribeRaw(url: string, headers: Record<string, string>, quietMs = 400): Promise<RawResult> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  if (!response.body || !response.headers.get("content-type")?.includes("text/event-stream")) {
    return { status: response.status, code: null, message: null, fieldErrors: null, text: await response.text() };
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  let error: ErrorJson | null = null;
  const quiet = () => new Promise<null>((resolve) => setTimeout(() => resolve(null), quietMs));
  try {
    while (true) {
      const read = reader.read();
      // The read still pending when the stream is aborted rejects; nobody waits for it then.
      read.catch(() => {});
      const chunk = await Promise.race([read, quiet()]);
      if (!chunk || chunk.done) break;
      text += chunk.value;
      const failed = /event: serialized-error\ndata: (.*)\n/.exec(text);
      if (failed?.[1]) {
        error = (JSON.parse(failed[1]) as { json?: ErrorJson }).json ?? null;
        break;
      }
      if (/\n(data|event: return)/.test(text.replace(/^event: connected\ndata: .*\n/m, ""))) break;
    }
  } finally {
    controller.abort();
  }
  return {
    status: error?.data?.httpStatus ?? response.status,
    code: error?.data?.code ?? null,
    message: error?.message ?? null,
    fieldErrors: error?.data?.fieldErrors ?? null,
    text,
  };
}

/** Calls a procedure over plain HTTP, as any client (or attacker) could. */
export async function callRaw(
  baseUrl: string,
  procedure: Pick<ProcedureInfo, "path" | "type">,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<RawResult> {
  const serialized = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url = `${baseUrl}/trpc/${procedure.path}`;
  if (procedure.type === "subscription") {
    return subscribeRaw(serialized === undefined ? url : `${url}?input=${encodeURIComponent(serialized)}`, headers);
  }
  const response =
    procedure.type === "query"
      ? await fetch(serialized === undefined ? url : `${url}?input=${encodeURIComponent(serialized)}`, { headers })
      : await fetch(url, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers },
          ...(serialized !== undefined && { body: serialized }),
        });
  const text = await response.text();
  let body: {
    error?: { json?: { message?: string; data?: { code?: string; fieldErrors?: Record<string, string[]> } } };
  } = {};
  try {
    body = JSON.parse(text);
  } catch {
    // Non-JSON bodies are reported through `text`.
  }
  const error = body.error?.json;
  return {
    status: response.status,
    code: error?.data?.code ?? null,
    message: error?.message ?? null,
    fieldErrors: error?.data?.fieldErrors ?? null,
    text,
  };
}
