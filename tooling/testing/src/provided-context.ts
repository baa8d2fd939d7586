/** What the global setup hands to every test file through vitest's provide/inject. */
export interface NiagaPgContext {
  /** A connection string to the server's maintenance database (for create/drop database). */
  adminUrl: string;
  /** The migrated template each test file clones. */
  template: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    niagaPg: NiagaPgContext;
  }
}
