/**
 * Ketamine interaction knowledge base: ingredients and drug classes from
 * CLINICAL-REFERENCE.md › Drug interactions, and the medications people commonly take
 * alongside them, each matched by generic name, brand names and synonyms, case-insensitively.
 * An unrecognised name is `not_checked` — shown to the clinician, never silently passed — and
 * "no known interaction" (checked, with its source) is kept distinct from it.
 */
import { type InteractionSeverity, type KnowledgeEntry, knowledgeEntries } from './interaction-entries.ts';

export type { InteractionSeverity, KnowledgeEntry };

export type InteractionResult = {
  input: string;
  status: 'interaction' | 'no_known_interaction' | 'not_checked';
  matched?: string;
  drugClass?: string;
  severity?: InteractionSeverity;
  effect?: string;
  source?: string;
};

/** The knowledge base itself lives in interaction-entries.ts; this file matches names against it. */
export const interactionKnowledgeBase: readonly KnowledgeEntry[] = knowledgeEntries;

/** Trailing release forms and salts, as on a pharmacy label: "Losartan Potassium", "Citalopram HBr". */
const releaseSuffixes = new Set([
  'xr',
  'er',
  'sr',
  'cr',
  'la',
  'xl',
  'ir',
  'odt',
  'cd',
  'dr',
  'hcl',
  'hydrochloride',
  'hbr',
  'hydrobromide',
  'sodium',
  'potassium',
  'calcium',
  'sulfate',
  'succinate',
  'tartrate',
  'besylate',
  'maleate',
  'fumarate',
  'mesylate',
]);

const doseOrFormWords = new Set([
  'mg',
  'mcg',
  'ml',
  'g',
  'tablet',
  'tablets',
  'tab',
  'capsule',
  'capsules',
  'daily',
]);

function words(name: string): string[] {
  return name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
}

/** Lower case, no punctuation, no doses or release-form suffixes: "Adderall XR 20 mg" → "adderall". */
export function normaliseMedicationName(name: string): string {
  const kept: string[] = [];
  for (const word of words(name)) {
    if (/^\d/.test(word) || doseOrFormWords.has(word)) break;
    kept.push(word);
  }
  while (kept.length > 1 && releaseSuffixes.has(kept[kept.length - 1]!)) kept.pop();
  return kept.join(' ');
}

/**
 * The name up to and including its first number ("Tylenol #3 300/30 mg" → "tylenol 3"), for the
 * few brands whose number is part of the name. Without it "Tylenol 3" (codeine) would read as
 * "Tylenol" (acetaminophen). Empty when the name has no number after a word.
 */
function numberedName(name: string): string {
  const all = words(name);
  const firstNumber = all.findIndex((w) => /^\d/.test(w));
  if (firstNumber < 1 || all.slice(0, firstNumber).some((w) => doseOrFormWords.has(w))) return '';
  return all.slice(0, firstNumber + 1).join(' ');
}

const index = new Map<string, KnowledgeEntry>();
const numberedIndex = new Map<string, KnowledgeEntry>();
for (const item of interactionKnowledgeBase) {
  for (const name of [item.generic, ...item.synonyms]) {
    index.set(normaliseMedicationName(name), item);
    const numbered = numberedName(name);
    if (numbered) numberedIndex.set(numbered, item);
  }
}

/** Every name the knowledge base recognises, for autocomplete. */
export function knownMedicationNames(): { name: string; generic: string }[] {
  return interactionKnowledgeBase.flatMap((item) =>
    [item.generic, ...item.synonyms].map((name) => ({ name, generic: item.generic })),
  );
}

export function findKnowledgeEntry(name: string): KnowledgeEntry | undefined {
  const numbered = numberedName(name);
  const byNumberedName = numbered ? numberedIndex.get(numbered) : undefined;
  if (byNumberedName) return byNumberedName;
  const normalised = normaliseMedicationName(name);
  if (!normalised) return undefined;
  return index.get(normalised);
}

export function checkInteractions(medications: readonly string[]): InteractionResult[] {
  return medications.map((input) => {
    const found = findKnowledgeEntry(input);
    if (!found) return { input, status: 'not_checked' };
    if (!found.interaction) {
      return {
        input,
        status: 'no_known_interaction',
        matched: found.generic,
        drugClass: found.drugClass,
        source: found.source,
      };
    }
    return {
      input,
      status: 'interaction',
      matched: found.generic,
      drugClass: found.drugClass,
      severity: found.interaction.severity,
      effect: found.interaction.effect,
      source: found.interaction.source,
    };
  });
}
