import type { Storage } from "@niaga/core/storage/storage";
import { Hono } from "hono";

/** Serves stored uploads. Keys are content addressed, so responses are cacheable forever. */
export function filesRoutes(storage: Storage) {
  return new Hono().get("/*", async (c) => {
    const key = decodeURIComponent(c.req.path.replace(/^\/files\//, ""));
    const file = await storage.get(key);
    if (!file) return c.json({ error: "Not found" }, 404);
    return c.body(file.body as Uint8Array<ArrayBuffer>, 200, {
      "content-type": file.contentType,
      "cache-control": "public, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'",
    });
  });
}
