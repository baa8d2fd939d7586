interface ImportMetaEnv {
  /** The API's base URL baked in at build time; `window.__NIAGA_API_URL__` overrides it at run time. */
  readonly VITE_API_URL?: string;
}
