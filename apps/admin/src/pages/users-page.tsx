import { useTRPC } from "@niaga/client/react";
import { field } from "@niaga/web-kit/use-submit";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import { UsersTable } from "../users/users-table.tsx";

const PAGE_SIZE = 25;

/** Every account, newest first, searchable by name or email (`admin.users.list`). */
export function UsersPage() {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const users = useInfiniteQuery(
    trpc.admin.users.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...(search && { search }) },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );

  return (
    <section className="card">
      <h1>Users</h1>
      <search>
        <form
          className="search"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch(field(new FormData(event.currentTarget), "search").trim());
          }}
        >
          <input name="search" type="search" aria-label="Search users" placeholder="Name or email" maxLength={100} />
          <button type="submit">Search</button>
        </form>
      </search>
      {users.isPending ? <p className="muted">Loading users…</p> : null}
      {users.isError ? (
        <p role="alert" className="error">
          Could not load users: {users.error.message}
        </p>
      ) : null}
      {users.data ? <UsersTable users={users.data.pages.flatMap((page) => page.items)} /> : null}
      {users.hasNextPage ? (
        <button type="button" disabled={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
          {users.isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : null}
    </section>
  );
}
