import { earningsInputSchema, earningsOutputSchema } from "@niaga/contracts";
import { sellerEarnings } from "@niaga/core/finance/finance.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const sellerEarningsProcedure = sellerProcedure
  .input(earningsInputSchema)
  .output(earningsOutputSchema)
  .query(({ ctx, input }) =>
    sellerEarnings(ctx.db, actorOf(ctx), {
      ...input,
      timeZone: ctx.config.MARKETPLACE_TIME_ZONE,
      currency: ctx.config.CURRENCY,
    }),
  );
