declare global {
  interface Window {
    /** Set by the page host before the bundle runs (a `<script>` in index.html, or a test's init script). */
    __NIAGA_API_URL__?: string;
  }
}

const DEFAULT_API_URL = "http://localhost:3000";

/**
 * The API base URL (no trailing slash). One build serves any API: a runtime value the page host
 * sets in `window.__NIAGA_API_URL__` wins over the build-time value (the app passes its
 * `import.meta.env.VITE_API_URL`, which only the app's Vite build can fill in). Unlike a query
 * parameter, a link cannot set it, so nobody can point a visitor's sign-in form at another server.
 */
export function resolveApiUrl(buildTimeUrl: string | undefined): string {
  return (window.__NIAGA_API_URL__ || buildTimeUrl || DEFAULT_API_URL).replace(/\/+$/, "");
}
