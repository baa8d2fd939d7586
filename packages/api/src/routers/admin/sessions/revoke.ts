import { revokeUserSessionInputSchema } from "@niaga/contracts";
import { revokeUserSessions } from "@niaga/core/sessions/sessions.admin";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { adminProcedure } from "../../../trpc.ts";

export const revokeUserSessionProcedure = adminProcedure
  .input(revokeUserSessionInputSchema)
  .output(z.object({ revoked: z.number().int() }))
  .mutation(async ({ ctx, input }) => ({ revoked: await revokeUserSessions(ctx.db, actorOf(ctx), input) }));
