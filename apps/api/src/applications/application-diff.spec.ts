import { auditDiff, diffPaths } from './application-diff';

describe('diffPaths', () => {
  it('names changed leaves with validation-style paths', () => {
    const before = { title: 'A', project: { objectives: 'x', territories: ['LILLE'] }, budget: [{ charges: { c64: 1 } }, { charges: { c64: 2 } }] };
    const after = { title: 'A', project: { objectives: 'y', territories: ['LILLE'] }, budget: [{ charges: { c64: 1 } }, { charges: { c64: 3 } }] };
    expect(diffPaths(before, after)).toEqual({
      'budget[1].charges.c64': { before: 2, after: 3 },
      'project.objectives': { before: 'x', after: 'y' },
    });
  });

  it('reports added or removed elements and keys whole, with null for the missing side', () => {
    expect(diffPaths({ partners: [{ name: 'a' }] }, { partners: [{ name: 'a' }, { name: 'b' }] })).toEqual({
      'partners[1]': { before: null, after: { name: 'b' } },
    });
    expect(diffPaths({ declaration: { accurate: true }, x: 1 }, { x: 1 })).toEqual({ declaration: { before: { accurate: true }, after: null } });
    expect(diffPaths({ declaration: null }, { declaration: { accurate: true } })).toEqual({ declaration: { before: null, after: { accurate: true } } });
  });

  it('is empty for equal values, whatever the key order', () => {
    expect(diffPaths({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 })).toEqual({});
  });
});

describe('auditDiff', () => {
  it('cuts long strings and caps the number of paths', () => {
    const long = 'é'.repeat(1000);
    const diff = auditDiff({ summary: '' }, { summary: long });
    expect(String(diff['summary']?.after)).toMatch(/^é{200}… \(1000 caractères\)$/);
    const many = auditDiff({ list: [] }, { list: Array.from({ length: 50 }, (_, i) => i) });
    expect(Object.keys(many)).toHaveLength(41);
    expect(many['…']?.after).toBe('10 autres champs modifiés');
  });
});
