import { ledgerExportOutputSchema, ledgerTransactionFiltersSchema } from "@niaga/contracts";
import { exportLedgerCsv } from "@niaga/core/ledger/ledger.read";
import { adminProcedure } from "../../../trpc.ts";

/**
 * The CSV of the filtered transactions, as text in a tRPC query rather than a separate Hono
 * route: the admin app saves `csv` under `filename`, and access, input validation and the RBAC
 * matrix are the same as every other procedure's.
 */
export const exportLedgerProcedure = adminProcedure
  .input(ledgerTransactionFiltersSchema)
  .output(ledgerExportOutputSchema)
  .query(({ ctx, input }) => exportLedgerCsv(ctx.db, input));
