import { createStaffAccount } from "@niaga/auth";
import { adminUserSchema, createAdminInputSchema } from "@niaga/contracts";
import { actorOf } from "../../../actor.ts";
import { superadminProcedure } from "../../../trpc.ts";

export const createAdminProcedure = superadminProcedure
  .input(createAdminInputSchema)
  .output(adminUserSchema)
  .mutation(({ ctx, input }) => createStaffAccount(ctx.auth, ctx.db, actorOf(ctx), input));
