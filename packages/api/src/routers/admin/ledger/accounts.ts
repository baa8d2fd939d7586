import { listLedgerAccountsInputSchema, listLedgerAccountsOutputSchema } from "@niaga/contracts";
import { listLedgerAccounts } from "@niaga/core/ledger/ledger.read";
import { adminProcedure } from "../../../trpc.ts";

export const listLedgerAccountsProcedure = adminProcedure
  .input(listLedgerAccountsInputSchema)
  .output(listLedgerAccountsOutputSchema)
  .query(({ ctx, input }) => listLedgerAccounts(ctx.db, input));
