/**
 * The intake's form state: every answer on screen is a string keyed by its path in the section's
 * answers ("weight.value", "auditC.1", "items.2.name"), so a server error for
 * `answers.weight.value` lands next to the right field. Each section turns these strings into
 * its typed answers with a `Reader`, which also collects plain-words errors.
 */

export type FormValues = Record<string, string>;
export type FormErrors = Record<string, string>;

export const yesNo = (value: boolean | undefined): string =>
  value === undefined ? '' : value ? 'yes' : 'no';
export const numberText = (value: number | null | undefined): string =>
  value === undefined || value === null ? '' : String(value);

export interface NumberRule {
  min?: number;
  max?: number;
  integer?: boolean;
  /** Said when the answer is missing. */
  missing?: string;
}

export class Reader {
  readonly errors: FormErrors = {};

  constructor(private readonly values: FormValues) {}

  raw(path: string): string {
    return (this.values[path] ?? '').trim();
  }

  fail(path: string, message: string): undefined {
    this.errors[path] ??= message;
    return undefined;
  }

  bool(path: string, missing = 'Please answer yes or no.'): boolean {
    const value = this.raw(path);
    if (value === 'yes') return true;
    if (value === 'no') return false;
    this.fail(path, missing);
    return false;
  }

  choice<T extends string>(path: string, options: readonly T[], missing = 'Please choose an answer.'): T {
    const value = this.raw(path) as T;
    if (options.includes(value)) return value;
    this.fail(path, missing);
    return options[0]!;
  }

  number(path: string, rule: NumberRule = {}): number {
    const text = this.raw(path).replace(',', '.');
    if (text === '') {
      this.fail(path, rule.missing ?? 'Please enter a number.');
      return 0;
    }
    return this.checkNumber(path, text, rule);
  }

  optionalNumber(path: string, rule: NumberRule = {}): number | undefined {
    const text = this.raw(path).replace(',', '.');
    return text === '' ? undefined : this.checkNumber(path, text, rule);
  }

  private checkNumber(path: string, text: string, rule: NumberRule): number {
    const value = Number(text);
    if (!Number.isFinite(value)) {
      this.fail(path, 'Please enter a number, using digits.');
      return 0;
    }
    if (rule.integer && !Number.isInteger(value)) this.fail(path, 'Please enter a whole number.');
    else if (rule.min !== undefined && value < rule.min) this.fail(path, `Please enter ${rule.min} or more.`);
    else if (rule.max !== undefined && value > rule.max) this.fail(path, `Please enter ${rule.max} or less.`);
    return value;
  }

  text(path: string, missing: string, max?: number): string {
    const value = this.raw(path);
    if (value === '') this.fail(path, missing);
    else if (max !== undefined && value.length > max)
      this.fail(path, `Please keep this to ${max} characters.`);
    return value;
  }

  optionalText(path: string, max?: number): string | undefined {
    const value = this.raw(path);
    if (value === '') return undefined;
    if (max !== undefined && value.length > max) this.fail(path, `Please keep this to ${max} characters.`);
    return value;
  }

  /** The typed answers when every value passed, otherwise null (and `errors` says why). */
  result<T>(answers: T): { answers: T | null; errors: FormErrors } {
    return { answers: Object.keys(this.errors).length === 0 ? answers : null, errors: this.errors };
  }
}

/** Zod's words for a missing or wrong answer, said the way a person would. */
export function friendlyServerMessage(message: string): string {
  if (/received (undefined|null)/i.test(message)) return 'Please answer this.';
  const small = /too small: expected (?:number|string) to (?:be|have) >=?\s*(\d+)/i.exec(message);
  if (small) return `Please enter ${small[1]} or more.`;
  const big = /too big: expected (?:number|string) to (?:be|have) <=?\s*(\d+)/i.exec(message);
  if (big) return `Please enter ${big[1]} or less.`;
  if (/^invalid option/i.test(message)) return 'Please choose one of the options.';
  if (/expected int/i.test(message)) return 'Please enter a whole number.';
  const sentence = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}
