/**
 * What reconciliation reads from a payment gateway: its own records of payments, refunds and
 * payouts (transfers to sellers) created in a window, normalised. Amounts are minor units as the
 * gateway reports them (Niaga's minor units are the gateway's: the payment adapters send them
 * unconverted); currency is upper-case ISO 4217.
 */
export interface GatewayRecord {
  /** The gateway's id: a PaymentIntent, a refund, a transfer. */
  providerRef: string;
  amount: number;
  currency: string;
  status: GatewayStatus;
  createdAt: Date;
  /**
   * Niaga ids the gateway carries for the record (Stripe metadata: paymentId, reference,
   * refundId, withdrawalId), so a record matches its ledger entry even when no provider
   * reference was stored on our side.
   */
  references?: readonly string[];
}

/**
 * `succeeded`: money moved (a captured payment, a settled refund, a paid transfer); `pending`:
 * not yet; `failed` / `cancelled`: it never will; `reversed`: it moved and was taken back.
 */
export type GatewayStatus = "succeeded" | "pending" | "failed" | "cancelled" | "reversed";

export interface ReconciliationWindow {
  from: Date;
  to: Date;
}

/** One provider's list APIs. `to` is exclusive. */
export interface ReconciliationSource {
  /** The ledger's name for the provider: its gateway-clearing account is `gateway_clearing:<provider>`. */
  provider: string;
  listPayments(window: ReconciliationWindow): Promise<GatewayRecord[]>;
  listRefunds(window: ReconciliationWindow): Promise<GatewayRecord[]>;
  listPayouts(window: ReconciliationWindow): Promise<GatewayRecord[]>;
}
