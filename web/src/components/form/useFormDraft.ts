import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { focusField, splitApiError } from './serverErrors';

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

interface FormDraftOptions<F extends string> {
  /** Every field, in the order they stand on screen: the first in error gets the cursor. */
  fields: readonly F[];
  /** What the record says now: the draft starts from it. */
  values: Record<F, string>;
  /**
   * The record's version, for forms that edit a versioned record: when a newer version arrives
   * (a save, a reload after a conflict), the draft is rebuilt on it, keeping only this person's
   * own edits, and `onRebase` says so.
   */
  version?: number;
  onRebase?: (version: number) => void;
  /** Server paths that are not a field's own name ("bloodPressureLimit.systolic" → "bpSystolic"). */
  aliases?: Partial<Record<string, F>>;
}

/**
 * A form's draft (every answer as the text typed), its field errors with the cursor moved to the
 * first, and a server refusal mapped back to the field it is about.
 */
export function useFormDraft<F extends string>({
  fields,
  values,
  version,
  onRebase,
  aliases,
}: FormDraftOptions<F>) {
  const formId = useId();
  const ids = useMemo(
    () => Object.fromEntries(fields.map((field) => [field, `${formId}-${field}`])) as Record<F, string>,
    [fields, formId],
  );
  // The version this draft is based on, and the values it had: a field differing from these is an edit.
  const [base, setBase] = useState(() => ({ version, values }));
  const [draft, setDraft] = useState<Record<F, string>>(values);
  const [errors, setErrors] = useState<FieldErrors<F>>({});

  const latest = useRef({ values, onRebase, fields });
  latest.current = { values, onRebase, fields };
  useEffect(() => {
    if (version === undefined || version === base.version) return;
    const { values: fresh, onRebase: rebased, fields: all } = latest.current;
    setDraft((current) => {
      const merged = { ...fresh };
      for (const field of all) {
        if (current[field] !== base.values[field]) merged[field] = current[field];
      }
      return merged;
    });
    setBase({ version, values: fresh });
    rebased?.(version);
  }, [version, base]);

  /** An input's change handler for one field. */
  const set = (field: F) => (event: { target: { value: string } }) =>
    setDraft((current) => ({ ...current, [field]: event.target.value }));

  /** Shows these errors, and moves the cursor to the first; true when there are any. */
  function showErrors(found: FieldErrors<F>): boolean {
    setErrors(found);
    const first = fields.find((field) => found[field]);
    if (first) focusField(ids[first]);
    return first !== undefined;
  }

  /**
   * Shows a server refusal beside the field it names, with the cursor there; returns the message
   * for the whole form when it names no field (null when a field took it).
   */
  function showServerError(caught: unknown): string | null {
    const split = splitApiError(caught, fields, aliases);
    if (!split.field) return split.message;
    showErrors({ [split.field]: split.message } as FieldErrors<F>);
    return null;
  }

  /** Everything a field needs from the draft: its id, text, error and change handler. */
  const field = (name: F) => ({
    id: ids[name],
    value: draft[name],
    error: errors[name],
    onChange: set(name),
  });

  return {
    formId,
    field,
    ids,
    draft,
    setDraft,
    set,
    base,
    setBase,
    /** True when the field differs from the version the draft is based on. */
    changed: (field: F) => draft[field] !== base.values[field],
    errors,
    showErrors,
    showServerError,
  };
}

/** What a group of fields needs from a form's draft, so one group can serve several forms. */
export interface DraftBinding<F extends string> {
  field: (name: F) => {
    id: string;
    value: string;
    error: string | undefined;
    onChange: (event: { target: { value: string } }) => void;
  };
  ids: Record<F, string>;
  draft: Record<F, string>;
  errors: FieldErrors<F>;
  set: (field: F) => (event: { target: { value: string } }) => void;
}
