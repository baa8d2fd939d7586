import { adminUserSchema, setRoleInputSchema } from "@niaga/contracts";
import { setUserRole } from "@niaga/core/users/users.service";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const setRoleProcedure = adminProcedure
  .input(setRoleInputSchema)
  .output(adminUserSchema)
  .mutation(({ ctx, input }) => setUserRole(ctx.db, actorOf(ctx), input));
