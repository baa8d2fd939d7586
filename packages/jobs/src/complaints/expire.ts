import { expireOverdueComplaints } from "@niaga/core/complaints/complaints.expiry";
import type { JobDeps } from "../definitions.ts";

/** Marks complaints the seller did not answer within COMPLAINT_SELLER_RESPONSE_HOURS as expired. */
export async function runComplaintExpiry({ db, logger }: JobDeps): Promise<void> {
  const expired = await expireOverdueComplaints(db);
  if (expired > 0) logger.info("complaints.expire done", { expired });
}
