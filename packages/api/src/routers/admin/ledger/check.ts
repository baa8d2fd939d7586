import { ledgerCheckSchema } from "@niaga/contracts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { adminProcedure } from "../../../trpc.ts";

export const checkLedgerProcedure = adminProcedure
  .output(ledgerCheckSchema)
  .query(({ ctx }) => checkLedgerInvariants(ctx.db));
