import type { Db } from "../shared/db.ts";

/**
 * The hook where a cancelled order that was already paid for hands its refund over. Refunds
 * belong to the payments issue: until it lands this only names what is owed, and the text is
 * kept on the cancellation's order event. The payments issue replaces the body (same
 * transaction, so a rolled-back cancel never refunds) and keeps the signature.
 */
export async function requestOrderRefund(_trx: Db, params: { orderId: string; amount: number }): Promise<string> {
  return `Refund of ${params.amount} due to the customer (payments step)`;
}
