import { sessionSchema } from "@niaga/contracts";
import { listSessionsOfUser } from "@niaga/core/sessions/sessions.service";
import { z } from "zod";
import { authedProcedure } from "../../../trpc.ts";

export const listMySessionsProcedure = authedProcedure
  .output(z.array(sessionSchema))
  .query(({ ctx }) => listSessionsOfUser(ctx.db, ctx.principal.userId, ctx.principal.sessionId));
