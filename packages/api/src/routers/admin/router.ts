import { router } from "../../trpc.ts";
import { createApiKeyProcedure } from "./api-keys/create.ts";
import { listApiKeysProcedure } from "./api-keys/list.ts";
import { revokeApiKeyProcedure } from "./api-keys/revoke.ts";
import { listAuditProcedure } from "./audit/list.ts";
import { listUserSessionsProcedure } from "./sessions/list.ts";
import { revokeUserSessionProcedure } from "./sessions/revoke.ts";
import { createAdminProcedure } from "./users/create-admin.ts";
import { listUsersProcedure } from "./users/list.ts";
import { setActiveProcedure } from "./users/set-active.ts";
import { setRoleProcedure } from "./users/set-role.ts";

export const adminRouter = router({
  users: router({
    list: listUsersProcedure,
    setRole: setRoleProcedure,
    setActive: setActiveProcedure,
    createAdmin: createAdminProcedure,
  }),
  sessions: router({ list: listUserSessionsProcedure, revoke: revokeUserSessionProcedure }),
  apiKeys: router({ create: createApiKeyProcedure, list: listApiKeysProcedure, revoke: revokeApiKeyProcedure }),
  audit: router({ list: listAuditProcedure }),
});
