import { bankAccountSchema, createBankAccountInputSchema } from "@niaga/contracts";
import { createBankAccount } from "@niaga/core/finance/bank-accounts.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const createBankAccountProcedure = sellerProcedure
  .input(createBankAccountInputSchema)
  .output(bankAccountSchema)
  .mutation(({ ctx, input }) => createBankAccount(ctx.db, actorOf(ctx), input));
