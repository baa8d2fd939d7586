import { auditEntrySchema, listAuditInputSchema } from "@niaga/contracts";
import { listAuditLog } from "@niaga/core/audit/audit";
import { z } from "zod";
import { adminProcedure } from "../../../trpc.ts";

export const listAuditProcedure = adminProcedure
  .input(listAuditInputSchema)
  .output(z.array(auditEntrySchema))
  .query(({ ctx, input }) => listAuditLog(ctx.db, input));
