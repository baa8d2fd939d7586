import { coinHistoryInputSchema, coinHistoryOutputSchema } from "@niaga/contracts";
import { coinHistory } from "@niaga/core/coins/coins.read";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const coinHistoryProcedure = customerProcedure
  .input(coinHistoryInputSchema)
  .output(coinHistoryOutputSchema)
  .query(({ ctx, input }) => coinHistory(ctx.db, actorOf(ctx), input));
