import { moderatedProductSchema, unhideProductInputSchema } from "@niaga/contracts";
import { setProductHidden } from "@niaga/core/catalog/moderation.service";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const unhideProductProcedure = managerProcedure
  .input(unhideProductInputSchema)
  .output(moderatedProductSchema)
  .mutation(({ ctx, input }) =>
    setProductHidden(ctx.db, actorOf(ctx), { id: input.id, hidden: false, reason: input.reason }),
  );
