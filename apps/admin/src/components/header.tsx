import { useState } from "react";
import type { CurrentUser } from "../auth/session.ts";
import { useAuthActions } from "../auth/session.ts";

/** Who is signed in, with which role, and the way out. */
export function Header({ user }: { user: CurrentUser }) {
  const { signOut } = useAuthActions();
  const [error, setError] = useState<string | null>(null);

  async function onSignOut() {
    setError(await signOut());
  }

  return (
    <header className="header">
      <strong className="brand">Niaga Admin</strong>
      <span className="spacer" />
      {error === null ? null : (
        <span role="alert" className="error">
          {error}
        </span>
      )}
      <span data-testid="header-user">
        {user.name} <span className="muted">({user.role})</span>
      </span>
      <button type="button" onClick={() => void onSignOut()}>
        Sign out
      </button>
    </header>
  );
}
