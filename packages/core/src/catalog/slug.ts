/**
 * A URL slug from a title: ASCII letters and digits joined by single dashes ("Kaos Polos Katun
 * Combed 30s" → "kaos-polos-katun-combed-30s"). Accents are folded; anything else separates words.
 */
export function slugify(title: string, maxLength = 80): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, maxLength)
    .replace(/-+$/g, "");
  return slug || "product";
}
