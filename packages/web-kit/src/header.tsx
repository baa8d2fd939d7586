import type { ReactNode } from "react";
import { useState } from "react";
import { useAuthActions } from "./session.ts";

/** The signed-in header: the app's name, who you are (`children`), and the way out. */
export function Header({ brand, children }: { brand: string; children: ReactNode }) {
  const { signOut } = useAuthActions();
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setError(await signOut());
  }

  return (
    <header className="header">
      <strong className="brand">{brand}</strong>
      <span className="spacer" />
      {error === null ? null : (
        <span role="alert" className="error">
          {error}
        </span>
      )}
      <span data-testid="header-user">{children}</span>
      <button type="button" onClick={() => void onSignOut()}>
        Sign out
      </button>
    </header>
  );
}
