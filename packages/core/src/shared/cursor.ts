import { DomainError } from "./errors.ts";

/** Keyset cursor over (timestamp, id): stable under inserts, unlike offsets. */
export interface TimeIdCursor {
  at: Date;
  id: string;
}

export function encodeCursor(cursor: TimeIdCursor): string {
  return Buffer.from(`${cursor.at.toISOString()}|${cursor.id}`).toString("base64url");
}

export function decodeCursor(raw: string): TimeIdCursor {
  const [at, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  const date = at ? new Date(at) : null;
  if (!date || Number.isNaN(date.getTime()) || !id) {
    throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
  }
  return { at: date, id };
}
