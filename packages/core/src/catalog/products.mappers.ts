import type { ProductImage, SellerProduct } from "@niaga/contracts";
import type { ProductImageRow, ProductRow, VariantRow } from "./products.queries.ts";

interface LevelRow {
  variant_id: string;
  location_id: string;
  on_hand: number;
  reserved: number;
}

export function toProductImage(row: ProductImageRow): ProductImage {
  return { id: row.id, url: row.url, alt: row.alt, position: row.position };
}

export function toSellerProduct(
  product: ProductRow,
  variants: VariantRow[],
  levels: LevelRow[],
  images: ProductImageRow[],
): SellerProduct {
  return {
    id: product.id,
    storeId: product.store_id,
    title: product.title,
    slug: product.slug,
    status: product.status,
    categoryId: product.category_id,
    description: product.description,
    tags: product.tags,
    metadata: product.metadata,
    weightGrams: product.weight_grams,
    dimensions: { lengthMm: product.length_mm, widthMm: product.width_mm, heightMm: product.height_mm },
    lowStockThreshold: product.low_stock_threshold,
    minPrice: product.min_price,
    maxPrice: product.max_price,
    inStock: product.in_stock,
    hidden: product.hidden_at !== null,
    hiddenReason: product.hidden_reason,
    publishedAt: product.published_at,
    createdAt: product.created_at,
    updatedAt: product.updated_at,
    variants: variants.map((variant) => ({
      id: variant.id,
      sku: variant.sku,
      title: variant.title,
      options: variant.options,
      price: variant.price,
      compareAtPrice: variant.compare_at_price,
      position: variant.position,
      archivedAt: variant.archived_at,
      stock: levels
        .filter((level) => level.variant_id === variant.id)
        .map((level) => ({
          locationId: level.location_id,
          onHand: level.on_hand,
          reserved: level.reserved,
          available: level.on_hand - level.reserved,
        })),
    })),
    images: images.map(toProductImage),
  };
}
