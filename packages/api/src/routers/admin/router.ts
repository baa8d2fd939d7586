import { router } from "../../trpc.ts";
import { createApiKeyProcedure } from "./api-keys/create.ts";
import { listApiKeysProcedure } from "./api-keys/list.ts";
import { revokeApiKeyProcedure } from "./api-keys/revoke.ts";
import { listAuditProcedure } from "./audit/list.ts";
import { createAdminCouponProcedure } from "./coupons/create.ts";
import { deactivateAdminCouponProcedure } from "./coupons/deactivate.ts";
import { getAdminCouponProcedure } from "./coupons/get.ts";
import { listAdminCouponsProcedure } from "./coupons/list.ts";
import { adminCouponReportProcedure } from "./coupons/report.ts";
import { listUserSessionsProcedure } from "./sessions/list.ts";
import { revokeUserSessionProcedure } from "./sessions/revoke.ts";
import { deleteShippingRateProcedure } from "./shipping/delete-rate.ts";
import { listShippingRatesProcedure } from "./shipping/list-rates.ts";
import { upsertShippingRateProcedure } from "./shipping/upsert-rate.ts";
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
  coupons: router({
    create: createAdminCouponProcedure,
    list: listAdminCouponsProcedure,
    get: getAdminCouponProcedure,
    deactivate: deactivateAdminCouponProcedure,
    report: adminCouponReportProcedure,
  }),
  shipping: router({
    rates: router({
      list: listShippingRatesProcedure,
      upsert: upsertShippingRateProcedure,
      delete: deleteShippingRateProcedure,
    }),
  }),
});
