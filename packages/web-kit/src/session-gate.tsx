import type { ReactNode } from "react";
import type { CurrentUser } from "./session.ts";
import { useCurrentUser } from "./session.ts";

interface SessionGateProps {
  /** What a signed-out visitor sees. */
  signedOut: ReactNode;
  /** The app for the signed-in user. */
  children: (user: CurrentUser) => ReactNode;
}

/** Waits for the session, offers a retry when the API cannot be reached, then shows the right app. */
export function SessionGate({ signedOut, children }: SessionGateProps) {
  const session = useCurrentUser();
  if (session.isPending) return <p className="status">Loading…</p>;
  if (session.isError) {
    return (
      <div className="page">
        <p role="alert" className="error">
          Could not reach Niaga: {session.error.message}
        </p>
        <button type="button" onClick={() => void session.refetch()}>
          Try again
        </button>
      </div>
    );
  }
  if (!session.data) return signedOut;
  return children(session.data);
}
