import { listUserSessionsInputSchema, sessionSchema } from "@niaga/contracts";
import { listSessionsOfUser } from "@niaga/core/sessions/sessions.service";
import { z } from "zod";
import { adminProcedure } from "../../../trpc.ts";

export const listUserSessionsProcedure = adminProcedure
  .input(listUserSessionsInputSchema)
  .output(z.array(sessionSchema))
  .query(({ ctx, input }) => listSessionsOfUser(ctx.db, input.userId, ctx.principal.sessionId));
