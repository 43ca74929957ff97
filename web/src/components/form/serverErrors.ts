import { isApiError } from '../../api/client';
import { errorMessage } from '../../api/useApiData';

/** One problem the server found with a request: the path of the value ("doseMg") and what is wrong. */
interface Issue {
  path: string;
  message: string;
}

/**
 * The problems in a 400 `invalid_request` answer: the envelope's `details.issues` when the request
 * schema refused it, otherwise its message, which names the path ("doseMg: must be at most 1000 mg").
 */
function issuesOf(caught: unknown): Issue[] {
  if (!isApiError(caught, 'invalid_request')) return [];
  const details = caught.details as { issues?: unknown } | undefined;
  if (Array.isArray(details?.issues)) {
    return details.issues.filter(
      (issue): issue is Issue =>
        typeof issue === 'object' &&
        issue !== null &&
        typeof (issue as Issue).path === 'string' &&
        typeof (issue as Issue).message === 'string',
    );
  }
  const match = /^([A-Za-z.[\]0-9]+): (.+)$/.exec(caught.message);
  return match ? [{ path: match[1]!, message: match[2]! }] : [];
}

const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * Splits a server answer into a message for one field ("doseMg: must be at most 1000 mg" names
 * the field it is about) or a message for the whole form.
 */
export function splitApiError<F extends string>(
  caught: unknown,
  fields: readonly F[],
  aliases: Partial<Record<string, F>> = {},
): { field: F | null; message: string } {
  const first = issuesOf(caught)[0];
  if (first) {
    const field =
      aliases[first.path] ??
      (fields as readonly string[]).find((f) => f === first.path || first.path.startsWith(`${f}.`)) ??
      null;
    if (field) return { field: field as F, message: sentence(first.message) };
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
