import { readdir } from "node:fs/promises";
import path from "node:path";
import { expect, it } from "vitest";
import { ensureExport } from "./support/expo-export.ts";

// Compile check of the native JS bundle (~15 s cold, skipped when nothing changed): catches imports that only
// resolve on web, such as a missing native platform file or a web-only API at module scope.
it("bundles for Android", async () => {
  const dir = await ensureExport("android");
  const bundles = await readdir(path.join(dir, "_expo/static/js/android"));
  expect(bundles.some((name) => name.endsWith(".hbc"))).toBe(true);
});
