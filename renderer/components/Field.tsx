/**
 * One labelled text field of a form (the Sources screen's). The label wraps its input and names it by id as
 * well (`for`), so the input keeps its name however the two are laid out; the id is unique on the page even
 * when a form shows twice (two YouTube sources asking to sign in again).
 */
import { useId, type InputHTMLAttributes } from 'react';

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'value' | 'onChange' | 'className'>;

export function Field({
  label,
  hint,
  stacked,
  testId,
  value,
  onChange,
  ...input
}: InputProps & {
  label: string;
  /** What the producer should know, e.g. what an empty field means; shown after the label. */
  hint?: string;
  /** The label above the input (in a column of fields) rather than beside it (in a row). */
  stacked?: boolean;
  testId: string;
  value: string;
  onChange(value: string): void;
}) {
  const id = useId();
  return (
    <label htmlFor={id} className={stacked ? 'col' : undefined}>
      {hint ? `${label} (${hint})` : label}
      <input id={id} value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId} {...input} />
    </label>
  );
}
