import { listLedgerTransactionsInputSchema, listLedgerTransactionsOutputSchema } from "@niaga/contracts";
import { listLedgerTransactions } from "@niaga/core/ledger/ledger.read";
import { adminProcedure } from "../../../trpc.ts";

export const listLedgerTransactionsProcedure = adminProcedure
  .input(listLedgerTransactionsInputSchema)
  .output(listLedgerTransactionsOutputSchema)
  .query(({ ctx, input }) => listLedgerTransactions(ctx.db, input));
