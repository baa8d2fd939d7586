import { createHash } from "node:crypto";
import type { ComplaintDetail } from "@niaga/contracts";
import { COMPLAINT_MAX_IMAGES } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { assertImage } from "../storage/images.ts";
import type { Storage } from "../storage/storage.ts";
import type { Actor } from "../users/users.service.ts";
import { complaintDetail } from "./complaints.read.ts";

/** Evidence can be added while the complaint still waits on someone. */
const OPEN_STATUSES = ["open", "rejected", "expired", "escalated"] as const;

const tooMany = () =>
  new DomainError("INVALID", `A complaint has at most ${COMPLAINT_MAX_IMAGES} images`, {
    file: [`A complaint has at most ${COMPLAINT_MAX_IMAGES} images`],
  });

/**
 * Attaches an uploaded photo to the caller's own complaint while it is undecided. The bytes are
 * checked to be an image; the file is keyed by complaint and content (no account id in the
 * public URL). The append is one conditional update, so racing uploads cannot pass the limit.
 */
export async function uploadComplaintImage(
  db: Db,
  storage: Storage,
  actor: Actor,
  params: { complaintId: string; bytes: Uint8Array; maxBytes: number },
): Promise<ComplaintDetail> {
  const complaint = await db
    .selectFrom("complaints")
    .select(["id", "status", "images"])
    .where("id", "=", params.complaintId)
    .where("customer_id", "=", actor.userId)
    .executeTakeFirst();
  if (!complaint) throw new NotFoundError("Complaint");
  if (!(OPEN_STATUSES as readonly string[]).includes(complaint.status)) {
    throw new DomainError("CONFLICT", "Images can be added only while the complaint is undecided");
  }
  if (complaint.images.length >= COMPLAINT_MAX_IMAGES) throw tooMany();
  const { type, extension } = assertImage(params.bytes, params.maxBytes);
  const hash = createHash("sha256").update(params.bytes).digest("hex").slice(0, 32);
  const stored = await storage.put({
    key: `complaints/${complaint.id}/${hash}.${extension}`,
    body: params.bytes,
    contentType: type,
  });
  const url = JSON.stringify([stored.url]);
  const appended = await db
    .updateTable("complaints")
    .set({ images: sql<string>`images || ${url}::jsonb`, updated_at: new Date() })
    .where("id", "=", complaint.id)
    .where(sql<boolean>`jsonb_array_length(images) < ${COMPLAINT_MAX_IMAGES}`)
    .where(sql<boolean>`not images @> ${url}::jsonb`)
    .returning("id")
    .executeTakeFirst();
  const detail = await complaintDetail(db, complaint.id, { customerId: actor.userId });
  if (!appended && !detail.images.includes(stored.url)) throw tooMany();
  return detail;
}
