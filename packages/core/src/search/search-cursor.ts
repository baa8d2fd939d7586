import type { ProductSort } from "@niaga/contracts";
import { z } from "zod";
import { DomainError } from "../shared/errors.ts";

/**
 * A keyset position: the sort it belongs to, the last row's sort key and id, and (for search)
 * whether typo-tolerant matches were blended in on the first page, so every later page walks the
 * same result set. Encoded as base64url JSON: opaque to clients, validated strictly on the way
 * back, so a tampered cursor is a BAD_REQUEST and never reaches SQL as anything but a parameter.
 */
export interface ListCursor {
  sort: ProductSort;
  /** The sort key: a number (price, sold count, relevance score), microsecond ISO text
   * (newest), numeric text or null (rating, null once past the rated products). */
  key: number | string | null;
  id: string;
  fuzzy: boolean;
}

const ISO_MICROS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const NUMERIC_TEXT = /^\d{1,3}(\.\d{1,40})?$/;

const keySchemas: Record<ProductSort, z.ZodType<number | string | null>> = {
  newest: z.string().regex(ISO_MICROS),
  price_asc: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  price_desc: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  best_selling: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  rating: z.string().regex(NUMERIC_TEXT).nullable(),
  relevance: z.number().finite(),
};

const wireSchema = z.object({
  s: z.enum(["relevance", "price_asc", "price_desc", "newest", "rating", "best_selling"]),
  k: z.union([z.number(), z.string(), z.null()]),
  i: z.string().min(1).max(64),
  f: z.boolean(),
});

export function encodeListCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify({ s: cursor.sort, k: cursor.key, i: cursor.id, f: cursor.fuzzy })).toString(
    "base64url",
  );
}

function invalid(message = "The cursor is not valid"): DomainError {
  return new DomainError("INVALID", message, { cursor: [message] });
}

/** Decodes a cursor issued for `sort`; anything else (garbage, edits, another sort) is INVALID. */
export function decodeListCursor(raw: string, sort: ProductSort): ListCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const wire = wireSchema.safeParse(parsed);
  if (!wire.success) throw invalid();
  if (wire.data.s !== sort) throw invalid("The cursor belongs to another sort order");
  const key = keySchemas[sort].safeParse(wire.data.k);
  if (!key.success) throw invalid();
  return { sort, key: key.data, id: wire.data.i, fuzzy: wire.data.f };
}
