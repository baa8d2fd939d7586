import { markCheckoutPaid } from "@niaga/core/checkout/checkout-payment";
import { accounts } from "@niaga/core/ledger/ledger.accounts";
import { checkLedgerInvariants } from "@niaga/core/ledger/ledger.invariants";
import { accountBalance } from "@niaga/core/ledger/ledger.service";
import { seedDefaultRateTable } from "@niaga/core/shipping/rate-table.seed";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ADDRESS, newCategory, sellerWithStore, uniqueSlug } from "./support/catalog.ts";
import { codeOf } from "./support/errors.ts";
import type { TestApi } from "./support/harness.ts";
import { startTestApi } from "./support/harness.ts";

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi();
  await seedDefaultRateTable(api.database.db);
});
afterAll(() => api.stop());
afterEach(async () => {
  expect(await checkLedgerInvariants(api.database.db)).toMatchObject({ ok: true });
});

// A valid 1×1 PNG.
const PNG = Uint8Array.from(
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
    "base64",
  ),
);

function imageForm(complaintId: string, bytes: Uint8Array = PNG): FormData {
  const form = new FormData();
  form.append("complaintId", complaintId);
  form.append("file", new File([bytes as Uint8Array<ArrayBuffer>], "damage.png", { type: "image/png" }));
  return form;
}

/** A seller's listed product, bought (one unit) and paid for by a fresh customer through the sandbox. */
async function paidOrderLine(price = 400_000) {
  const seller = await sellerWithStore(api);
  const category = await newCategory(api);
  const product = await seller.client.seller.products.create.mutate({
    title: "Sepatu Lari",
    categoryId: category.id,
    status: "active",
    weightGrams: 700,
    variants: [{ sku: uniqueSlug("SL").toUpperCase(), options: { size: "42" }, price, stock: [{ onHand: 5 }] }],
  });
  const user = await api.userWithRole("customer");
  const customer = api.client(user.token);
  const address = await customer.customer.addresses.create.mutate({
    recipient: "Dewi",
    phone: "+6281211112222",
    ...ADDRESS,
  });
  await customer.customer.cart.add.mutate({ variantId: product.variants[0]?.id as string, quantity: 1 });
  const checkout = await customer.customer.checkout.place.mutate({
    idempotencyKey: uniqueSlug("complaint-checkout"),
    addressId: address.id,
    shipping: [{ storeId: seller.store.id, courier: "jne", service: "REG" }],
  });
  await markCheckoutPaid(api.database.db, { checkoutId: checkout.id, provider: "sandbox" });
  const order = await customer.customer.orders.get.query({ id: checkout.orders[0]?.id as string });
  return { seller, customer, user, lineId: order.lines[0]?.id as string, price };
}

describe("complaints over HTTP", () => {
  it("runs open → reject → escalate → manager approves to the wallet, each party seeing only its own", async () => {
    const p = await paidOrderLine();
    const opened = await p.customer.customer.complaints.open.mutate({
      orderLineId: p.lineId,
      reason: "damaged",
      description: "The sole came off on the first run",
      resolution: "refund",
      refundAmount: p.price,
    });
    expect(opened).toMatchObject({ status: "open", refundDestination: "original", linePaidValue: p.price });
    const withImage = await p.customer.customer.complaints.uploadImage.mutate(imageForm(opened.id));
    expect(withImage.images).toHaveLength(1);
    expect((await p.customer.customer.complaints.list.query({})).items.map((item) => item.id)).toEqual([opened.id]);

    // Strangers: another customer and another store get NOT_FOUND.
    const stranger = api.client((await api.userWithRole("customer")).token);
    const otherSeller = await sellerWithStore(api);
    expect(await codeOf(stranger.customer.complaints.get.query({ id: opened.id }))).toBe("NOT_FOUND");
    expect(await codeOf(stranger.customer.complaints.uploadImage.mutate(imageForm(opened.id)))).toBe("NOT_FOUND");
    expect(await codeOf(otherSeller.client.seller.complaints.get.query({ id: opened.id }))).toBe("NOT_FOUND");
    expect(
      await codeOf(
        otherSeller.client.seller.complaints.respond.mutate({
          id: opened.id,
          decision: "approve",
          message: "Not mine",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect((await otherSeller.client.seller.complaints.list.query({})).items).toEqual([]);

    const storeView = await p.seller.client.seller.complaints.list.query({ status: "open" });
    expect(storeView.items.map((item) => item.id)).toEqual([opened.id]);
    const rejected = await p.seller.client.seller.complaints.respond.mutate({
      id: opened.id,
      decision: "reject",
      message: "This is wear from use, not a defect",
    });
    expect(rejected.status).toBe("rejected");
    expect(rejected.sellerMessage).toBe("This is wear from use, not a defect");
    await p.customer.customer.complaints.escalate.mutate({ id: opened.id, note: "It was brand new" });

    const manager = api.client((await api.userWithRole("manager")).token);
    const queue = await manager.manager.complaints.list.query({ limit: 100 });
    expect(queue.items[0]?.status).toBe("escalated");
    expect(queue.items.map((item) => item.id)).toContain(opened.id);
    const decided = await manager.manager.complaints.decide.mutate({
      id: opened.id,
      decision: "approve",
      refundAmount: 250_000,
      refundDestination: "wallet",
      note: "Partial refund: a defect, but the shoes were worn",
    });
    expect(decided).toMatchObject({ status: "manager_approved", approvedAmount: 250_000, refundDestination: "wallet" });
    expect(decided.refund).toMatchObject({ amount: 250_000, destination: "wallet", status: "succeeded" });
    expect(decided.events.map((event) => event.toStatus)).toEqual([
      "open",
      "rejected",
      "escalated",
      "manager_approved",
    ]);
    const mine = await p.customer.customer.complaints.get.query({ id: opened.id });
    expect(mine.managerNote).toBe("Partial refund: a defect, but the shoes were worn");
    expect(await accountBalance(api.database.db, accounts.customerWallet(p.user.id))).toBe(250_000);
    expect(
      await codeOf(manager.manager.complaints.decide.mutate({ id: opened.id, decision: "reject", note: "Again" })),
    ).toBe("CONFLICT");
  });

  it("validates input with field messages and refuses a second complaint on the line", async () => {
    const p = await paidOrderLine();
    const missing = await p.customer.customer.complaints.open
      .mutate({ orderLineId: p.lineId, reason: "damaged", description: "Broken zip on arrival", resolution: "refund" })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({ data: { code: "BAD_REQUEST" } });
    expect(JSON.stringify(missing)).toContain("Enter the amount to refund");
    expect(
      await codeOf(
        p.customer.customer.complaints.open.mutate({
          orderLineId: p.lineId,
          reason: "damaged",
          description: "Broken zip on arrival",
          resolution: "refund",
          refundAmount: p.price + 1,
        }),
      ),
    ).toBe("BAD_REQUEST");
    await p.customer.customer.complaints.open.mutate({
      orderLineId: p.lineId,
      reason: "wrong_item",
      description: "Got size 40 instead of 42",
      resolution: "replacement",
    });
    expect(
      await codeOf(
        p.customer.customer.complaints.open.mutate({
          orderLineId: p.lineId,
          reason: "other",
          description: "Opening another one",
          resolution: "replacement",
        }),
      ),
    ).toBe("CONFLICT");
  });

  it("restocks a returned item once when the seller marks it received", async () => {
    const p = await paidOrderLine();
    const opened = await p.customer.customer.complaints.open.mutate({
      orderLineId: p.lineId,
      reason: "not_as_described",
      description: "Colour is very different from the photos",
      resolution: "return",
      refundAmount: p.price,
      refundDestination: "wallet",
    });
    await p.seller.client.seller.complaints.respond.mutate({
      id: opened.id,
      decision: "approve",
      message: "Send it back",
    });
    const returned = await p.seller.client.seller.complaints.markReturned.mutate({ id: opened.id });
    expect(returned.returnedAt).toBeInstanceOf(Date);
    expect(returned.refund).toMatchObject({ amount: p.price, status: "succeeded" });
    expect(await codeOf(p.seller.client.seller.complaints.markReturned.mutate({ id: opened.id }))).toBe("CONFLICT");
    const journal = await api.database.db
      .selectFrom("inventory_journal")
      .select(["reason", "on_hand_delta"])
      .where("reference", "=", `complaint:${opened.id}`)
      .execute();
    expect(journal).toEqual([{ reason: "return", on_hand_delta: 1 }]);
  });
});
