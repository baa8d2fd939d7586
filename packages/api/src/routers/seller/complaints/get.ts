import { complaintDetailSchema, complaintIdInputSchema } from "@niaga/contracts";
import { getStoreComplaint } from "@niaga/core/complaints/complaints.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const getStoreComplaintProcedure = sellerProcedure
  .input(complaintIdInputSchema)
  .output(complaintDetailSchema)
  .query(({ ctx, input }) => getStoreComplaint(ctx.db, actorOf(ctx), input));
