import { ledgerEntryDetailSchema, ledgerEntryInputSchema } from "@niaga/contracts";
import { getLedgerEntry } from "@niaga/core/ledger/ledger.read";
import { adminProcedure } from "../../../trpc.ts";

export const getLedgerEntryProcedure = adminProcedure
  .input(ledgerEntryInputSchema)
  .output(ledgerEntryDetailSchema)
  .query(({ ctx, input }) => getLedgerEntry(ctx.db, input));
