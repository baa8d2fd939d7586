import { defineConfig } from "tsdown";

/** Server-only packages: never bundled into the JavaScript or the declarations. */
const serverOnly = [/^kysely(\/|$)/, /^pg(-boss)?(\/|$)/, /^hono(\/|$)/, /^@hono\//, /^nodemailer(\/|$)/];

/**
 * The published SDK: ESM with declarations. `dependencies` and `peerDependencies` stay external
 * (tsdown's default). The router's types come from `@niaga/api` and `@niaga/contracts`, private
 * workspace packages, so their declarations are bundled in; `paths` makes TypeScript treat their
 * source as part of this program so it emits declarations for it. What they import from the
 * server side is externalised and dropped by tree-shaking (the narrow router context in
 * `packages/api/src/trpc.ts` keeps it unused); `onlyImport` fails the build if any survives.
 */
export default defineConfig({
  entry: { index: "src/index.ts", react: "src/react.tsx" },
  format: "esm",
  platform: "neutral",
  clean: true,
  dts: {
    compilerOptions: {
      paths: {
        "@niaga/api": ["../api/src/index.ts"],
        "@niaga/contracts": ["../contracts/src/index.ts"],
      },
    },
  },
  // Externals are imported for their exports only, so an unused one leaves no bare `import "x"` behind.
  treeshake: { moduleSideEffects: (_id, external) => !external },
  deps: {
    // The JavaScript imports no workspace package (the router is a type-only import).
    neverBundle: [/^@niaga\//, ...serverOnly],
    // The declarations inline @niaga/api's and @niaga/contracts' types and nothing else of ours.
    dts: { neverBundle: [/^@niaga\/(?!api$|contracts$)/, ...serverOnly] },
    // Nothing from node_modules is bundled, and the output imports only the SDK's own dependencies.
    onlyBundle: [],
    onlyImport: [
      "@trpc/client",
      "@trpc/server",
      "@trpc/tanstack-react-query",
      "@tanstack/react-query",
      "better-auth",
      "react",
      "superjson",
      "zod",
    ],
  },
});
