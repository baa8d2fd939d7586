import { readdir, readFile } from "node:fs/promises";

export const distDir = new URL("../../dist/", import.meta.url);

/** The built files whose names end with `suffix`, with their text. */
export async function distFiles(suffix: string): Promise<{ name: string; text: string }[]> {
  const names = (await readdir(distDir)).filter((name) => name.endsWith(suffix) && !name.endsWith(".map"));
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(new URL(name, distDir), "utf8") })));
}

const IMPORT_RE = /\b(?:import|export)\b[^"';]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']/g;

/** Every module specifier a file imports or re-exports from, static or dynamic. */
export function importSpecifiers(text: string): string[] {
  return [...text.matchAll(IMPORT_RE)].map((match) => match[1] ?? match[2] ?? "");
}

/** The package a bare specifier names (`@trpc/server/rpc` → `@trpc/server`). */
export function packageName(specifier: string): string {
  const [first = "", second = ""] = specifier.split("/");
  return first.startsWith("@") ? `${first}/${second}` : first;
}
