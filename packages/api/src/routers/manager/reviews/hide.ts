import { hideReviewInputSchema, moderatedReviewSchema } from "@niaga/contracts";
import { setReviewHidden } from "@niaga/core/reviews/reviews.moderation";
import { actorOf } from "../../../actor.ts";
import { managerProcedure } from "../../../trpc.ts";

export const hideReviewProcedure = managerProcedure
  .input(hideReviewInputSchema)
  .output(moderatedReviewSchema)
  .mutation(({ ctx, input }) =>
    setReviewHidden(ctx.db, actorOf(ctx), { id: input.id, hidden: true, reason: input.reason }),
  );
