import { listJournalInputSchema, listJournalOutputSchema } from "@niaga/contracts";
import { listInventoryJournal } from "@niaga/core/inventory/inventory.read";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const listJournalProcedure = sellerProcedure
  .input(listJournalInputSchema)
  .output(listJournalOutputSchema)
  .query(({ ctx, input }) => listInventoryJournal(ctx.db, actorOf(ctx), input));
