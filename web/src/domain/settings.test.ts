import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changedParts, describeChanges, diffRecords, formatSetting } from './settings';

describe('treatment settings in words', () => {
  it('names each value with its unit', () => {
    assert.equal(formatSetting('doseMg', 300), '300 mg');
    assert.equal(formatSetting('minHoursBetweenSessions', 72), '72 hours');
    assert.equal(
      formatSetting('bloodPressureLimit', { systolic: 140, diastolic: 90 }),
      '140/90 mmHg or above',
    );
    assert.equal(formatSetting('heartRateRange', { min: 50, max: 110 }), '50–110 bpm');
    assert.equal(formatSetting('route', 'sublingual'), 'Sublingual (lozenge under the tongue)');
    assert.equal(formatSetting('bpLimitReason', null), 'none');
  });

  it('lists what changed between versions in the order the settings are shown', () => {
    const changes = diffRecords(
      { doseMg: 300, status: 'draft', notes: 'a' },
      { doseMg: 350, status: 'active', notes: 'a' },
      ['doseMg', 'status', 'notes'],
    );
    assert.deepEqual(describeChanges(changes), [
      { key: 'doseMg', label: 'Dose', before: '300 mg', after: '350 mg' },
      { key: 'status', label: 'Status', before: 'draft', after: 'active' },
    ]);
  });

  it('shows only the part of a long text that differs', () => {
    const text = 'An induction course of six supervised at-home sessions with a sublingual lozenge (troche).';
    assert.deepEqual(changedParts(`${text} Reviewed A.`, `${text} Reviewed B.`), ['…A…', '…B…']);
    assert.deepEqual(changedParts(text, `${text} Reviewed.`), ['(nothing)', '…Reviewed.']);
    assert.deepEqual(changedParts(`Start. ${text}`, text), ['Start.…', '(nothing)']);
  });
});
