import { bankAccountListSchema } from "@niaga/contracts";
import { listBankAccounts } from "@niaga/core/finance/bank-accounts.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listBankAccountsProcedure = sellerProcedure
  .output(bankAccountListSchema)
  .query(({ ctx }) => listBankAccounts(ctx.db, actorOf(ctx)));
