import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkInteractions, interactionKnowledgeBase, normaliseMedicationName } from './interactions.ts';

describe('interaction knowledge base', () => {
  it('covers at least 25 ingredients and drug classes, each with a source', () => {
    assert.ok(interactionKnowledgeBase.length >= 25, `${interactionKnowledgeBase.length} entries`);
    for (const item of interactionKnowledgeBase) {
      if (item.interaction) {
        assert.ok(item.interaction.effect.length > 20, item.generic);
        assert.match(item.interaction.source, /clinical reference/, item.generic);
      }
    }
  });

  it('has no name that points to two entries', () => {
    const seen = new Map<string, string>();
    for (const item of interactionKnowledgeBase) {
      for (const name of [item.generic, ...item.synonyms]) {
        const key = normaliseMedicationName(name);
        assert.ok(
          !seen.has(key) || seen.get(key) === item.generic,
          `${name} is in ${seen.get(key)} and ${item.generic}`,
        );
        seen.set(key, item.generic);
      }
    }
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
    const [lithium, unknown] = checkInteractions(['Lithium carbonate 300 mg', 'sertraline']);
    assert.equal(lithium!.status, 'no_known_interaction');
    assert.equal(lithium!.severity, undefined);
    assert.deepEqual(unknown, { input: 'sertraline', status: 'not_checked' });
  });

  it('an unrecognised or empty name is not_checked, never passed', () => {
    for (const name of ['', '   ', '20 mg', 'vitamin d', 'xanaxx', 'ketamine tea']) {
      assert.equal(checkInteractions([name])[0]!.status, 'not_checked', JSON.stringify(name));
    }
  });

  it('answers in input order, one result per input, keeping the input as typed', () => {
    const results = checkInteractions(['Zoloft', 'Klonopin 0.5mg', 'lithium']);
    assert.deepEqual(
      results.map((r) => [r.input, r.status]),
      [
        ['Zoloft', 'not_checked'],
        ['Klonopin 0.5mg', 'interaction'],
        ['lithium', 'no_known_interaction'],
      ],
    );
  });
});
