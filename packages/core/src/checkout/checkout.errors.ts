import { DomainError } from "../shared/errors.ts";

/** Some variants have fewer units available than the checkout asks for; every short one is listed. */
export class OutOfStockError extends DomainError {
  readonly shortages: readonly { variantId: string; requested: number; available: number }[];

  constructor(shortages: readonly { variantId: string; requested: number; available: number }[]) {
    const fields: Record<string, string[]> = {};
    for (const short of shortages) {
      fields[`lines.${short.variantId}`] = [
        short.available === 0
          ? "Out of stock"
          : `Out of stock: only ${short.available} left, ${short.requested} requested`,
      ];
    }
    super("CONFLICT", `Out of stock: ${shortages.length} item(s) no longer have enough units`, fields);
    this.name = "OutOfStockError";
    this.shortages = shortages;
  }
}

/** Prices moved since the customer confirmed them; the customer must re-confirm the listed lines. */
export class PriceChangedError extends DomainError {
  constructor(changes: readonly { variantId: string; confirmed: number; current: number }[]) {
    const fields: Record<string, string[]> = {};
    for (const change of changes) {
      fields[`lines.${change.variantId}`] = [`Price changed from ${change.confirmed} to ${change.current}`];
    }
    super("CONFLICT", `Prices changed for ${changes.length} item(s); review and confirm them again`, fields);
    this.name = "PriceChangedError";
  }
}
