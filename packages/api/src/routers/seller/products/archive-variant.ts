import { sellerProductSchema, variantIdInputSchema } from "@niaga/contracts";
import { archiveVariant } from "@niaga/core/catalog/variants.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const archiveVariantProcedure = sellerProcedure
  .input(variantIdInputSchema)
  .output(sellerProductSchema)
  .mutation(({ ctx, input }) => archiveVariant(ctx.db, actorOf(ctx), input));
