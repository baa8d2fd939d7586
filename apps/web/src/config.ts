import { resolveApiUrl } from "@niaga/web-kit/config";

/** The API base URL (no trailing slash): the page host's runtime value, else `VITE_API_URL`, else localhost. */
export const apiUrl: string = resolveApiUrl(import.meta.env.VITE_API_URL);
