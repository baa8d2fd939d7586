import { sellerProductSchema, updateVariantInputSchema } from "@niaga/contracts";
import { updateVariant } from "@niaga/core/catalog/variants.service";
import { actorOf } from "../../../actor.ts";
import { sellerProcedure } from "../../../trpc.ts";

export const updateVariantProcedure = sellerProcedure
  .input(updateVariantInputSchema)
  .output(sellerProductSchema)
  .mutation(({ ctx, input }) => updateVariant(ctx.db, actorOf(ctx), input));
