import { DomainError } from "../shared/errors.ts";

// Journal lines are listed newest first by their bigserial id: ids only grow, so the id alone is
// a stable keyset cursor.

export function encodeLineCursor(id: number): string {
  return Buffer.from(`line:${id}`).toString("base64url");
}

export function decodeLineCursor(raw: string): number {
  const text = Buffer.from(raw, "base64url").toString("utf8");
  const id = text.startsWith("line:") ? Number(text.slice(5)) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new DomainError("INVALID", "The cursor is not valid", { cursor: ["Invalid cursor"] });
  }
  return id;
}

/** Cuts a `limit + 1` fetch into a page and the next cursor. */
export function linePage<T extends { id: number }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeLineCursor(last.id) : null };
}
