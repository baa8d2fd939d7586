import type { ReactNode } from "react";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";

/** Renders the app into index.html's `#root`, in strict mode. */
export function mountApp(app: ReactNode): void {
  const root = document.getElementById("root");
  if (!root) throw new Error("index.html has no #root element");
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
}
