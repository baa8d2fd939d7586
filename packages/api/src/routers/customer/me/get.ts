import { meSchema } from "@niaga/contracts";
import { getMe } from "@niaga/core/users/users.service";
import { authedProcedure } from "../../../trpc.ts";

export const getMeProcedure = authedProcedure.output(meSchema).query(({ ctx }) => getMe(ctx.db, ctx.principal.userId));
