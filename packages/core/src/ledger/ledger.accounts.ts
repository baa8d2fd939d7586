import type { LedgerNormalSide, LedgerOwnerType } from "@niaga/db";

/**
 * A ledger account, named by a stable code. Accounts are created on first use, so a new store or
 * customer needs no set-up. Debit-normal accounts are what the platform holds or spends (money
 * at a gateway, promotions it pays for); credit-normal ones are what it owes or earned (seller
 * balances, wallets, coins, commission).
 */
export interface AccountRef {
  code: string;
  kind: string;
  normalSide: LedgerNormalSide;
  ownerType: LedgerOwnerType | null;
  ownerId: string | null;
}

const platform = (kind: string, normalSide: LedgerNormalSide): AccountRef => ({
  code: kind,
  kind,
  normalSide,
  ownerType: null,
  ownerId: null,
});

const owned = (
  kind: string,
  normalSide: LedgerNormalSide,
  ownerType: LedgerOwnerType,
  ownerId: string,
): AccountRef => ({
  code: `${kind}:${ownerId}`,
  kind,
  normalSide,
  ownerType,
  ownerId,
});

/** The chart of accounts. */
export const accounts = {
  /** Money captured by a payment provider and not yet paid out (asset). */
  gatewayClearing: (provider: string) => owned("gateway_clearing", "debit", "provider", provider),
  /** The platform's bank, for payouts marked paid by hand (asset). */
  platformCash: () => platform("platform_cash", "debit"),
  /** Commission earned (revenue). */
  platformRevenue: () => platform("platform_revenue", "credit"),
  /** Platform coupons and coins the platform pays for on sellers' behalf (expense). */
  platformPromotions: () => platform("platform_promotions", "debit"),
  /** Coins customers hold, worth money at checkout (liability). */
  coinsLiability: () => platform("coins_liability", "credit"),
  /** Refunds decided but not yet sent back (liability). */
  refundsPayable: () => platform("refunds_payable", "credit"),
  /** A seller's earnings held until the order completes (liability). */
  sellerPending: (storeId: string) => owned("seller_pending", "credit", "store", storeId),
  /** A seller's earnings they may withdraw (liability). */
  sellerAvailable: (storeId: string) => owned("seller_available", "credit", "store", storeId),
  /** Withdrawals approved and on their way to the seller's bank (liability). */
  payoutsInTransit: (storeId: string) => owned("payouts_in_transit", "credit", "store", storeId),
  /** A customer's wallet (liability). */
  customerWallet: (userId: string) => owned("customer_wallet", "credit", "customer", userId),
  /** Wallet money set aside for an unpaid checkout: taken at capture, returned if it expires (liability). */
  customerWalletHeld: (userId: string) => owned("customer_wallet_held", "credit", "customer", userId),
} as const;

/** The balance as people read it: credit-normal accounts show credits as positive. */
export function readableBalance(normalSide: LedgerNormalSide, debitPositiveBalance: number): number {
  // `|| 0` turns the -0 of a zero credit balance into 0, so equality checks read naturally.
  return (normalSide === "credit" ? -debitPositiveBalance : debitPositiveBalance) || 0;
}
