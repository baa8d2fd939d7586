import { sql } from "kysely";
import { DomainError } from "./errors.ts";

/**
 * Keyset cursor over (timestamptz, id) that keeps PostgreSQL's microseconds. A JS Date only
 * holds milliseconds, so a cursor built from one skips rows created within the same millisecond
 * as a page's last row when the column was filled by `now()`.
 */
export interface ExactCursor {
  /** ISO-8601 UTC text with microseconds, as `exactTimestamp` selects it. */
  at: string;
  id: string;
}

const EXACT_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** Selects a timestamptz column as microsecond ISO text (for `encodeExactCursor`). */
export function exactTimestamp(column: string) {
  return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

export function encodeExactCursor(cursor: ExactCursor): string {
  return Buffer.from(`${cursor.at}|${cursor.id}`).toString("base64url");
}

export function decodeExactCursor(raw: string): ExactCursor {
  const [at, id] = Buffer.from(raw, "base64url").toString("utf8").split("|");
  if (!at || !EXACT_ISO.test(at) || !id) {
    throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
  }
  return { at, id };
}

/** `(column, idColumn) < (cursor)`: the rows after the cursor in a newest-first listing. */
export function olderThan(column: string, idColumn: string, cursor: ExactCursor) {
  return sql<boolean>`(${sql.ref(column)}, ${sql.ref(idColumn)}) < (${cursor.at}::timestamptz, ${cursor.id})`;
}

/** Cuts a `limit + 1` row fetch into a page and the cursor of its last row. */
export function pageOf<Row extends { cursor_at: string; id: string }>(
  rows: Row[],
  limit: number,
): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    rows: page,
    nextCursor: rows.length > limit && last ? encodeExactCursor({ at: last.cursor_at, id: last.id }) : null,
  };
}
