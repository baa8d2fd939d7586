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
import { listJobFailuresProcedure } from "./jobs/failures.ts";
import { listJobQueuesProcedure } from "./jobs/queues.ts";
import { retryJobProcedure } from "./jobs/retry.ts";
import { runJobNowProcedure } from "./jobs/run-now.ts";
import { listLedgerAccountsProcedure } from "./ledger/accounts.ts";
import { checkLedgerProcedure } from "./ledger/check.ts";
import { getLedgerEntryProcedure } from "./ledger/entry.ts";
import { exportLedgerProcedure } from "./ledger/export.ts";
import { listLedgerTransactionsProcedure } from "./ledger/transactions.ts";
import { listReconciliationMismatchesProcedure } from "./reconciliation/mismatches.ts";
import { resolveMismatchProcedure } from "./reconciliation/resolve.ts";
import { runReconciliationNowProcedure } from "./reconciliation/run-now.ts";
import { listReconciliationRunsProcedure } from "./reconciliation/runs.ts";
import { listUserSessionsProcedure } from "./sessions/list.ts";
import { revokeUserSessionProcedure } from "./sessions/revoke.ts";
import { deleteShippingRateProcedure } from "./shipping/delete-rate.ts";
import { listShippingRatesProcedure } from "./shipping/list-rates.ts";
import { upsertShippingRateProcedure } from "./shipping/upsert-rate.ts";
import { createAdminProcedure } from "./users/create-admin.ts";
import { listUsersProcedure } from "./users/list.ts";
import { setActiveProcedure } from "./users/set-active.ts";
import { setRoleProcedure } from "./users/set-role.ts";
import { approveWithdrawalProcedure } from "./withdrawals/approve.ts";
import { listWithdrawalsProcedure } from "./withdrawals/list.ts";
import { markWithdrawalPaidProcedure } from "./withdrawals/mark-paid.ts";
import { rejectWithdrawalProcedure } from "./withdrawals/reject.ts";
import { setStoreStripeAccountProcedure } from "./withdrawals/set-store-stripe-account.ts";

export const adminRouter = router({
  withdrawals: router({
    list: listWithdrawalsProcedure,
    approve: approveWithdrawalProcedure,
    markPaid: markWithdrawalPaidProcedure,
    reject: rejectWithdrawalProcedure,
    setStoreStripeAccount: setStoreStripeAccountProcedure,
  }),
  users: router({
    list: listUsersProcedure,
    setRole: setRoleProcedure,
    setActive: setActiveProcedure,
    createAdmin: createAdminProcedure,
  }),
  sessions: router({ list: listUserSessionsProcedure, revoke: revokeUserSessionProcedure }),
  apiKeys: router({ create: createApiKeyProcedure, list: listApiKeysProcedure, revoke: revokeApiKeyProcedure }),
  audit: router({ list: listAuditProcedure }),
  jobs: router({
    queues: listJobQueuesProcedure,
    failures: listJobFailuresProcedure,
    retry: retryJobProcedure,
    runNow: runJobNowProcedure,
  }),
  ledger: router({
    transactions: listLedgerTransactionsProcedure,
    entry: getLedgerEntryProcedure,
    accounts: listLedgerAccountsProcedure,
    check: checkLedgerProcedure,
    exportCsv: exportLedgerProcedure,
  }),
  reconciliation: router({
    runs: listReconciliationRunsProcedure,
    mismatches: listReconciliationMismatchesProcedure,
    resolve: resolveMismatchProcedure,
    runNow: runReconciliationNowProcedure,
  }),
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
