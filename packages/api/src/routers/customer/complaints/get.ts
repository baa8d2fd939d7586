import { complaintDetailSchema, complaintIdInputSchema } from "@niaga/contracts";
import { getMyComplaint } from "@niaga/core/complaints/complaints.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const getMyComplaintProcedure = customerProcedure
  .input(complaintIdInputSchema)
  .output(complaintDetailSchema)
  .query(({ ctx, input }) => getMyComplaint(ctx.db, actorOf(ctx), input));
