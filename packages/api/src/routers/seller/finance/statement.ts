import { statementInputSchema, statementOutputSchema } from "@niaga/contracts";
import { sellerStatement } from "@niaga/core/finance/finance.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const sellerStatementProcedure = sellerProcedure
  .input(statementInputSchema)
  .output(statementOutputSchema)
  .query(({ ctx, input }) => sellerStatement(ctx.db, actorOf(ctx), input));
