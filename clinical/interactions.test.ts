import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { notListedInKetamineLabels } from './interaction-entries.ts';
import {
  checkInteractions,
  type InteractionResult,
  interactionKnowledgeBase,
  knownMedicationNames,
  normaliseMedicationName,
} from './interactions.ts';

describe('interaction knowledge base', () => {
  it('covers at least 150 ingredients and drug classes, each with a source', () => {
    assert.ok(interactionKnowledgeBase.length >= 150, `${interactionKnowledgeBase.length} entries`);
    for (const item of interactionKnowledgeBase) {
      if (item.interaction) {
        assert.ok(item.interaction.effect.length > 20, item.generic);
        assert.match(item.interaction.source, /clinical reference/, item.generic);
      } else {
        assert.ok(item.note.length > 20, item.generic);
        assert.ok(
          item.source === notListedInKetamineLabels || /clinical reference/.test(item.source),
          item.generic,
        );
      }
    }
  });

  it('has no name that points to two entries', () => {
    const generics = new Set<string>();
    for (const item of interactionKnowledgeBase) {
      assert.ok(!generics.has(item.generic), `${item.generic} is in the knowledge base twice`);
      generics.add(item.generic);
      for (const name of [item.generic, ...item.synonyms]) {
        assert.ok(normaliseMedicationName(name).length > 0, `${name} normalises to nothing`);
        assert.equal(
          checkInteractions([name])[0]!.matched,
          item.generic,
          `${name} is taken by another entry`,
        );
      }
    }
  });

  it('offers every name for autocomplete, with its generic', () => {
    const names = knownMedicationNames();
    assert.ok(names.some((n) => n.name === 'zoloft' && n.generic === 'sertraline'));
    assert.ok(names.some((n) => n.name === 'wellbutrin xl' && n.generic === 'bupropion'));
  });

  for (const item of interactionKnowledgeBase) {
    for (const name of [item.generic, ...item.synonyms]) {
      const variants = [
        name,
        name.toUpperCase(),
        `  ${name}  `,
        `${name} 20 mg`,
        `${name[0]!.toUpperCase()}${name.slice(1)} XR`,
      ];
      it(`matches "${name}" (and case, spacing, dose and release-form variants) to ${item.generic}`, () => {
        for (const result of checkInteractions(variants)) {
          assert.equal(result.matched, item.generic, result.input);
          assert.equal(
            result.status,
            item.interaction ? 'interaction' : 'no_known_interaction',
            result.input,
          );
          if (item.interaction) {
            assert.equal(result.severity, item.interaction.severity);
            assert.equal(result.effect, item.interaction.effect);
          }
        }
      });
    }
  }

  const severities: [string, string][] = [
    ['Xanax', 'major'],
    ['oxycodone', 'major'],
    ['Adderall', 'major'],
    ['Nardil', 'major'],
    ['rifampin', 'major'],
    ['lamotrigine', 'moderate'],
    ['naltrexone', 'moderate'],
    ['Synthroid', 'moderate'],
    ['gabapentin', 'moderate'],
    ['grapefruit juice', 'minor'],
  ];
  for (const [name, severity] of severities) {
    it(`${name} is a ${severity} interaction`, () =>
      assert.equal(checkInteractions([name])[0]!.severity, severity));
  }

  it("St. John's Wort matches however it is written", () => {
    for (const name of [
      "St. John's Wort",
      'st johns wort',
      'SAINT JOHNS WORT',
      'Hypericum perforatum 300mg',
    ]) {
      assert.equal(checkInteractions([name])[0]!.matched, "st john's wort", name);
    }
  });

  it('lithium has no known interaction, which is not the same as not checked', () => {
    const [lithium, unknown] = checkInteractions(['Lithium carbonate 300 mg', 'Moonflower tonic']);
    assert.equal(lithium!.status, 'no_known_interaction');
    assert.equal(lithium!.severity, undefined);
    assert.equal(lithium!.source, 'Stillwater clinical reference › Drug interactions');
    assert.deepEqual(unknown, { input: 'Moonflower tonic', status: 'not_checked' });
  });

  it('an unrecognised or empty name is not_checked, never passed', () => {
    for (const name of [
      '',
      '   ',
      '20 mg',
      'zoloftt',
      'sertralene',
      'xanaxx',
      'ketamine tea',
      'Moonflower tonic',
    ]) {
      assert.equal(checkInteractions([name])[0]!.status, 'not_checked', JSON.stringify(name));
    }
  });

  it('answers in input order, one result per input, keeping the input as typed', () => {
    const results = checkInteractions(['Zoloft', 'Klonopin 0.5mg', 'Moonflower tonic', 'lithium']);
    assert.deepEqual(
      results.map((r) => [r.input, r.status]),
      [
        ['Zoloft', 'no_known_interaction'],
        ['Klonopin 0.5mg', 'interaction'],
        ['Moonflower tonic', 'not_checked'],
        ['lithium', 'no_known_interaction'],
      ],
    );
  });
});

type Row = {
  generic: string;
  /** A brand name or other synonym, when the ingredient has one. */
  brand: string | null;
  /** As a person might type it, with dose and release form. */
  asTyped: string;
  drugClass: string;
} & (
  | { status: 'interaction'; severity: 'major' | 'moderate'; effect: RegExp }
  | { status: 'no_known_interaction' }
);

const sedation = /add to sedation and can depress breathing/;
const bloodPressure = /rise in blood pressure that ketamine causes/;
const sedatingRow = (generic: string, brand: string | null, asTyped: string, drugClass: string): Row => ({
  generic,
  brand,
  asTyped,
  drugClass,
  status: 'interaction',
  severity: 'moderate',
  effect: sedation,
});
const noKnownRow = (generic: string, brand: string | null, asTyped: string, drugClass: string): Row => ({
  generic,
  brand,
  asTyped,
  drugClass,
  status: 'no_known_interaction',
});

/** One row per ingredient the knowledge base learned for issue 11: generic, a brand, and as typed. */
const commonMedications: Row[] = [
  noKnownRow('sertraline', 'Zoloft', 'Sertraline 50 mg tablet', 'SSRI'),
  noKnownRow('escitalopram', 'Lexapro', 'escitalopram 10mg daily', 'SSRI'),
  noKnownRow('citalopram', 'Celexa', 'Citalopram HBr 20 mg', 'SSRI'),
  noKnownRow('fluoxetine', 'Sarafem', 'Prozac 20 mg capsule', 'SSRI'),
  noKnownRow('paroxetine', 'Pexeva', 'Paxil CR 25 mg', 'SSRI'),
  noKnownRow('vortioxetine', 'Trintellix', 'Trintellix 10 mg', 'serotonin modulator'),
  noKnownRow('vilazodone', 'Viibryd', 'vilazodone 40 mg', 'serotonin modulator'),
  noKnownRow('bupropion', 'Zyban', 'Wellbutrin XL 150mg', 'NDRI antidepressant'),
  noKnownRow('buspirone', 'BuSpar', 'buspirone 10 mg twice a day', 'anxiolytic'),
  {
    generic: 'milnacipran',
    brand: 'Savella',
    asTyped: 'Savella 50 mg',
    drugClass: 'SNRI',
    status: 'interaction',
    severity: 'moderate',
    effect: /SNRIs at high dose can add to the rise in blood pressure/,
  },
  sedatingRow('trazodone', 'Desyrel', 'Trazodone 50 mg at bedtime', 'sedating antidepressant'),
  sedatingRow('mirtazapine', 'Remeron', 'RemeronSolTab 15 mg', 'sedating antidepressant'),
  sedatingRow('amitriptyline', 'Elavil', 'amitriptyline 25mg', 'tricyclic antidepressant'),
  sedatingRow('nortriptyline', 'Pamelor', 'Nortriptyline HCl 10 mg', 'tricyclic antidepressant'),
  sedatingRow('imipramine', 'Tofranil', 'Tofranil-PM 75 mg', 'tricyclic antidepressant'),
  sedatingRow('doxepin', 'Silenor', 'Silenor 3 mg', 'tricyclic antidepressant'),
  sedatingRow('clomipramine', 'Anafranil', 'clomipramine 25 mg', 'tricyclic antidepressant'),
  sedatingRow('quetiapine', 'Seroquel', 'Seroquel XR 50 mg', 'antipsychotic'),
  sedatingRow('olanzapine', 'Symbyax', 'Zyprexa Zydis 5 mg', 'antipsychotic'),
  sedatingRow('aripiprazole', 'Abilify', 'Abilify 2 mg', 'antipsychotic'),
  sedatingRow('risperidone', 'Risperdal', 'risperidone 0.5 mg', 'antipsychotic'),
  sedatingRow('paliperidone', 'Invega', 'Invega Sustenna 156 mg', 'antipsychotic'),
  sedatingRow('lurasidone', 'Latuda', 'Latuda 40 mg with food', 'antipsychotic'),
  sedatingRow('brexpiprazole', 'Rexulti', 'Rexulti 1 mg', 'antipsychotic'),
  sedatingRow('cariprazine', 'Vraylar', 'Vraylar 1.5 mg capsule', 'antipsychotic'),
  sedatingRow('lumateperone', 'Caplyta', 'Caplyta 42 mg', 'antipsychotic'),
  sedatingRow('ziprasidone', 'Geodon', 'ziprasidone 20 mg', 'antipsychotic'),
  sedatingRow('asenapine', 'Saphris', 'Saphris 5 mg sublingual', 'antipsychotic'),
  sedatingRow('clozapine', 'Clozaril', 'Clozapine 100 mg', 'antipsychotic'),
  sedatingRow('haloperidol', 'Haldol', 'haloperidol 1 mg', 'antipsychotic'),
  sedatingRow('chlorpromazine', 'Thorazine', 'chlorpromazine 25 mg', 'antipsychotic'),
  sedatingRow('prochlorperazine', 'Compazine', 'Compazine 10 mg as needed', 'antipsychotic'),
  sedatingRow('zolpidem', 'Ambien', 'Ambien CR 6.25 mg', 'sedative-hypnotic'),
  sedatingRow('eszopiclone', 'Lunesta', 'Lunesta 2 mg', 'sedative-hypnotic'),
  sedatingRow('zaleplon', 'Sonata', 'zaleplon 10 mg', 'sedative-hypnotic'),
  sedatingRow('suvorexant', 'Belsomra', 'Belsomra 10 mg', 'sedative-hypnotic'),
  sedatingRow('lemborexant', 'Dayvigo', 'Dayvigo 5 mg', 'sedative-hypnotic'),
  sedatingRow('daridorexant', 'Quviviq', 'Quviviq 25 mg', 'sedative-hypnotic'),
  sedatingRow('zuranolone', 'Zurzuvae', 'Zurzuvae 50 mg', 'neuroactive steroid'),
  sedatingRow('cyclobenzaprine', 'Flexeril', 'cyclobenzaprine 10 mg', 'muscle relaxant'),
  sedatingRow('tizanidine', 'Zanaflex', 'Tizanidine 4 mg', 'muscle relaxant'),
  sedatingRow('baclofen', 'Lioresal', 'baclofen 10mg', 'muscle relaxant'),
  sedatingRow('methocarbamol', 'Robaxin', 'Robaxin 750 mg', 'muscle relaxant'),
  sedatingRow('carisoprodol', 'Soma', 'Soma 350 mg', 'muscle relaxant'),
  sedatingRow('clonidine', 'Kapvay', 'Catapres-TTS 0.1 mg patch', 'central alpha-2 agonist'),
  sedatingRow('guanfacine', 'Intuniv', 'Intuniv ER 1 mg', 'central alpha-2 agonist'),
  sedatingRow('cetirizine', 'Zyrtec', 'Zyrtec 10 mg', 'antihistamine (can cause drowsiness)'),
  sedatingRow('levocetirizine', 'Xyzal', 'levocetirizine 5 mg', 'antihistamine (can cause drowsiness)'),
  sedatingRow('meclizine', 'Antivert', 'Dramamine Less Drowsy 25 mg', 'sedating antihistamine'),
  sedatingRow('dimenhydrinate', 'Dramamine', 'dimenhydrinate 50 mg', 'sedating antihistamine'),
  sedatingRow('chlorpheniramine', 'Chlor-Trimeton', 'Chlor-Trimeton 4 mg', 'sedating antihistamine'),
  sedatingRow('cyproheptadine', 'Periactin', 'cyproheptadine 4 mg', 'sedating antihistamine'),
  {
    generic: 'modafinil',
    brand: 'Provigil',
    asTyped: 'Provigil 200 mg',
    drugClass: 'stimulant',
    status: 'interaction',
    severity: 'major',
    effect: bloodPressure,
  },
  {
    generic: 'armodafinil',
    brand: 'Nuvigil',
    asTyped: 'Nuvigil 150 mg',
    drugClass: 'stimulant',
    status: 'interaction',
    severity: 'major',
    effect: bloodPressure,
  },
  noKnownRow('propranolol', 'Inderal', 'Propranolol 10 mg as needed', 'beta-blocker'),
  noKnownRow('metoprolol', 'Lopressor', 'Toprol XL 25 mg', 'beta-blocker'),
  noKnownRow('atenolol', 'Tenormin', 'atenolol 25 mg', 'beta-blocker'),
  noKnownRow('carvedilol', 'Coreg', 'carvedilol 6.25 mg', 'beta-blocker'),
  noKnownRow('bisoprolol', 'Zebeta', 'bisoprolol 5 mg', 'beta-blocker'),
  noKnownRow('nebivolol', 'Bystolic', 'Bystolic 5 mg', 'beta-blocker'),
  noKnownRow('nadolol', 'Corgard', 'nadolol 20 mg', 'beta-blocker'),
  noKnownRow('lisinopril', 'Zestril', 'Lisinopril 10 mg', 'ACE inhibitor'),
  noKnownRow('enalapril', 'Vasotec', 'enalapril 5 mg', 'ACE inhibitor'),
  noKnownRow('ramipril', 'Altace', 'ramipril 2.5 mg', 'ACE inhibitor'),
  noKnownRow('benazepril', 'Lotensin', 'benazepril 10 mg', 'ACE inhibitor'),
  noKnownRow('losartan', 'Cozaar', 'Losartan potassium 50 mg', 'angiotensin receptor blocker'),
  noKnownRow('valsartan', 'Diovan', 'valsartan 80 mg', 'angiotensin receptor blocker'),
  noKnownRow('olmesartan', 'Benicar', 'olmesartan 20 mg', 'angiotensin receptor blocker'),
  noKnownRow('irbesartan', 'Avapro', 'irbesartan 150 mg', 'angiotensin receptor blocker'),
  noKnownRow('telmisartan', 'Micardis', 'telmisartan 40 mg', 'angiotensin receptor blocker'),
  noKnownRow('candesartan', 'Atacand', 'candesartan 8 mg', 'angiotensin receptor blocker'),
  noKnownRow('amlodipine', 'Norvasc', 'amlodipine 5 mg', 'calcium-channel blocker'),
  noKnownRow('nifedipine', 'Procardia', 'Procardia XL 30 mg', 'calcium-channel blocker'),
  noKnownRow('hydrochlorothiazide', 'Microzide', 'HCTZ 25 mg', 'thiazide diuretic'),
  noKnownRow('chlorthalidone', 'Thalitone', 'chlorthalidone 25 mg', 'thiazide diuretic'),
  noKnownRow('spironolactone', 'Aldactone', 'spironolactone 100 mg', 'diuretic'),
  noKnownRow('furosemide', 'Lasix', 'Lasix 20 mg', 'diuretic'),
  noKnownRow('prazosin', 'Minipress', 'prazosin 2 mg at night', 'alpha-1 blocker'),
  noKnownRow('hormonal contraceptive', 'birth control', 'Birth control pill daily', 'hormonal contraceptive'),
  noKnownRow('ethinyl estradiol', 'Xulane', 'ethinyl estradiol 20 mcg', 'hormonal contraceptive'),
  noKnownRow('levonorgestrel', 'Mirena', 'Plan B One-Step 1.5 mg', 'hormonal contraceptive'),
  noKnownRow('norethindrone', 'Loestrin', 'Lo Loestrin Fe 10 mcg', 'hormonal contraceptive'),
  noKnownRow('drospirenone', 'Yaz', 'Yasmin 28 tablets', 'hormonal contraceptive'),
  noKnownRow('norgestimate', 'Sprintec', 'Tri-Sprintec 28', 'hormonal contraceptive'),
  noKnownRow('desogestrel', 'Apri', 'desogestrel 0.15 mg', 'hormonal contraceptive'),
  noKnownRow('etonogestrel', 'Nexplanon', 'NuvaRing 0.12 mg', 'hormonal contraceptive'),
  noKnownRow('medroxyprogesterone', 'Depo-Provera', 'Depo-SubQ Provera 104', 'hormonal contraceptive'),
  noKnownRow('atorvastatin', 'Lipitor', 'Atorvastatin 20 mg tablet', 'statin'),
  noKnownRow('rosuvastatin', 'Crestor', 'rosuvastatin 10 mg', 'statin'),
  noKnownRow('simvastatin', 'Zocor', 'simvastatin 40 mg', 'statin'),
  noKnownRow('pravastatin', 'Pravachol', 'pravastatin 40 mg', 'statin'),
  noKnownRow('lovastatin', 'Mevacor', 'lovastatin 20 mg', 'statin'),
  noKnownRow('pitavastatin', 'Livalo', 'Livalo 2 mg', 'statin'),
  noKnownRow('ezetimibe', 'Zetia', 'ezetimibe 10 mg', 'cholesterol absorption inhibitor'),
  noKnownRow('metformin', 'Glucophage', 'Metformin ER 500 mg', 'biguanide'),
  noKnownRow('semaglutide', 'Ozempic', 'Wegovy 2.4 mg weekly', 'GLP-1 receptor agonist'),
  noKnownRow('tirzepatide', 'Mounjaro', 'Zepbound 5 mg', 'GLP-1/GIP receptor agonist'),
  noKnownRow('omeprazole', 'Prilosec', 'Prilosec OTC 20 mg', 'proton-pump inhibitor'),
  noKnownRow('esomeprazole', 'Nexium', 'esomeprazole 40 mg', 'proton-pump inhibitor'),
  noKnownRow('pantoprazole', 'Protonix', 'Pantoprazole sodium 40 mg DR', 'proton-pump inhibitor'),
  noKnownRow('lansoprazole', 'Prevacid', 'lansoprazole 30 mg', 'proton-pump inhibitor'),
  noKnownRow('rabeprazole', 'Aciphex', 'rabeprazole 20 mg', 'proton-pump inhibitor'),
  noKnownRow('dexlansoprazole', 'Dexilant', 'Dexilant 60 mg', 'proton-pump inhibitor'),
  noKnownRow('famotidine', 'Pepcid', 'Pepcid AC 20 mg', 'H2 blocker'),
  noKnownRow('ondansetron', 'Zofran', 'Zofran ODT 4 mg', 'antiemetic'),
  noKnownRow('loratadine', 'Claritin', 'Claritin 10 mg', 'non-sedating antihistamine'),
  noKnownRow('desloratadine', 'Clarinex', 'desloratadine 5 mg', 'non-sedating antihistamine'),
  noKnownRow('fexofenadine', 'Allegra', 'Allegra 180 mg', 'non-sedating antihistamine'),
  noKnownRow('montelukast', 'Singulair', 'montelukast 10 mg', 'leukotriene receptor antagonist'),
  noKnownRow('fluticasone', 'Flonase', 'Flonase 50 mcg spray', 'corticosteroid (nasal or inhaled)'),
  noKnownRow('ibuprofen', 'Advil', 'Motrin IB 200 mg', 'NSAID'),
  noKnownRow('naproxen', 'Aleve', 'Naproxen sodium 220 mg', 'NSAID'),
  noKnownRow('meloxicam', 'Mobic', 'meloxicam 15 mg', 'NSAID'),
  noKnownRow('celecoxib', 'Celebrex', 'celecoxib 200 mg', 'NSAID'),
  noKnownRow('diclofenac', 'Voltaren', 'diclofenac 50 mg', 'NSAID'),
  noKnownRow('aspirin', 'Ecotrin', 'Aspirin 81 mg', 'NSAID'),
  noKnownRow('acetaminophen', 'Tylenol', 'Tylenol Extra Strength 500 mg', 'analgesic'),
  noKnownRow('sumatriptan', 'Imitrex', 'sumatriptan 50 mg as needed', 'triptan'),
  noKnownRow('rizatriptan', 'Maxalt', 'Maxalt-MLT 10 mg', 'triptan'),
  noKnownRow('melatonin', null, 'Melatonin 3 mg gummies', 'supplement'),
  noKnownRow('vitamin d', 'cholecalciferol', 'Vitamin D3 2000 IU', 'supplement'),
  noKnownRow('fish oil', 'omega-3', 'Omega-3 1000 mg', 'supplement'),
  noKnownRow('magnesium', 'Mag-Ox', 'Magnesium glycinate 200 mg', 'supplement'),
  noKnownRow('multivitamin', 'Centrum', 'multi-vitamin 1 tablet daily', 'supplement'),
  noKnownRow('vitamin b12', 'cyanocobalamin', 'Vitamin B12 1000 mcg', 'supplement'),
  noKnownRow('folic acid', 'folate', 'folic acid 1 mg', 'supplement'),
  noKnownRow('l-methylfolate', 'Deplin', 'L-methylfolate 15 mg', 'supplement'),
  noKnownRow('iron', 'ferrous sulfate', 'Ferrous sulfate 325 mg', 'supplement'),
];

describe('the medications people with depression and anxiety commonly take', () => {
  const expectRow = (row: Row, result: InteractionResult) => {
    assert.equal(result.matched, row.generic, result.input);
    assert.equal(result.status, row.status, result.input);
    assert.equal(result.drugClass, row.drugClass, result.input);
    if (row.status === 'interaction') {
      assert.equal(result.severity, row.severity, result.input);
      assert.match(result.effect ?? '', row.effect, result.input);
      assert.match(result.source ?? '', /^Stillwater clinical reference › Drug interactions/, result.input);
    } else {
      assert.equal(result.severity, undefined, result.input);
      assert.equal(result.effect, undefined, result.input);
      assert.equal(result.source, notListedInKetamineLabels, result.input);
    }
  };

  for (const row of commonMedications) {
    const inputs = [row.generic, row.generic.toUpperCase(), row.asTyped, ...(row.brand ? [row.brand] : [])];
    it(`${inputs.map((i) => JSON.stringify(i)).join(', ')} → ${row.generic}, ${row.status.replaceAll('_', ' ')}`, () => {
      for (const result of checkInteractions(inputs)) expectRow(row, result);
    });
  }

  it('has one table row for every ingredient it added', () => {
    const inTable = new Set(commonMedications.map((row) => row.generic));
    assert.equal(inTable.size, commonMedications.length, 'no ingredient twice');
    for (const generic of inTable) {
      assert.ok(
        interactionKnowledgeBase.some((item) => item.generic === generic),
        `${generic} is in the table but not the knowledge base`,
      );
    }
  });

  it('sources a no-known-interaction to the ketamine and esketamine US labels', () => {
    assert.match(notListedInKetamineLabels, /ketamine \(Ketalar\)/);
    assert.match(notListedInKetamineLabels, /esketamine \(Spravato\)/);
  });

  it('places drugs the reference does not name in its "other CNS depressants" class, and says so', () => {
    for (const name of ['trazodone', 'Seroquel', 'Elavil', 'Ambien', 'clonidine', 'Zyrtec']) {
      const [result] = checkInteractions([name]);
      assert.equal(
        result!.source,
        'Stillwater clinical reference › Drug interactions › other CNS depressants',
        name,
      );
    }
    // Named in the reference itself: the source is the reference, unqualified.
    assert.equal(
      checkInteractions(['Vistaril'])[0]!.source,
      'Stillwater clinical reference › Drug interactions',
    );
  });

  it('tells Tylenol (acetaminophen) from Tylenol 3 and Tylenol #3 (codeine) and Tylenol PM (diphenhydramine)', () => {
    const cases: [string, string, string][] = [
      ['Tylenol', 'acetaminophen', 'no_known_interaction'],
      ['Tylenol 500 mg', 'acetaminophen', 'no_known_interaction'],
      ['tylenol 325mg', 'acetaminophen', 'no_known_interaction'],
      ['Tylenol 3', 'codeine', 'interaction'],
      ['Tylenol #3 300/30 mg', 'codeine', 'interaction'],
      ['Tylenol No. 3', 'codeine', 'interaction'],
      ['Tylenol with Codeine #3', 'codeine', 'interaction'],
      ['Tylenol PM', 'diphenhydramine', 'interaction'],
      ['Advil PM 2 caplets', 'diphenhydramine', 'interaction'],
    ];
    for (const [input, matched, status] of cases) {
      const [result] = checkInteractions([input]);
      assert.deepEqual([result!.matched, result!.status], [matched, status], input);
    }
  });

  it('does not read a combination product as its harmless part', () => {
    // The decongestant or cough ingredient is not in the knowledge base, so the whole product is not checked.
    for (const name of ['Claritin-D', 'Zyrtec-D 12 Hour', 'Allegra-D', 'NyQuil', 'Auvelity', 'Lybalvi']) {
      assert.equal(checkInteractions([name])[0]!.status, 'not_checked', name);
    }
  });

  it('leaves not checked what the reference and the labels do not settle', () => {
    for (const name of [
      'albuterol',
      'ProAir',
      'pseudoephedrine',
      'diltiazem',
      'verapamil',
      'fluvoxamine',
      'atomoxetine',
      'cannabis',
    ]) {
      assert.equal(checkInteractions([name])[0]!.status, 'not_checked', name);
    }
  });

  it('a made-up name is still not checked, next to names it knows', () => {
    assert.deepEqual(
      checkInteractions(['Sertraline 100 mg', 'Calmexa 20 mg', 'trazodone']).map((r) => [r.input, r.status]),
      [
        ['Sertraline 100 mg', 'no_known_interaction'],
        ['Calmexa 20 mg', 'not_checked'],
        ['trazodone', 'interaction'],
      ],
    );
  });
});
