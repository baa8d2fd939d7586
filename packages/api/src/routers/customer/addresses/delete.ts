import { addressIdInputSchema, addressListSchema } from "@niaga/contracts";
import { deleteAddress } from "@niaga/core/addresses/addresses.service";
import { actorOf } from "../../../actor.ts";
import { customerProcedure } from "../../../trpc.ts";

export const deleteAddressProcedure = customerProcedure
  .input(addressIdInputSchema)
  .output(addressListSchema)
  .mutation(({ ctx, input }) => deleteAddress(ctx.db, actorOf(ctx), input));
