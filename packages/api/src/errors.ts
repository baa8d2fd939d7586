import type { DomainErrorCode } from "@niaga/core/shared/errors";
import { DomainError } from "@niaga/core/shared/errors";
import { TRPCError } from "@trpc/server";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server/rpc";
import { ZodError, z } from "zod";

const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED: "UNSUPPORTED_MEDIA_TYPE",
  // 503: the request was fine, an upstream provider was not; the client may retry later.
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
};

/** Turns a domain error into the tRPC error the client sees; anything else passes through. */
export function toTRPCError(error: unknown): unknown {
  if (error instanceof TRPCError && error.cause instanceof DomainError) {
    return new TRPCError({ code: DOMAIN_TO_TRPC[error.cause.code], message: error.cause.message, cause: error.cause });
  }
  return error;
}

export interface ErrorData {
  code: TRPC_ERROR_CODE_KEY;
  httpStatus: number;
  path?: string;
  requestId: string | null;
  /** Per-field messages for BAD_REQUEST, keyed by dotted input path ("" for the input itself). */
  fieldErrors: Record<string, string[]> | null;
}

function fieldErrorsOf(cause: unknown): Record<string, string[]> | null {
  if (cause instanceof ZodError) {
    const fields: Record<string, string[]> = {};
    for (const issue of cause.issues) {
      const key = issue.path.map(String).join(".");
      fields[key] = [...(fields[key] ?? []), issue.message];
    }
    return fields;
  }
  if (cause instanceof DomainError && cause.fields) return cause.fields;
  return null;
}

/** Message for invalid input: the first field problem, readable on its own. */
export function invalidInputMessage(cause: ZodError): string {
  const first = cause.issues[0];
  if (!first) return "Invalid input";
  const where = first.path.length ? `${first.path.join(".")}: ` : "";
  return `Invalid input: ${where}${first.message}`;
}

/** Builds the client-safe error shape; nothing from a stack or SQL leaves the server. */
export function formatError(params: {
  shape: { message: string; code: number; data: { code: TRPC_ERROR_CODE_KEY; httpStatus: number; path?: string } };
  error: TRPCError;
  requestId: string | null;
}) {
  const { shape, error, requestId } = params;
  const internal = error.code === "INTERNAL_SERVER_ERROR";
  let message = shape.message;
  if (internal)
    message = `Something went wrong on our side. Quote request id ${requestId ?? "unknown"} if you contact support.`;
  else if (error.cause instanceof ZodError) message = invalidInputMessage(error.cause);
  const data: ErrorData = {
    code: shape.data.code,
    httpStatus: shape.data.httpStatus,
    ...(shape.data.path !== undefined && { path: shape.data.path }),
    requestId,
    fieldErrors: fieldErrorsOf(error.cause),
  };
  return { message, code: shape.code, data };
}

export const requestIdSchema = z.string().regex(/^[A-Za-z0-9._-]{8,64}$/);
