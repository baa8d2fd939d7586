import type { RouterOutputs } from "@niaga/client";

export type AdminUser = RouterOutputs["admin"]["users"]["list"]["items"][number];

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" });

/** One row per account; the admin's actions on users will hang off these rows. */
export function UsersTable({ users }: { users: AdminUser[] }) {
  if (users.length === 0) return <p className="muted">No users match.</p>;
  return (
    <table className="table" aria-label="Users">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col">Joined</th>
        </tr>
      </thead>
      <tbody>
        {users.map((user) => (
          <tr key={user.id}>
            <td>{user.name}</td>
            <td>{user.email}</td>
            <td>{user.role}</td>
            <td title={user.deactivatedReason ?? undefined}>{user.active ? "Active" : "Deactivated"}</td>
            <td>{dateFormat.format(user.createdAt)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
