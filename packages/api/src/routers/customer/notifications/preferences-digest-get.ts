import { digestPreferenceSchema } from "@niaga/contracts";
import { getDigestPreference } from "@niaga/core/notifications/preferences";
import { actorOf } from "../../../actor.ts";
import { authedProcedure } from "../../../trpc.ts";

export const getDigestPreferenceProcedure = authedProcedure
  .output(digestPreferenceSchema)
  .query(({ ctx }) => getDigestPreference(ctx.db, actorOf(ctx)));
