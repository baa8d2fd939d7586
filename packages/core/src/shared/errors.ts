/**
 * Domain errors carry a stable code and a client-safe message. The API maps each code to a
 * transport status once, in its error formatter; domain code never speaks HTTP.
 */
export type DomainErrorCode =
  | "NOT_FOUND"
  | "FORBIDDEN"
  | "CONFLICT"
  | "INVALID"
  | "PAYLOAD_TOO_LARGE"
  | "UNSUPPORTED"
  /** A third-party service the operation depends on failed or timed out (e.g. shipping rates). */
  | "UNAVAILABLE";

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** Field-level details for INVALID errors, keyed by input path. */
  readonly fields: Record<string, string[]> | undefined;

  constructor(code: DomainErrorCode, message: string, fields?: Record<string, string[]>) {
    super(message);
    this.name = "DomainError";
    this.code = code;
    this.fields = fields;
  }
}

export class NotFoundError extends DomainError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} not found`);
    this.name = "NotFoundError";
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: string) {
    super("FORBIDDEN", message);
    this.name = "ForbiddenError";
  }
}
