import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canVisit, safeNextPath } from './roles';

describe('safeNextPath', () => {
  it('follows paths inside the app', () => {
    assert.equal(safeNextPath('/settings'), '/settings');
    assert.equal(safeNextPath('/admin/audit?action=E'), '/admin/audit?action=E');
  });

  it('never follows addresses that leave the app, or loop back to sign-in', () => {
    for (const next of [
      null,
      '',
      'settings',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      'javascript:alert(1)',
      '/signin?next=/x',
    ]) {
      assert.equal(safeNextPath(next), null, String(next));
    }
  });
});

describe('canVisit', () => {
  it('keeps each role inside its own section, and lets everyone into shared pages', () => {
    assert.equal(canVisit('admin', '/admin/staff'), true);
    assert.equal(canVisit('patient', '/admin/staff'), false);
    assert.equal(canVisit('nurse', '/clinician'), false);
    assert.equal(canVisit('patient', '/settings'), true);
    assert.equal(canVisit('coach', '/coach?tab=1'), true);
  });
});
