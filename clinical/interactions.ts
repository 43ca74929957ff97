/**
 * Ketamine interaction knowledge base: ingredients and drug classes from
 * CLINICAL-REFERENCE.md › Drug interactions, each matched by generic name, brand names and
 * synonyms, case-insensitively. An unrecognised name is `not_checked` — shown to the
 * clinician, never silently passed — and "no known interaction" is kept distinct from it.
 */

export type InteractionSeverity = 'major' | 'moderate' | 'minor';

type Effect = { severity: InteractionSeverity; effect: string; source: string };

export type KnowledgeEntry = {
  generic: string;
  drugClass: string;
  /** Brand names and other names people type. */
  synonyms: readonly string[];
} & ({ interaction: Effect } | { interaction: null; note: string });

export type InteractionResult = {
  input: string;
  status: 'interaction' | 'no_known_interaction' | 'not_checked';
  matched?: string;
  drugClass?: string;
  severity?: InteractionSeverity;
  effect?: string;
  source?: string;
};

const ref = 'Stillwater clinical reference › Drug interactions';

const benzodiazepine: Effect = {
  severity: 'major',
  effect:
    'Benzodiazepines can blunt or shorten the antidepressant effect of ketamine and add to its sedation.',
  source: ref,
};
const opioid: Effect = {
  severity: 'major',
  effect: 'Opioids add to sedation and can depress breathing together with ketamine.',
  source: ref,
};
const cnsDepressant = (what: string, severity: InteractionSeverity = 'moderate'): Effect => ({
  severity,
  effect: `${what} add to sedation and can depress breathing together with ketamine.`,
  source: ref,
});
const pressor = (what: string, severity: InteractionSeverity): Effect => ({
  severity,
  effect: `${what} can add to the rise in blood pressure that ketamine causes.`,
  source: ref,
});
const inducer = (what: string, severity: InteractionSeverity): Effect => ({
  severity,
  effect: `${what} lowers ketamine exposure (CYP3A4/CYP2B6 induction), so a dose may work less.`,
  source: ref,
});
const inhibitor = (what: string, extra = ''): Effect => ({
  severity: 'moderate',
  effect: `${what} raises ketamine exposure (CYP inhibition)${extra}, so a dose may act more strongly.`,
  source: ref,
});

const entry = (
  generic: string,
  drugClass: string,
  synonyms: string[],
  interaction: Effect,
): KnowledgeEntry => ({ generic, drugClass, synonyms, interaction });

export const interactionKnowledgeBase: readonly KnowledgeEntry[] = [
  entry('alprazolam', 'benzodiazepine', ['xanax', 'niravam'], benzodiazepine),
  entry('clonazepam', 'benzodiazepine', ['klonopin', 'rivotril'], benzodiazepine),
  entry('lorazepam', 'benzodiazepine', ['ativan'], benzodiazepine),
  entry('diazepam', 'benzodiazepine', ['valium', 'diastat'], benzodiazepine),
  entry('temazepam', 'benzodiazepine', ['restoril'], benzodiazepine),
  entry('chlordiazepoxide', 'benzodiazepine', ['librium'], benzodiazepine),
  entry('triazolam', 'benzodiazepine', ['halcion'], benzodiazepine),
  entry('oxazepam', 'benzodiazepine', ['serax'], benzodiazepine),
  entry('midazolam', 'benzodiazepine', ['versed', 'nayzilam'], benzodiazepine),
  entry('benzodiazepine', 'benzodiazepine', ['benzodiazepines', 'benzo', 'benzos'], benzodiazepine),
  entry('lamotrigine', 'anticonvulsant', ['lamictal'], {
    severity: 'moderate',
    effect: "Lamotrigine may weaken ketamine's effects.",
    source: ref,
  }),
  entry('naltrexone', 'opioid antagonist', ['vivitrol', 'revia', 'contrave'], {
    severity: 'moderate',
    effect:
      'Naltrexone blocked the antidepressant (not the dissociative) effect of ketamine in one study (Williams 2018).',
    source: `${ref} (Williams 2018)`,
  }),
  entry('oxycodone', 'opioid', ['oxycontin', 'percocet', 'roxicodone'], opioid),
  entry('hydrocodone', 'opioid', ['vicodin', 'norco', 'hysingla'], opioid),
  entry('morphine', 'opioid', ['ms contin', 'kadian'], opioid),
  entry('codeine', 'opioid', ['tylenol with codeine', 'tylenol 3'], opioid),
  entry('tramadol', 'opioid', ['ultram', 'conzip'], opioid),
  entry('fentanyl', 'opioid', ['duragesic', 'actiq'], opioid),
  entry('methadone', 'opioid', ['dolophine', 'methadose'], opioid),
  entry('buprenorphine', 'opioid', ['suboxone', 'subutex', 'sublocade', 'butrans', 'zubsolv'], opioid),
  entry('hydromorphone', 'opioid', ['dilaudid'], opioid),
  entry('tapentadol', 'opioid', ['nucynta'], opioid),
  entry('opioid', 'opioid', ['opioids', 'opiates', 'opiate', 'painkillers'], opioid),
  entry(
    'alcohol',
    'CNS depressant',
    ['ethanol', 'beer', 'wine', 'liquor'],
    cnsDepressant('Alcohol', 'major'),
  ),
  entry('gabapentin', 'gabapentinoid', ['neurontin', 'gralise', 'horizant'], cnsDepressant('Gabapentinoids')),
  entry('pregabalin', 'gabapentinoid', ['lyrica'], cnsDepressant('Gabapentinoids')),
  entry(
    'diphenhydramine',
    'sedating antihistamine',
    ['benadryl', 'zzzquil', 'unisom sleepgels'],
    cnsDepressant('Sedating antihistamines'),
  ),
  entry(
    'hydroxyzine',
    'sedating antihistamine',
    ['atarax', 'vistaril'],
    cnsDepressant('Sedating antihistamines'),
  ),
  entry('doxylamine', 'sedating antihistamine', ['unisom'], cnsDepressant('Sedating antihistamines')),
  entry('promethazine', 'sedating antihistamine', ['phenergan'], cnsDepressant('Sedating antihistamines')),
  entry('phenobarbital', 'barbiturate', ['luminal'], cnsDepressant('Barbiturates', 'major')),
  entry('butalbital', 'barbiturate', ['fioricet', 'fiorinal'], cnsDepressant('Barbiturates', 'major')),
  entry(
    'amphetamine',
    'stimulant',
    ['adderall', 'evekeo', 'adzenys', 'mydayis'],
    pressor('Stimulants', 'major'),
  ),
  entry('dextroamphetamine', 'stimulant', ['dexedrine', 'zenzedi'], pressor('Stimulants', 'major')),
  entry('lisdexamfetamine', 'stimulant', ['vyvanse'], pressor('Stimulants', 'major')),
  entry(
    'methylphenidate',
    'stimulant',
    ['ritalin', 'concerta', 'metadate', 'daytrana'],
    pressor('Stimulants', 'major'),
  ),
  entry('dexmethylphenidate', 'stimulant', ['focalin'], pressor('Stimulants', 'major')),
  entry('phenelzine', 'MAOI', ['nardil'], pressor('MAO inhibitors', 'major')),
  entry('tranylcypromine', 'MAOI', ['parnate'], pressor('MAO inhibitors', 'major')),
  entry('isocarboxazid', 'MAOI', ['marplan'], pressor('MAO inhibitors', 'major')),
  entry('selegiline', 'MAOI', ['emsam', 'eldepryl', 'zelapar'], pressor('MAO inhibitors', 'major')),
  entry('venlafaxine', 'SNRI', ['effexor', 'effexor xr'], pressor('SNRIs at high dose', 'moderate')),
  entry('desvenlafaxine', 'SNRI', ['pristiq', 'khedezla'], pressor('SNRIs at high dose', 'moderate')),
  entry('duloxetine', 'SNRI', ['cymbalta', 'drizalma'], pressor('SNRIs at high dose', 'moderate')),
  entry('levomilnacipran', 'SNRI', ['fetzima'], pressor('SNRIs at high dose', 'moderate')),
  entry('levothyroxine', 'thyroid hormone', ['synthroid', 'levoxyl', 'unithroid', 'euthyrox', 'tirosint'], {
    severity: 'moderate',
    effect: 'Thyroid hormone with ketamine can cause high blood pressure and a fast heart rate.',
    source: ref,
  }),
  entry('liothyronine', 'thyroid hormone', ['cytomel'], {
    severity: 'moderate',
    effect: 'Thyroid hormone with ketamine can cause high blood pressure and a fast heart rate.',
    source: ref,
  }),
  entry('thyroid desiccated', 'thyroid hormone', ['armour thyroid', 'np thyroid', 'nature-throid'], {
    severity: 'moderate',
    effect: 'Thyroid hormone with ketamine can cause high blood pressure and a fast heart rate.',
    source: ref,
  }),
  entry('theophylline', 'methylxanthine', ['theo-24', 'elixophyllin', 'uniphyl'], {
    severity: 'major',
    effect: 'Theophylline with ketamine lowers the seizure threshold.',
    source: ref,
  }),
  entry('aminophylline', 'methylxanthine', ['phyllocontin'], {
    severity: 'major',
    effect: 'Aminophylline with ketamine lowers the seizure threshold.',
    source: ref,
  }),
  entry(
    'rifampicin',
    'CYP inducer',
    ['rifampin', 'rifadin', 'rimactane'],
    inducer('Rifampicin (oral ketamine AUC −86 %)', 'major'),
  ),
  entry(
    "st john's wort",
    'CYP inducer',
    ['st johns wort', 'saint johns wort', 'hypericum', 'hypericum perforatum'],
    inducer("St John's wort (oral ketamine AUC −58 %)", 'major'),
  ),
  entry(
    'carbamazepine',
    'CYP inducer',
    ['tegretol', 'carbatrol', 'equetro'],
    inducer('Carbamazepine', 'moderate'),
  ),
  entry('phenytoin', 'CYP inducer', ['dilantin', 'phenytek'], inducer('Phenytoin', 'moderate')),
  entry('ticlopidine', 'CYP inhibitor', ['ticlid'], inhibitor('Ticlopidine (CYP2B6; ketamine AUC ×2.4)')),
  entry('clarithromycin', 'CYP inhibitor', ['biaxin'], inhibitor('Clarithromycin')),
  entry('ketoconazole', 'CYP inhibitor', ['nizoral'], inhibitor('Ketoconazole')),
  entry(
    'itraconazole',
    'CYP inhibitor',
    ['sporanox', 'tolsura'],
    inhibitor('Itraconazole', ', with more drowsiness'),
  ),
  entry('grapefruit', 'CYP inhibitor', ['grapefruit juice'], {
    ...inhibitor('Grapefruit'),
    severity: 'minor',
  }),
  {
    generic: 'lithium',
    drugClass: 'mood stabiliser',
    synonyms: ['lithobid', 'lithium carbonate', 'eskalith'],
    interaction: null,
    note: 'No meaningful interaction with ketamine has been reported.',
  },
];

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
  'sodium',
]);

/** Lower case, no punctuation, no doses or release-form suffixes: "Adderall XR 20 mg" → "adderall". */
export function normaliseMedicationName(name: string): string {
  const words = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/['’`.]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  const kept: string[] = [];
  for (const word of words) {
    if (
      /^\d/.test(word) ||
      ['mg', 'mcg', 'ml', 'g', 'tablet', 'tablets', 'tab', 'capsule', 'capsules', 'daily'].includes(word)
    ) {
      break;
    }
    kept.push(word);
  }
  while (kept.length > 1 && releaseSuffixes.has(kept[kept.length - 1]!)) kept.pop();
  return kept.join(' ');
}

const index = new Map<string, KnowledgeEntry>();
for (const item of interactionKnowledgeBase) {
  for (const name of [item.generic, ...item.synonyms]) index.set(normaliseMedicationName(name), item);
}

/** Every name the knowledge base recognises, for autocomplete. */
export function knownMedicationNames(): { name: string; generic: string }[] {
  return interactionKnowledgeBase.flatMap((item) =>
    [item.generic, ...item.synonyms].map((name) => ({ name, generic: item.generic })),
  );
}

export function findKnowledgeEntry(name: string): KnowledgeEntry | undefined {
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
        source: ref,
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
