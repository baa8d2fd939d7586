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

/** Calls a procedure over plain HTTP, as any client (or attacker) could. */
export async function callRaw(
  baseUrl: string,
  procedure: Pick<ProcedureInfo, "path" | "type">,
  input: unknown,
  headers: Record<string, string> = {},
): Promise<RawResult> {
  const serialized = input === undefined ? undefined : JSON.stringify(superjson.serialize(input));
  const url = `${baseUrl}/trpc/${procedure.path}`;
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
