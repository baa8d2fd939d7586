import { hideProductInputSchema, moderatedProductSchema } from "@niaga/contracts";
import { setProductHidden } from "@niaga/core/catalog/moderation.service";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const hideProductProcedure = managerProcedure
  .input(hideProductInputSchema)
  .output(moderatedProductSchema)
  .mutation(({ ctx, input }) =>
    setProductHidden(ctx.db, actorOf(ctx), { id: input.id, hidden: true, reason: input.reason }),
  );
