import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';

/**
 * Splits a server answer into a message for one field ("doseMg: must be at most 1000 mg" names
 * the field it is about) or a message for the whole form.
 */
export function splitApiError<F extends string>(
  caught: unknown,
  fields: readonly F[],
  aliases: Partial<Record<string, F>> = {},
): { field: F | null; message: string } {
  if (isApiError(caught, 'invalid_request')) {
    const match = /^([A-Za-z.[\]0-9]+): (.+)$/.exec(caught.message);
    if (match) {
      const path = match[1]!;
      const text = match[2]!;
      const field =
        aliases[path] ??
        (fields as readonly string[]).find((f) => f === path || path.startsWith(`${f}.`)) ??
        null;
      if (field) return { field: field as F, message: text.charAt(0).toUpperCase() + text.slice(1) };
    }
  }
  return { field: null, message: errorMessage(caught) };
}

/** A number typed into a field, or null when it is empty or not a number. */
export function parseNumber(value: string): number | null {
  if (value.trim() === '') return null;
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Moves the cursor to a field by id once it has rendered (after an error appears). */
export function focusField(id: string): void {
  window.requestAnimationFrame(() => document.getElementById(id)?.focus());
}
