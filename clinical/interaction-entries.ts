/**
 * The data behind the interaction knowledge base (the matcher is in interactions.ts).
 *
 * An entry is an interaction only where CLINICAL-REFERENCE.md › Drug interactions names the
 * drug or its class. A drug the reference does not name is placed in one of its classes only
 * when the drug itself does what the class does: a drug that is itself sedating joins "other CNS
 * depressants" (additive sedation and respiratory depression), a stimulant joins "stimulants"
 * (additive blood-pressure rise). A drug the ketamine (Ketalar) and esketamine (Spravato) US
 * labels do not list among their drug interactions is "no known interaction", with that as its
 * source. A drug whose effect with ketamine this file cannot settle is left out on purpose, so
 * that it stays "not checked" — for example albuterol and pseudoephedrine (sympathomimetics),
 * diltiazem and verapamil (CYP3A4 inhibitors), fluvoxamine, atomoxetine, cannabis.
 */
/** The shape of an entry: the knowledge base defines it, and interactions.ts reads it. */
export type InteractionSeverity = 'major' | 'moderate' | 'minor';

type Effect = { severity: InteractionSeverity; effect: string; source: string };

export type KnowledgeEntry = {
  generic: string;
  drugClass: string;
  /** Brand names and other names people type. */
  synonyms: readonly string[];
} & ({ interaction: Effect } | { interaction: null; note: string; source: string });

const ref = 'Stillwater clinical reference › Drug interactions';

/** The source of every "no known interaction" entry except those the reference itself names. */
export const notListedInKetamineLabels =
  'Not listed among the drug interactions of the US prescribing information for ketamine (Ketalar) or esketamine (Spravato)';

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
/**
 * A drug the reference does not name but which is itself sedating: it takes the reference's
 * "other CNS depressants" effect, and its source says which class it was placed in.
 */
const sedating = (what: string): Effect => ({
  ...cnsDepressant(what),
  source: `${ref} › other CNS depressants`,
});
const pressor = (what: string, severity: InteractionSeverity, source = ref): Effect => ({
  severity,
  effect: `${what} can add to the rise in blood pressure that ketamine causes.`,
  source,
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
const thyroidHormone: Effect = {
  severity: 'moderate',
  effect: 'Thyroid hormone with ketamine can cause high blood pressure and a fast heart rate.',
  source: ref,
};

const entry = (
  generic: string,
  drugClass: string,
  synonyms: string[],
  interaction: Effect,
): KnowledgeEntry => ({ generic, drugClass, synonyms, interaction });

/** Checked, and neither the reference nor the ketamine/esketamine labels list an interaction. */
const noKnown = (generic: string, drugClass: string, synonyms: string[], note?: string): KnowledgeEntry => ({
  generic,
  drugClass,
  synonyms,
  interaction: null,
  note:
    note ??
    'Neither the Stillwater clinical reference nor the ketamine or esketamine US labels list an interaction.',
  source: notListedInKetamineLabels,
});

const sedatingAntidepressant = sedating('Sedating antidepressants such as trazodone and mirtazapine');
const tricyclic = sedating('Tricyclic antidepressants, which are sedating,');
const antipsychotic = sedating('Antipsychotics, which can be sedating,');
const sedativeHypnotic = sedating('Sleep medicines (sedative-hypnotics)');
const muscleRelaxant = sedating('Sedating muscle relaxants');
const alpha2Agonist = sedating('Sedating blood-pressure medicines such as clonidine and guanfacine');
const drowsyAntihistamine = sedating('Antihistamines that can cause drowsiness, such as cetirizine,');
const sedatingAntihistamine = cnsDepressant('Sedating antihistamines');
const stimulant = pressor('Stimulants', 'major');

/** Interactions and drug classes named in the clinical reference, kept as first written. */
const namedInReference: KnowledgeEntry[] = [
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
  // "Tylenol 3" and "Tylenol #3" keep their number when matched, so they are not acetaminophen.
  entry('codeine', 'opioid', ['tylenol with codeine', 'tylenol 3', 'tylenol no 3'], opioid),
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
  entry('pregabalin', 'gabapentinoid', ['lyrica', 'lyrica cr'], cnsDepressant('Gabapentinoids')),
  // The "PM" pain relievers are the pain reliever plus diphenhydramine; the antihistamine is what interacts.
  entry(
    'diphenhydramine',
    'sedating antihistamine',
    [
      'benadryl',
      'zzzquil',
      'unisom sleepgels',
      'sominex',
      'nytol',
      'tylenol pm',
      'advil pm',
      'motrin pm',
      'aleve pm',
    ],
    sedatingAntihistamine,
  ),
  entry('hydroxyzine', 'sedating antihistamine', ['atarax', 'vistaril'], sedatingAntihistamine),
  entry('doxylamine', 'sedating antihistamine', ['unisom'], sedatingAntihistamine),
  entry('promethazine', 'sedating antihistamine', ['phenergan'], sedatingAntihistamine),
  entry(
    'meclizine',
    'sedating antihistamine',
    ['antivert', 'bonine', 'dramamine less drowsy'],
    sedatingAntihistamine,
  ),
  entry('dimenhydrinate', 'sedating antihistamine', ['dramamine'], sedatingAntihistamine),
  entry(
    'chlorpheniramine',
    'sedating antihistamine',
    ['chlor-trimeton', 'chlorphenamine'],
    sedatingAntihistamine,
  ),
  entry('cyproheptadine', 'sedating antihistamine', ['periactin'], sedatingAntihistamine),
  entry('phenobarbital', 'barbiturate', ['luminal'], cnsDepressant('Barbiturates', 'major')),
  entry('butalbital', 'barbiturate', ['fioricet', 'fiorinal'], cnsDepressant('Barbiturates', 'major')),
  entry('amphetamine', 'stimulant', ['adderall', 'evekeo', 'adzenys', 'mydayis'], stimulant),
  entry('dextroamphetamine', 'stimulant', ['dexedrine', 'zenzedi'], stimulant),
  entry('lisdexamfetamine', 'stimulant', ['vyvanse'], stimulant),
  entry('methylphenidate', 'stimulant', ['ritalin', 'concerta', 'metadate', 'daytrana'], stimulant),
  entry('dexmethylphenidate', 'stimulant', ['focalin'], stimulant),
  entry('phenelzine', 'MAOI', ['nardil'], pressor('MAO inhibitors', 'major')),
  entry('tranylcypromine', 'MAOI', ['parnate'], pressor('MAO inhibitors', 'major')),
  entry('isocarboxazid', 'MAOI', ['marplan'], pressor('MAO inhibitors', 'major')),
  entry('selegiline', 'MAOI', ['emsam', 'eldepryl', 'zelapar'], pressor('MAO inhibitors', 'major')),
  entry('venlafaxine', 'SNRI', ['effexor', 'effexor xr'], pressor('SNRIs at high dose', 'moderate')),
  entry('desvenlafaxine', 'SNRI', ['pristiq', 'khedezla'], pressor('SNRIs at high dose', 'moderate')),
  entry('duloxetine', 'SNRI', ['cymbalta', 'drizalma'], pressor('SNRIs at high dose', 'moderate')),
  entry('levomilnacipran', 'SNRI', ['fetzima'], pressor('SNRIs at high dose', 'moderate')),
  entry('milnacipran', 'SNRI', ['savella'], pressor('SNRIs at high dose', 'moderate')),
  entry(
    'levothyroxine',
    'thyroid hormone',
    ['synthroid', 'levoxyl', 'unithroid', 'euthyrox', 'tirosint', 'levo-t'],
    thyroidHormone,
  ),
  entry('liothyronine', 'thyroid hormone', ['cytomel'], thyroidHormone),
  entry(
    'thyroid desiccated',
    'thyroid hormone',
    ['armour thyroid', 'np thyroid', 'nature-throid'],
    thyroidHormone,
  ),
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
    source: ref,
  },
];

/** Drugs the reference does not name, placed in one of its classes because of what they do themselves. */
const placedInReferenceClasses: KnowledgeEntry[] = [
  entry('trazodone', 'sedating antidepressant', ['desyrel', 'oleptro'], sedatingAntidepressant),
  entry(
    'mirtazapine',
    'sedating antidepressant',
    ['remeron', 'remeronsoltab', 'remeron soltab'],
    sedatingAntidepressant,
  ),
  entry('amitriptyline', 'tricyclic antidepressant', ['elavil'], tricyclic),
  entry('nortriptyline', 'tricyclic antidepressant', ['pamelor', 'aventyl'], tricyclic),
  entry('imipramine', 'tricyclic antidepressant', ['tofranil', 'tofranil pm'], tricyclic),
  entry('doxepin', 'tricyclic antidepressant', ['silenor', 'sinequan'], tricyclic),
  entry('clomipramine', 'tricyclic antidepressant', ['anafranil'], tricyclic),
  entry('quetiapine', 'antipsychotic', ['seroquel', 'seroquel xr'], antipsychotic),
  // Symbyax is olanzapine with fluoxetine; the olanzapine is what interacts.
  entry('olanzapine', 'antipsychotic', ['zyprexa', 'zyprexa zydis', 'symbyax'], antipsychotic),
  entry(
    'aripiprazole',
    'antipsychotic',
    ['abilify', 'abilify maintena', 'abilify mycite', 'aristada'],
    antipsychotic,
  ),
  entry(
    'risperidone',
    'antipsychotic',
    ['risperdal', 'risperdal consta', 'perseris', 'uzedy'],
    antipsychotic,
  ),
  entry('paliperidone', 'antipsychotic', ['invega', 'invega sustenna', 'invega trinza'], antipsychotic),
  entry('lurasidone', 'antipsychotic', ['latuda'], antipsychotic),
  entry('brexpiprazole', 'antipsychotic', ['rexulti'], antipsychotic),
  entry('cariprazine', 'antipsychotic', ['vraylar'], antipsychotic),
  entry('lumateperone', 'antipsychotic', ['caplyta'], antipsychotic),
  entry('ziprasidone', 'antipsychotic', ['geodon'], antipsychotic),
  entry('asenapine', 'antipsychotic', ['saphris', 'secuado'], antipsychotic),
  entry('clozapine', 'antipsychotic', ['clozaril', 'versacloz', 'fazaclo'], antipsychotic),
  entry('haloperidol', 'antipsychotic', ['haldol'], antipsychotic),
  entry('chlorpromazine', 'antipsychotic', ['thorazine'], antipsychotic),
  entry('prochlorperazine', 'antipsychotic', ['compazine', 'compro'], antipsychotic),
  entry('zolpidem', 'sedative-hypnotic', ['ambien', 'ambien cr', 'edluar', 'intermezzo'], sedativeHypnotic),
  entry('eszopiclone', 'sedative-hypnotic', ['lunesta'], sedativeHypnotic),
  entry('zaleplon', 'sedative-hypnotic', ['sonata'], sedativeHypnotic),
  entry('suvorexant', 'sedative-hypnotic', ['belsomra'], sedativeHypnotic),
  entry('lemborexant', 'sedative-hypnotic', ['dayvigo'], sedativeHypnotic),
  entry('daridorexant', 'sedative-hypnotic', ['quviviq'], sedativeHypnotic),
  entry(
    'zuranolone',
    'neuroactive steroid',
    ['zurzuvae'],
    sedating('Neuroactive steroids such as zuranolone'),
  ),
  entry('cyclobenzaprine', 'muscle relaxant', ['flexeril', 'amrix', 'fexmid'], muscleRelaxant),
  entry('tizanidine', 'muscle relaxant', ['zanaflex'], muscleRelaxant),
  entry('baclofen', 'muscle relaxant', ['lioresal', 'ozobax', 'fleqsuvy', 'lyvispah'], muscleRelaxant),
  entry('methocarbamol', 'muscle relaxant', ['robaxin'], muscleRelaxant),
  entry('carisoprodol', 'muscle relaxant', ['soma'], muscleRelaxant),
  entry(
    'clonidine',
    'central alpha-2 agonist',
    ['catapres', 'catapres-tts', 'kapvay', 'nexiclon'],
    alpha2Agonist,
  ),
  entry('guanfacine', 'central alpha-2 agonist', ['intuniv', 'tenex'], alpha2Agonist),
  entry('cetirizine', 'antihistamine (can cause drowsiness)', ['zyrtec'], drowsyAntihistamine),
  entry('levocetirizine', 'antihistamine (can cause drowsiness)', ['xyzal'], drowsyAntihistamine),
  // The Spravato label names modafinil and armodafinil among the psychostimulants that raise blood pressure.
  entry(
    'modafinil',
    'stimulant',
    ['provigil'],
    pressor('Stimulants', 'major', `${ref} › stimulants (named in the Spravato label)`),
  ),
  entry(
    'armodafinil',
    'stimulant',
    ['nuvigil'],
    pressor('Stimulants', 'major', `${ref} › stimulants (named in the Spravato label)`),
  ),
];

/** Checked, with no interaction listed: what people with depression and anxiety commonly also take. */
const noKnownInteraction: KnowledgeEntry[] = [
  // SSRIs and other serotonergic antidepressants.
  noKnown('sertraline', 'SSRI', ['zoloft']),
  noKnown('escitalopram', 'SSRI', ['lexapro']),
  noKnown('citalopram', 'SSRI', ['celexa']),
  noKnown('fluoxetine', 'SSRI', ['prozac', 'prozac weekly', 'sarafem']),
  noKnown('paroxetine', 'SSRI', ['paxil', 'paxil cr', 'pexeva', 'brisdelle']),
  noKnown('vortioxetine', 'serotonin modulator', ['trintellix', 'brintellix']),
  noKnown('vilazodone', 'serotonin modulator', ['viibryd']),
  noKnown(
    'bupropion',
    'NDRI antidepressant',
    ['wellbutrin', 'wellbutrin sr', 'wellbutrin xl', 'zyban', 'aplenzin', 'forfivo'],
    'Neither the Stillwater clinical reference nor the ketamine or esketamine US labels list an interaction. Bupropion’s own label warns that it can raise blood pressure; the blood-pressure checks before and after each session apply as for every patient.',
  ),
  noKnown('buspirone', 'anxiolytic', ['buspar']),
  // Blood pressure and heart.
  noKnown('propranolol', 'beta-blocker', ['inderal', 'inderal la', 'inderal xl', 'innopran', 'hemangeol']),
  noKnown('metoprolol', 'beta-blocker', [
    'lopressor',
    'toprol',
    'toprol xl',
    'metoprolol succinate',
    'metoprolol tartrate',
  ]),
  noKnown('atenolol', 'beta-blocker', ['tenormin']),
  noKnown('carvedilol', 'beta-blocker', ['coreg']),
  noKnown('bisoprolol', 'beta-blocker', ['zebeta']),
  noKnown('nebivolol', 'beta-blocker', ['bystolic']),
  noKnown('nadolol', 'beta-blocker', ['corgard']),
  noKnown('lisinopril', 'ACE inhibitor', ['prinivil', 'zestril', 'qbrelis']),
  noKnown('enalapril', 'ACE inhibitor', ['vasotec']),
  noKnown('ramipril', 'ACE inhibitor', ['altace']),
  noKnown('benazepril', 'ACE inhibitor', ['lotensin']),
  noKnown('losartan', 'angiotensin receptor blocker', ['cozaar']),
  noKnown('valsartan', 'angiotensin receptor blocker', ['diovan']),
  noKnown('olmesartan', 'angiotensin receptor blocker', ['benicar']),
  noKnown('irbesartan', 'angiotensin receptor blocker', ['avapro']),
  noKnown('telmisartan', 'angiotensin receptor blocker', ['micardis']),
  noKnown('candesartan', 'angiotensin receptor blocker', ['atacand']),
  // Only the dihydropyridines: diltiazem and verapamil inhibit CYP3A4 and are left not checked.
  noKnown('amlodipine', 'calcium-channel blocker', ['norvasc', 'katerzia']),
  noKnown('nifedipine', 'calcium-channel blocker', ['procardia', 'procardia xl', 'adalat cc']),
  noKnown('hydrochlorothiazide', 'thiazide diuretic', ['microzide', 'hctz']),
  noKnown('chlorthalidone', 'thiazide diuretic', ['thalitone']),
  noKnown('spironolactone', 'diuretic', ['aldactone', 'carospir']),
  noKnown('furosemide', 'diuretic', ['lasix']),
  noKnown('prazosin', 'alpha-1 blocker', ['minipress']),
  // Hormonal contraception.
  noKnown('hormonal contraceptive', 'hormonal contraceptive', [
    'birth control',
    'birth control pill',
    'birth control pills',
    'oral contraceptive',
    'oral contraceptives',
    'combined oral contraceptive',
    'the pill',
    'ocp',
  ]),
  noKnown('ethinyl estradiol', 'hormonal contraceptive', ['ethinylestradiol', 'xulane']),
  noKnown('levonorgestrel', 'hormonal contraceptive', [
    'plan b',
    'plan b one step',
    'mirena',
    'kyleena',
    'liletta',
    'skyla',
    'seasonique',
    'alesse',
    'aviane',
    'levora',
    'lutera',
    'twirla',
  ]),
  noKnown('norethindrone', 'hormonal contraceptive', [
    'loestrin',
    'loestrin fe',
    'lo loestrin fe',
    'junel',
    'junel fe',
    'microgestin',
    'camila',
    'errin',
    'heather',
    'nor-qd',
  ]),
  noKnown('drospirenone', 'hormonal contraceptive', [
    'yaz',
    'yasmin',
    'beyaz',
    'safyral',
    'slynd',
    'ocella',
    'gianvi',
    'loryna',
  ]),
  noKnown('norgestimate', 'hormonal contraceptive', [
    'sprintec',
    'tri-sprintec',
    'tri-lo-sprintec',
    'ortho tri-cyclen',
    'ortho-cyclen',
    'mononessa',
    'estarylla',
  ]),
  noKnown('desogestrel', 'hormonal contraceptive', ['apri', 'desogen', 'mircette', 'kariva', 'enskyce']),
  noKnown('etonogestrel', 'hormonal contraceptive', ['nexplanon', 'implanon', 'nuvaring', 'eluryng']),
  noKnown('medroxyprogesterone', 'hormonal contraceptive', [
    'depo-provera',
    'depo-subq provera 104',
    'depo shot',
  ]),
  // Cholesterol, diabetes, weight.
  noKnown('atorvastatin', 'statin', ['lipitor']),
  noKnown('rosuvastatin', 'statin', ['crestor', 'ezallor']),
  noKnown('simvastatin', 'statin', ['zocor']),
  noKnown('pravastatin', 'statin', ['pravachol']),
  noKnown('lovastatin', 'statin', ['mevacor', 'altoprev']),
  noKnown('pitavastatin', 'statin', ['livalo', 'zypitamag']),
  noKnown('ezetimibe', 'cholesterol absorption inhibitor', ['zetia']),
  noKnown('metformin', 'biguanide', ['glucophage', 'glucophage xr', 'glumetza', 'fortamet', 'riomet']),
  noKnown('semaglutide', 'GLP-1 receptor agonist', ['ozempic', 'wegovy', 'rybelsus']),
  noKnown('tirzepatide', 'GLP-1/GIP receptor agonist', ['mounjaro', 'zepbound']),
  // Stomach.
  noKnown('omeprazole', 'proton-pump inhibitor', ['prilosec', 'prilosec otc']),
  noKnown('esomeprazole', 'proton-pump inhibitor', ['nexium']),
  noKnown('pantoprazole', 'proton-pump inhibitor', ['protonix']),
  noKnown('lansoprazole', 'proton-pump inhibitor', ['prevacid', 'prevacid solutab']),
  noKnown('rabeprazole', 'proton-pump inhibitor', ['aciphex']),
  noKnown('dexlansoprazole', 'proton-pump inhibitor', ['dexilant']),
  noKnown('famotidine', 'H2 blocker', ['pepcid', 'pepcid ac']),
  noKnown('ondansetron', 'antiemetic', ['zofran', 'zofran odt', 'zuplenz']),
  // Allergy and asthma. Cetirizine and levocetirizine can cause drowsiness and are above.
  noKnown('loratadine', 'non-sedating antihistamine', ['claritin', 'alavert']),
  noKnown('desloratadine', 'non-sedating antihistamine', ['clarinex']),
  noKnown('fexofenadine', 'non-sedating antihistamine', ['allegra']),
  noKnown('montelukast', 'leukotriene receptor antagonist', ['singulair']),
  noKnown('fluticasone', 'corticosteroid (nasal or inhaled)', ['flonase', 'flovent', 'arnuity']),
  // Pain and migraine.
  noKnown('ibuprofen', 'NSAID', ['advil', 'motrin', 'motrin ib']),
  noKnown('naproxen', 'NSAID', ['aleve', 'naprosyn', 'anaprox', 'anaprox ds']),
  noKnown('meloxicam', 'NSAID', ['mobic']),
  noKnown('celecoxib', 'NSAID', ['celebrex']),
  noKnown('diclofenac', 'NSAID', ['voltaren', 'cataflam']),
  noKnown('aspirin', 'NSAID', ['acetylsalicylic acid', 'asa', 'bayer aspirin', 'ecotrin', 'baby aspirin']),
  noKnown('acetaminophen', 'analgesic', [
    'tylenol',
    'tylenol extra strength',
    'tylenol arthritis',
    'paracetamol',
    'apap',
    'mapap',
  ]),
  noKnown('sumatriptan', 'triptan', ['imitrex', 'tosymra', 'zembrace']),
  noKnown('rizatriptan', 'triptan', ['maxalt', 'maxalt-mlt']),
  // Sleep and supplements.
  noKnown('melatonin', 'supplement', []),
  noKnown('vitamin d', 'supplement', [
    'vitamin d3',
    'vitamin d2',
    'vit d',
    'vit d3',
    'cholecalciferol',
    'ergocalciferol',
  ]),
  noKnown('fish oil', 'supplement', ['omega-3', 'omega-3 fatty acids', 'omega 3 fish oil', 'lovaza']),
  noKnown('magnesium', 'supplement', [
    'magnesium glycinate',
    'magnesium citrate',
    'magnesium oxide',
    'magnesium l-threonate',
    'mag-ox',
  ]),
  noKnown('multivitamin', 'supplement', [
    'multivitamins',
    'multi-vitamin',
    'multi vitamin',
    'centrum',
    'one a day',
    'prenatal vitamin',
    'prenatal vitamins',
  ]),
  noKnown('vitamin b12', 'supplement', ['b12', 'cyanocobalamin', 'methylcobalamin']),
  noKnown('folic acid', 'supplement', ['folate']),
  noKnown('l-methylfolate', 'supplement', ['levomefolate', 'methylfolate', 'deplin']),
  noKnown('iron', 'supplement', ['ferrous sulfate', 'ferrous gluconate', 'iron supplement']),
];

export const knowledgeEntries: readonly KnowledgeEntry[] = [
  ...namedInReference,
  ...placedInReferenceClasses,
  ...noKnownInteraction,
];
