import type { FormEvent } from "react";
import { useState } from "react";

/**
 * Form submission with a pending flag and an error message. The action gets the form's fields
 * and resolves to a message to show, or null on success.
 */
export function useSubmit(action: (fields: FormData) => Promise<string | null>) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    setError(await action(fields));
    setPending(false);
  }

  return { error, pending, onSubmit: (event: FormEvent<HTMLFormElement>) => void submit(event) };
}

/** A text field's value from FormData ("" when missing). */
export function field(fields: FormData, name: string): string {
  const value = fields.get(name);
  return typeof value === "string" ? value : "";
}
