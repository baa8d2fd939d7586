import type { InputHTMLAttributes } from "react";

type Props = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string };

/** A labelled input: the label names it for screen readers and for tests (getByLabel). */
export function TextField({ label, ...input }: Props) {
  return (
    <label className="field">
      <span>{label}</span>
      <input required {...input} />
    </label>
  );
}
