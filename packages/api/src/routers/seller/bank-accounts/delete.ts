import { bankAccountIdInputSchema } from "@niaga/contracts";
import { deleteBankAccount } from "@niaga/core/finance/bank-accounts.service";
import { z } from "zod";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const deleteBankAccountProcedure = sellerProcedure
  .input(bankAccountIdInputSchema)
  .output(z.object({ id: z.string() }))
  .mutation(({ ctx, input }) => deleteBankAccount(ctx.db, actorOf(ctx), input));
