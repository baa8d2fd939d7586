import type { Access } from "@niaga/api";
import { isAllowed, ROLE_ACCESS } from "@niaga/api";
import type { Role } from "@niaga/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";
import { callRaw, listProcedures } from "./support/procedures.ts";

/**
 * The audience of every procedure, written out by hand. Adding a procedure without adding it
 * here fails the suite, and so does a procedure whose declared rule differs from this table
 * or whose behaviour differs from its rule.
 */
const EXPECTED: Record<string, "public" | "authed" | keyof typeof ROLE_ACCESS> = {
  "admin.apiKeys.create": "admin",
  "admin.apiKeys.list": "admin",
  "admin.apiKeys.revoke": "admin",
  "admin.audit.list": "admin",
  "admin.coupons.create": "admin",
  "admin.coupons.deactivate": "admin",
  "admin.coupons.get": "admin",
  "admin.coupons.list": "admin",
  "admin.coupons.report": "admin",
  "admin.jobs.failures": "admin",
  "admin.jobs.queues": "admin",
  "admin.jobs.retry": "admin",
  "admin.jobs.runNow": "admin",
  "admin.ledger.accounts": "admin",
  "admin.ledger.check": "admin",
  "admin.ledger.entry": "admin",
  "admin.ledger.exportCsv": "admin",
  "admin.ledger.transactions": "admin",
  "admin.reconciliation.mismatches": "admin",
  "admin.reconciliation.resolve": "admin",
  "admin.reconciliation.runNow": "admin",
  "admin.reconciliation.runs": "admin",
  "admin.sessions.list": "admin",
  "admin.sessions.revoke": "admin",
  "admin.shipping.rates.delete": "admin",
  "admin.shipping.rates.list": "admin",
  "admin.shipping.rates.upsert": "admin",
  "admin.users.createAdmin": "superadmin",
  "admin.users.list": "admin",
  "admin.users.setActive": "admin",
  "admin.users.setRole": "admin",
  "admin.withdrawals.approve": "admin",
  "admin.withdrawals.list": "admin",
  "admin.withdrawals.markPaid": "admin",
  "admin.withdrawals.reject": "admin",
  "admin.withdrawals.setStoreStripeAccount": "admin",
  "customer.addresses.create": "customer",
  "customer.addresses.delete": "customer",
  "customer.addresses.list": "customer",
  "customer.addresses.setDefault": "customer",
  "customer.addresses.update": "customer",
  "customer.cart.add": "customer",
  "customer.cart.clear": "customer",
  "customer.cart.confirmPrices": "customer",
  "customer.cart.get": "customer",
  "customer.cart.mergeGuest": "customer",
  "customer.cart.remove": "customer",
  "customer.cart.setQuantity": "customer",
  "customer.checkout.get": "customer",
  "customer.checkout.place": "customer",
  "customer.coins.balance": "customer",
  "customer.coins.claimDaily": "customer",
  "customer.coins.history": "customer",
  "customer.complaints.escalate": "customer",
  "customer.complaints.get": "customer",
  "customer.complaints.list": "customer",
  "customer.complaints.open": "customer",
  "customer.complaints.uploadImage": "customer",
  "customer.follows.feed": "customer",
  "customer.follows.follow": "customer",
  "customer.follows.list": "customer",
  "customer.follows.unfollow": "customer",
  "customer.live.notifications": "authed",
  "customer.live.order": "customer",
  "customer.me.get": "authed",
  "customer.me.update": "authed",
  "customer.me.uploadAvatar": "authed",
  "customer.notifications.list": "authed",
  "customer.notifications.markAllRead": "authed",
  "customer.notifications.markRead": "authed",
  "customer.notifications.preferences.digest.get": "authed",
  "customer.notifications.preferences.digest.update": "authed",
  "customer.notifications.preferences.get": "authed",
  "customer.notifications.preferences.update": "authed",
  "customer.notifications.unreadCount": "authed",
  "customer.orders.cancel": "customer",
  "customer.orders.confirmReceipt": "customer",
  "customer.orders.get": "customer",
  "customer.orders.list": "customer",
  "customer.payments.get": "customer",
  "customer.payments.start": "customer",
  "customer.reviews.create": "customer",
  "customer.reviews.listMine": "customer",
  "customer.reviews.update": "customer",
  "customer.reviews.uploadImage": "customer",
  "customer.sessions.list": "authed",
  "customer.sessions.revoke": "authed",
  "customer.shipping.quote": "customer",
  "customer.wallet.balance": "customer",
  "customer.wallet.history": "customer",
  "customer.wallet.topUp": "customer",
  "manager.categories.create": "manager",
  "manager.categories.delete": "manager",
  "manager.categories.move": "manager",
  "manager.categories.update": "manager",
  "manager.complaints.decide": "manager",
  "manager.complaints.get": "manager",
  "manager.complaints.list": "manager",
  "manager.inventory.adjust": "manager",
  "manager.orders.forceTransition": "manager",
  "manager.orders.get": "manager",
  "manager.orders.list": "manager",
  "manager.orders.stuck": "manager",
  "manager.products.hide": "manager",
  "manager.products.unhide": "manager",
  "manager.reviews.hide": "manager",
  "manager.reviews.unhide": "manager",
  "public.categories.list": "public",
  "public.guestCart.add": "public",
  "public.guestCart.create": "public",
  "public.guestCart.get": "public",
  "public.guestCart.remove": "public",
  "public.guestCart.setQuantity": "public",
  "public.health": "public",
  "public.live.stock": "public",
  "public.products.get": "public",
  "public.products.list": "public",
  "public.reviews.list": "public",
  "public.search.query": "public",
  "public.search.suggest": "public",
  "public.stores.get": "public",
  "seller.bankAccounts.create": "seller",
  "seller.bankAccounts.delete": "seller",
  "seller.bankAccounts.list": "seller",
  "seller.complaints.get": "seller",
  "seller.complaints.list": "seller",
  "seller.complaints.markReturned": "seller",
  "seller.complaints.respond": "seller",
  "seller.coupons.create": "seller",
  "seller.coupons.deactivate": "seller",
  "seller.coupons.get": "seller",
  "seller.coupons.list": "seller",
  "seller.coupons.report": "seller",
  "seller.finance.balances": "seller",
  "seller.finance.earnings": "seller",
  "seller.finance.statement": "seller",
  "seller.inventory.adjust": "seller",
  "seller.inventory.journal": "seller",
  "seller.inventory.list": "seller",
  "seller.live.orders": "seller",
  "seller.locations.create": "seller",
  "seller.locations.list": "seller",
  "seller.locations.setDefault": "seller",
  "seller.locations.update": "seller",
  "seller.orders.accept": "seller",
  "seller.orders.get": "seller",
  "seller.orders.list": "seller",
  "seller.orders.markDelivered": "seller",
  "seller.orders.ship": "seller",
  "seller.products.addVariant": "seller",
  "seller.products.archive": "seller",
  "seller.products.archiveVariant": "seller",
  "seller.products.bulkUpdatePrices": "seller",
  "seller.products.bulkUpdateStock": "seller",
  "seller.products.create": "seller",
  "seller.products.delete": "seller",
  "seller.products.deleteImage": "seller",
  "seller.products.get": "seller",
  "seller.products.list": "seller",
  "seller.products.reorderImages": "seller",
  "seller.products.update": "seller",
  "seller.products.updateVariant": "seller",
  "seller.products.uploadImage": "seller",
  "seller.reviews.list": "seller",
  "seller.reviews.reply": "seller",
  "seller.store.create": "seller",
  "seller.store.get": "seller",
  "seller.store.update": "seller",
  "seller.store.uploadBanner": "seller",
  "seller.store.uploadLogo": "seller",
  "seller.withdrawals.list": "seller",
  "seller.withdrawals.request": "seller",
};

function audienceOf(access: Access): string {
  if (access.kind !== "roles") return access.kind;
  const match = Object.entries(ROLE_ACCESS).find(([, roles]) => roles === access.roles);
  return match ? match[0] : `custom(${access.roles.join(",")})`;
}

const PRINCIPALS: (Role | "anonymous")[] = ["anonymous", "customer", "seller", "manager", "admin", "superadmin"];
const procedures = listProcedures();

let api: TestApi;
const tokens = new Map<Role, string>();

beforeAll(async () => {
  api = await startTestApi();
  for (const role of PRINCIPALS) {
    if (role !== "anonymous") tokens.set(role, (await api.userWithRole(role)).token);
  }
});
afterAll(() => api.stop());

describe("RBAC matrix", () => {
  it("declares an access rule for every procedure, matching the table", () => {
    const declared = Object.fromEntries(
      procedures.map((procedure) => [procedure.path, procedure.access ? audienceOf(procedure.access) : "MISSING"]),
    );
    expect(declared).toEqual(EXPECTED);
  });

  for (const procedure of procedures) {
    for (const principal of PRINCIPALS) {
      const role = principal === "anonymous" ? null : principal;
      const allowed = procedure.access ? isAllowed(procedure.access, role) : false;
      it(`${procedure.path} is ${allowed ? "allowed" : "refused"} for ${principal}`, async () => {
        const token = role ? tokens.get(role) : undefined;
        // No input: an allowed caller gets past the guard and meets input validation (or the
        // result); a refused one is stopped before input is read.
        const result = await callRaw(api.url, procedure, undefined, token ? { authorization: `Bearer ${token}` } : {});
        if (allowed) {
          expect([401, 403]).not.toContain(result.status);
          expect(result.status).toBeLessThan(500);
        } else {
          expect(result.status).toBe(role ? 403 : 401);
          expect(result.code).toBe(role ? "FORBIDDEN" : "UNAUTHORIZED");
        }
      });
    }
  }
});
