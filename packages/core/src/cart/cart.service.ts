import { createHash, randomBytes } from "node:crypto";
import type { CartView } from "@niaga/contracts";
import { sql } from "kysely";
import type { Db } from "../shared/db.ts";
import { inTransaction } from "../shared/db.ts";
import { DomainError, NotFoundError } from "../shared/errors.ts";
import { newId } from "../shared/ids.ts";
import { toCartView } from "./cart.mappers.ts";
import { findCartLines, findSellableVariant } from "./cart.queries.ts";

/** Whose cart: a signed-in customer's, or a guest's identified by the token we handed out. */
export type CartOwner = { customerId: string } | { guestToken: string };

/** Distinct lines one cart may hold: enough for any shopper, a bound for abuse. */
export const MAX_CART_LINES = 100;

/** A fresh guest token. Only its hash is stored, so a database leak reveals no usable token. */
export function newGuestToken(): string {
  return `gc_${randomBytes(24).toString("base64url")}`;
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

async function findCartId(db: Db, owner: CartOwner): Promise<string | undefined> {
  const query = db.selectFrom("carts").select("id");
  const row = await ("customerId" in owner
    ? query.where("customer_id", "=", owner.customerId)
    : query.where("guest_token_hash", "=", hashToken(owner.guestToken))
  ).executeTakeFirst();
  return row?.id;
}

/** The owner's cart id, creating the cart on first use (race-safe through the unique keys). */
async function ensureCartId(db: Db, owner: CartOwner): Promise<string> {
  const existing = await findCartId(db, owner);
  if (existing) return existing;
  await db
    .insertInto("carts")
    .values({
      id: newId(),
      customer_id: "customerId" in owner ? owner.customerId : null,
      guest_token_hash: "guestToken" in owner ? hashToken(owner.guestToken) : null,
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const created = await findCartId(db, owner);
  if (!created) throw new Error("cart vanished after insert");
  return created;
}

/** The cart as the shopper sees it now: current prices, stock, and flags for what changed. */
export async function getCart(db: Db, owner: CartOwner): Promise<CartView> {
  const cartId = await findCartId(db, owner);
  return toCartView(cartId ? await findCartLines(db, cartId) : []);
}

/** Adds units of a variant (or more of one already there). The price seen is the current one. */
export async function addToCart(
  db: Db,
  owner: CartOwner,
  input: { variantId: string; quantity: number },
): Promise<CartView> {
  await inTransaction(db, async (trx) => {
    const variant = await findSellableVariant(trx, input.variantId);
    if (!variant) throw new NotFoundError("Variant");
    const cartId = await ensureCartId(trx, owner);
    // Serialises writers of one cart, so the line cap below holds under concurrent adds.
    await trx.selectFrom("carts").select("id").where("id", "=", cartId).forUpdate().execute();
    const count = await trx
      .selectFrom("cart_lines")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("cart_id", "=", cartId)
      .where("variant_id", "<>", input.variantId)
      .executeTakeFirstOrThrow();
    if (Number(count.n) >= MAX_CART_LINES) {
      throw new DomainError("INVALID", `A cart holds at most ${MAX_CART_LINES} different items`, {
        variantId: [`The cart already has ${MAX_CART_LINES} items`],
      });
    }
    await trx
      .insertInto("cart_lines")
      .values({
        cart_id: cartId,
        variant_id: input.variantId,
        quantity: input.quantity,
        seen_unit_price: variant.price,
      })
      .onConflict((oc) =>
        oc.columns(["cart_id", "variant_id"]).doUpdateSet({
          quantity: sql<number>`least(cart_lines.quantity + excluded.quantity, 999)`,
          seen_unit_price: sql<number>`excluded.seen_unit_price`,
          updated_at: new Date(),
        }),
      )
      .execute();
  });
  return getCart(db, owner);
}

/** Sets a line's quantity; the line must be in the cart. */
export async function setCartQuantity(
  db: Db,
  owner: CartOwner,
  input: { variantId: string; quantity: number },
): Promise<CartView> {
  const cartId = await findCartId(db, owner);
  const updated = cartId
    ? await db
        .updateTable("cart_lines")
        .set({ quantity: input.quantity, updated_at: new Date() })
        .where("cart_id", "=", cartId)
        .where("variant_id", "=", input.variantId)
        .executeTakeFirst()
    : undefined;
  if (!updated || updated.numUpdatedRows === 0n) throw new NotFoundError("Cart line");
  return getCart(db, owner);
}

/** Removes a line; removing one that is not there is not an error (the end state is the same). */
export async function removeFromCart(db: Db, owner: CartOwner, input: { variantId: string }): Promise<CartView> {
  const cartId = await findCartId(db, owner);
  if (cartId) {
    await db.deleteFrom("cart_lines").where("cart_id", "=", cartId).where("variant_id", "=", input.variantId).execute();
  }
  return getCart(db, owner);
}

export async function clearCart(db: Db, owner: CartOwner): Promise<CartView> {
  const cartId = await findCartId(db, owner);
  if (cartId) await db.deleteFrom("cart_lines").where("cart_id", "=", cartId).execute();
  return getCart(db, owner);
}

/**
 * The shopper accepts the current prices: every line's seen price becomes today's price, so a
 * checkout that failed with PriceChangedError can be retried knowingly.
 */
export async function confirmCartPrices(db: Db, owner: CartOwner): Promise<CartView> {
  const cartId = await findCartId(db, owner);
  if (cartId) {
    await sql`
      update cart_lines c set seen_unit_price = v.price, updated_at = now()
      from variants v where v.id = c.variant_id and c.cart_id = ${cartId} and c.seen_unit_price <> v.price`.execute(db);
  }
  return getCart(db, owner);
}

/**
 * At sign-in, the guest's cart joins the customer's: quantities of a variant in both add up
 * (capped at 999), the guest's seen price wins for lines it brings, and the guest cart is gone.
 * Merging a token that has no cart (or was merged already) changes nothing.
 */
export async function mergeGuestCart(db: Db, params: { customerId: string; guestToken: string }): Promise<CartView> {
  await inTransaction(db, async (trx) => {
    const guest = await trx
      .selectFrom("carts")
      .select("id")
      .where("guest_token_hash", "=", hashToken(params.guestToken))
      .forUpdate()
      .executeTakeFirst();
    if (!guest) return;
    const cartId = await ensureCartId(trx, { customerId: params.customerId });
    await sql`
      insert into cart_lines (cart_id, variant_id, quantity, seen_unit_price, added_at)
      select ${cartId}, g.variant_id, g.quantity, g.seen_unit_price, g.added_at
      from cart_lines g where g.cart_id = ${guest.id}
      on conflict (cart_id, variant_id) do update set
        quantity = least(cart_lines.quantity + excluded.quantity, 999),
        seen_unit_price = excluded.seen_unit_price,
        updated_at = now()`.execute(trx);
    await trx.deleteFrom("carts").where("id", "=", guest.id).execute();
  });
  return getCart(db, { customerId: params.customerId });
}
