/**
 * Dose exposure across routes: how much of a ketamine dose reaches the circulation, expressed as
 * the intravenous dose that would give the same exposure (IV-equivalent = dose × F). Fractions come
 * from CLINICAL-REFERENCE.md › Ketamine pharmacology. The numbers help a clinician compare doses
 * between routes and with the literature; they are not a prescription.
 */

export type Route = 'oral' | 'sublingual' | 'intranasal' | 'intramuscular' | 'intravenous';

export const routes: readonly Route[] = ['oral', 'sublingual', 'intranasal', 'intramuscular', 'intravenous'];

export type Bioavailability = {
  /** Fraction of the dose that reaches the circulation (F), 0–1. */
  fraction: number;
  /** The published range around `fraction`, where the source gives one. */
  range?: [number, number];
  label: string;
  source: string;
};

const pharmacologyRef = 'Stillwater clinical reference › Ketamine pharmacology';

export const bioavailability: Record<Route, Bioavailability> = {
  oral: {
    fraction: 0.23,
    range: [0.2, 0.25],
    label: 'Oral (swallowed)',
    source: `${pharmacologyRef}: Andrade 2019 (20–25 %); Chong (23 ± 9 %)`,
  },
  sublingual: {
    fraction: 0.29,
    range: [0.27, 0.31],
    label: 'Sublingual (lozenge held under the tongue)',
    source: `${pharmacologyRef}: Rolan 2014 (29 %, 27–31 %)`,
  },
  intranasal: {
    fraction: 0.45,
    label: 'Intranasal (nasal spray)',
    source: pharmacologyRef,
  },
  intramuscular: {
    fraction: 0.93,
    label: 'Intramuscular (injection into a muscle)',
    source: pharmacologyRef,
  },
  intravenous: {
    fraction: 1,
    label: 'Intravenous (infusion into a vein)',
    source: `${pharmacologyRef}: the reference route, all of the dose reaches the circulation`,
  },
};

export type DoseExposureInput = { route: Route; doseMg: number; weightKg: number | null };

export type DoseExposure = {
  doseMg: number;
  /** The dose per kilogram of body weight, to 2 decimals; null when the weight is unknown. */
  mgPerKg: number | null;
  fraction: number;
  /** dose × F, to 1 decimal. */
  ivEquivalentMg: number;
  /** dose × F per kilogram, to 2 decimals; null when the weight is unknown. */
  ivEquivalentMgPerKg: number | null;
  explanation: string;
};

const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

const percent = (fraction: number) => `${roundTo(fraction * 100, 1)} %`;

/** Works out the dose per kilogram and the IV-equivalent exposure of a dose given by `route`. */
export function doseExposure(input: DoseExposureInput): DoseExposure {
  const { route, doseMg, weightKg } = input;
  const routeInfo = bioavailability[route];
  if (!routeInfo) throw new RangeError(`Unknown route "${String(route)}".`);
  if (!Number.isFinite(doseMg) || doseMg < 0) {
    throw new RangeError(`The dose must be a number of milligrams, 0 or more; got ${doseMg}.`);
  }
  if (weightKg !== null && (!Number.isFinite(weightKg) || weightKg <= 0)) {
    throw new RangeError(`The weight must be a positive number of kilograms; got ${weightKg}.`);
  }

  const fraction = routeInfo.fraction;
  const ivEquivalent = doseMg * fraction;
  const mgPerKg = weightKg === null ? null : roundTo(doseMg / weightKg, 2);
  const ivEquivalentMgPerKg = weightKg === null ? null : roundTo(ivEquivalent / weightKg, 2);
  const ivEquivalentMg = roundTo(ivEquivalent, 1);

  const perKg = mgPerKg === null ? '' : `, ${mgPerKg} mg/kg at ${roundTo(weightKg!, 1)} kg`;
  const how = routeInfo.label.charAt(0).toLowerCase() + routeInfo.label.slice(1);
  const range = routeInfo.range
    ? `, range ${percent(routeInfo.range[0])}–${percent(routeInfo.range[1])}`
    : '';
  const explanation =
    route === 'intravenous'
      ? `${roundTo(doseMg, 1)} mg given into a vein${perKg}: all of it reaches the circulation, so its IV-equivalent exposure is the dose itself. Source: ${routeInfo.source}.`
      : `${roundTo(doseMg, 1)} mg ${how}${perKg}: about ${percent(fraction)} of it reaches the circulation (F = ${fraction}${range}), so it gives about the same exposure as ${ivEquivalentMg} mg given into a vein${ivEquivalentMgPerKg === null ? '' : ` (${ivEquivalentMgPerKg} mg/kg)`}. Source: ${routeInfo.source}.`;

  return { doseMg, mgPerKg, fraction, ivEquivalentMg, ivEquivalentMgPerKg, explanation };
}

/** One international avoirdupois pound, exactly, in kilograms. */
export const kgPerPound = 0.45359237;

/** Converts a body weight to kilograms, unrounded (round for display, not before calculating). */
export function weightKgFrom(value: number, unit: 'kg' | 'lb'): number {
  if (!Number.isFinite(value) || value <= 0) {
    throw new RangeError(`The weight must be a positive number; got ${value}.`);
  }
  if (unit === 'kg') return value;
  if (unit === 'lb') return value * kgPerPound;
  throw new RangeError(`Unknown weight unit "${String(unit)}"; use kg or lb.`);
}
