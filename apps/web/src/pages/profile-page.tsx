import type { CurrentUser } from "@niaga/web-kit/session";

/** The signed-in user's own account, as `customer.me.get` returns it. */
export function ProfilePage({ user }: { user: CurrentUser }) {
  return (
    <section className="card">
      <h1>Your profile</h1>
      <dl className="details">
        <dt>Name</dt>
        <dd data-testid="profile-name">{user.name}</dd>
        <dt>Email</dt>
        <dd data-testid="profile-email">{user.email}</dd>
        <dt>Role</dt>
        <dd data-testid="profile-role">{user.role}</dd>
      </dl>
    </section>
  );
}
