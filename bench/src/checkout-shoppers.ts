// The hand-over between checkout-seed.ts and checkout-run.ts: the seeded shoppers with their
// plain API keys (only the hashes are in the database). Kept under bench/.data/, git-ignored.
import { fileURLToPath } from "node:url";

export const SHOPPERS_FILE = fileURLToPath(new URL("../.data/checkout-shoppers.json", import.meta.url));

/** The two kinds of seeded shoppers: "s" spread carts, "h" the hot variant. */
export type ShopperGroup = "s" | "h";

/** The start of a seeding's shopper ids in one group: bks<tag>_ and bkh<tag>_. */
export const shopperIdPrefix = (group: ShopperGroup, tag: string) => `bk${group}${tag}_`;

/** A LIKE pattern for the ids that start with `prefix`, its underscores taken literally. */
export const startingWith = (prefix: string) => `${prefix.replaceAll("_", "\\_")}%`;

/** One seeded shopper: whose key, which address, and the stores its full cart spans. */
export interface Shopper {
  userId: string;
  key: string;
  addressId: string;
  storeIds: string[];
}

export interface ShopperFile {
  createdAt: string;
  /** This seeding's tag: its shoppers are bks<tag>_N (spread) and bkh<tag>_N (hot). */
  tag: string;
  spread: Shopper[];
  hot: {
    variantId: string;
    storeId: string;
    locationId: string;
    /** Units the hot variant's level was given (on hand, reserved 0). */
    stock: number;
    /** Its level before seeding, restored by `--reset`. */
    original: { variantId: string; locationId: string; onHand: number; reserved: number };
    shoppers: Shopper[];
  };
}
