import { router } from "../../trpc.ts";
import { getMeProcedure } from "./me/get.ts";
import { updateMeProcedure } from "./me/update.ts";
import { uploadAvatarProcedure } from "./me/upload-avatar.ts";
import { listMySessionsProcedure } from "./sessions/list.ts";
import { revokeMySessionProcedure } from "./sessions/revoke.ts";

// "My account" procedures are open to every signed-in account (staff have profiles too);
// shopping procedures added later use customerProcedure.
export const customerRouter = router({
  me: router({ get: getMeProcedure, update: updateMeProcedure, uploadAvatar: uploadAvatarProcedure }),
  sessions: router({ list: listMySessionsProcedure, revoke: revokeMySessionProcedure }),
});
