import fc from 'fast-check';
import {
  checkDecision,
  committeeSessionLifecycle,
  exceededAllocations,
  isLineException,
  REJECTION_REASONS,
  type DecisionContext,
} from './committee-decision';
import { IllegalTransitionError } from './state-machine';

const REQUESTED: DecisionContext['requested'] = [
  { year: 2017, amountCents: 2_500_000 },
  { year: 2018, amountCents: 2_000_000 },
  { year: 2019, amountCents: 1_500_000 },
];
const ABOVE: DecisionContext = { requested: REQUESTED, aboveCutLine: true };
const BELOW: DecisionContext = { requested: REQUESTED, aboveCutLine: false };

describe('checkDecision', () => {
  it('retains with less than requested, filling the years left out with 0', () => {
    const { issues, decision } = checkDecision({ outcome: 'retained', grants: [{ year: 2018, amountCents: 1_800_000 }, { year: 2017, amountCents: 2_500_000 }] }, ABOVE);
    expect(issues).toEqual([]);
    expect(decision).toEqual({
      outcome: 'retained',
      grants: [{ year: 2017, amountCents: 2_500_000 }, { year: 2018, amountCents: 1_800_000 }, { year: 2019, amountCents: 0 }],
      waitlistRank: null, rejectionReason: null, comment: '', lineExceptionReason: null, flagged: false,
    });
  });

  it('refuses a grant above the request of that year, naming the grant', () => {
    const { issues } = checkDecision({ outcome: 'retained', grants: [{ year: 2017, amountCents: 1 }, { year: 2018, amountCents: 2_000_001 }] }, ABOVE);
    expect(issues).toEqual([{ field: 'grants[1].amountCents', code: 'DECISION_GRANT_ABOVE_REQUEST', params: { year: 2018, requestedCents: 2_000_000 } }]);
  });

  it('refuses negative or fractional amounts, unknown and duplicate years, and a retention of nothing', () => {
    expect(checkDecision({ outcome: 'retained', grants: [{ year: 2017, amountCents: -1 }] }, ABOVE).issues)
      .toEqual([{ field: 'grants[0].amountCents', code: 'AMOUNT_NOT_CENTS' }]);
    expect(checkDecision({ outcome: 'retained', grants: [{ year: 2017, amountCents: 10.5 }] }, ABOVE).issues)
      .toEqual([{ field: 'grants[0].amountCents', code: 'AMOUNT_NOT_CENTS' }]);
    expect(checkDecision({ outcome: 'retained', grants: [{ year: 2020, amountCents: 10 }] }, ABOVE).issues)
      .toEqual([{ field: 'grants[0].year', code: 'DECISION_YEAR_UNKNOWN', params: { year: 2020 } }]);
    expect(checkDecision({ outcome: 'retained', grants: [{ year: 2017, amountCents: 10 }, { year: 2017, amountCents: 10 }] }, ABOVE).issues)
      .toEqual([{ field: 'grants[1].year', code: 'DECISION_YEAR_DUPLICATE', params: { year: 2017 } }]);
    expect(checkDecision({ outcome: 'retained', grants: [{ year: 2017, amountCents: 0 }] }, ABOVE).issues)
      .toEqual([{ field: 'grants', code: 'DECISION_GRANT_REQUIRED' }]);
    expect(checkDecision({ outcome: 'granted' }, ABOVE).issues).toEqual([{ field: 'outcome', code: 'DECISION_OUTCOME_INVALID', params: { allowed: 'retained,waitlisted,rejected' } }]);
  });

  it('waitlists with a positive rank only, and no grant', () => {
    expect(checkDecision({ outcome: 'waitlisted', waitlistRank: 3 }, ABOVE).decision).toMatchObject({ outcome: 'waitlisted', waitlistRank: 3, flagged: false });
    expect(checkDecision({ outcome: 'waitlisted', waitlistRank: 0 }, ABOVE).issues).toEqual([{ field: 'waitlistRank', code: 'DECISION_WAITLIST_RANK_INVALID' }]);
    expect(checkDecision({ outcome: 'waitlisted' }, ABOVE).issues).toEqual([{ field: 'waitlistRank', code: 'DECISION_WAITLIST_RANK_INVALID' }]);
    expect(checkDecision({ outcome: 'waitlisted', waitlistRank: 1, grants: [{ year: 2017, amountCents: 5 }] }, ABOVE).issues)
      .toEqual([{ field: 'grants', code: 'DECISION_GRANTS_FORBIDDEN' }]);
    expect(checkDecision({ outcome: 'retained', waitlistRank: 2, grants: [{ year: 2017, amountCents: 5 }] }, ABOVE).issues)
      .toEqual([{ field: 'waitlistRank', code: 'DECISION_FIELD_FORBIDDEN' }]);
  });

  it('rejects with a reason from the list, and a comment when the reason is « other »', () => {
    expect(checkDecision({ outcome: 'rejected', rejectionReason: 'weak_budget' }, BELOW).decision)
      .toMatchObject({ outcome: 'rejected', rejectionReason: 'weak_budget', comment: '', flagged: false, grants: [{ year: 2017, amountCents: 0 }, { year: 2018, amountCents: 0 }, { year: 2019, amountCents: 0 }] });
    expect(checkDecision({ outcome: 'rejected', rejectionReason: 'too_late' }, BELOW).issues)
      .toEqual([{ field: 'rejectionReason', code: 'DECISION_REJECTION_REASON_INVALID', params: { allowed: 'insufficient_score,envelope_exhausted,outside_priorities,weak_budget,other' } }]);
    expect(checkDecision({ outcome: 'rejected', rejectionReason: 'other', comment: '  ' }, BELOW).issues).toEqual([{ field: 'comment', code: 'DECISION_COMMENT_REQUIRED' }]);
    expect(checkDecision({ outcome: 'rejected', rejectionReason: 'other', comment: ' Doublon avec un projet financé. ' }, BELOW).decision)
      .toMatchObject({ rejectionReason: 'other', comment: 'Doublon avec un projet financé.' });
    expect(checkDecision({ outcome: 'retained', rejectionReason: 'other', grants: [{ year: 2017, amountCents: 5 }] }, ABOVE).issues)
      .toEqual([{ field: 'rejectionReason', code: 'DECISION_FIELD_FORBIDDEN' }]);
  });

  it('needs a written reason to retain below the line or reject above it, and flags it', () => {
    const retainBelow = { outcome: 'retained', grants: [{ year: 2017, amountCents: 100 }] };
    expect(checkDecision(retainBelow, BELOW).issues).toEqual([{ field: 'lineExceptionReason', code: 'DECISION_LINE_EXCEPTION_REQUIRED' }]);
    expect(checkDecision({ ...retainBelow, lineExceptionReason: 'Seul projet du territoire.' }, BELOW).decision)
      .toMatchObject({ flagged: true, lineExceptionReason: 'Seul projet du territoire.' });
    expect(checkDecision({ outcome: 'rejected', rejectionReason: 'weak_budget' }, ABOVE).issues)
      .toEqual([{ field: 'lineExceptionReason', code: 'DECISION_LINE_EXCEPTION_REQUIRED' }]);
    expect(checkDecision({ outcome: 'rejected', rejectionReason: 'weak_budget', lineExceptionReason: 'Budget irréaliste.' }, ABOVE).decision)
      .toMatchObject({ flagged: true, lineExceptionReason: 'Budget irréaliste.' });
    // An ordinary decision keeps no exception reason.
    expect(checkDecision({ ...retainBelow, lineExceptionReason: 'inutile' }, ABOVE).decision).toMatchObject({ flagged: false, lineExceptionReason: null });
    expect(isLineException('waitlisted', true)).toBe(false);
    expect(isLineException('waitlisted', false)).toBe(false);
  });

  it('property: an accepted retention never grants above the request of any year, and grants something', () => {
    const arbitrary = fc.record({
      requested: fc.uniqueArray(fc.record({ year: fc.integer({ min: 2016, max: 2020 }), amountCents: fc.integer({ min: 0, max: 10_000_000 }) }), { selector: (r) => r.year, maxLength: 4 }),
      grants: fc.array(fc.record({ year: fc.integer({ min: 2015, max: 2021 }), amountCents: fc.integer({ min: -5, max: 10_000_005 }) }), { maxLength: 5 }),
      above: fc.boolean(),
    });
    fc.assert(fc.property(arbitrary, ({ requested, grants, above }) => {
      const { issues, decision } = checkDecision({ outcome: 'retained', grants, lineExceptionReason: 'motif' }, { requested, aboveCutLine: above });
      expect(issues.length === 0).toBe(decision !== null);
      if (!decision) return;
      const asked = new Map(requested.map((r) => [r.year, r.amountCents]));
      for (const g of decision.grants) {
        expect(g.amountCents).toBeGreaterThanOrEqual(0);
        expect(g.amountCents).toBeLessThanOrEqual(asked.get(g.year) ?? -1);
      }
      expect(decision.grants.some((g) => g.amountCents > 0)).toBe(true);
      expect(decision.flagged).toBe(!above);
    }));
  });

  it('lists the rejection reasons in the database CHECK order', () => {
    expect(REJECTION_REASONS).toEqual(['insufficient_score', 'envelope_exhausted', 'outside_priorities', 'weak_budget', 'other']);
  });
});

describe('committeeSessionLifecycle', () => {
  it('decides and publishes while open; nothing once published', () => {
    expect(committeeSessionLifecycle.next('open', 'decide')).toBe('open');
    expect(committeeSessionLifecycle.next('open', 'publish')).toBe('published');
    expect(() => committeeSessionLifecycle.next('published', 'publish')).toThrow(IllegalTransitionError);
    expect(() => committeeSessionLifecycle.next('published', 'decide')).toThrow(IllegalTransitionError);
    expect(committeeSessionLifecycle.actionsFrom('published')).toEqual([]);
  });
});

describe('exceededAllocations', () => {
  const allocations = [
    { axisCode: 'MEDIATION', year: 2017, allocationCents: 5_000_000 },
    { axisCode: 'MEDIATION', year: 2018, allocationCents: 4_000_000 },
  ];

  it('names each cell over its allocation with the excess (hand-computed)', () => {
    expect(exceededAllocations(allocations, [
      { axisCode: 'MEDIATION', year: 2018, grantedCents: 2_500_000 },
      { axisCode: 'MEDIATION', year: 2017, grantedCents: 5_000_000 }, // equal fits
      { axisCode: 'MEDIATION', year: 2018, grantedCents: 1_600_000 },
      { axisCode: 'EMPLOI', year: 2017, grantedCents: 1 }, // no allocation: 0
    ])).toEqual([
      { axisCode: 'EMPLOI', year: 2017, allocationCents: 0, grantedCents: 1, excessCents: 1 },
      { axisCode: 'MEDIATION', year: 2018, allocationCents: 4_000_000, grantedCents: 4_100_000, excessCents: 100_000 },
    ]);
    expect(exceededAllocations(allocations, [])).toEqual([]);
  });

  it('property: empty exactly when every cell total fits its allocation', () => {
    const grant = fc.record({ axisCode: fc.constantFrom('MEDIATION', 'EMPLOI'), year: fc.constantFrom(2017, 2018), grantedCents: fc.integer({ min: 0, max: 3_000_000 }) });
    fc.assert(fc.property(fc.array(grant, { maxLength: 8 }), (granted) => {
      const exceeded = exceededAllocations(allocations, granted);
      for (const cell of ['MEDIATION', 'EMPLOI'].flatMap((axisCode) => [2017, 2018].map((year) => ({ axisCode, year })))) {
        const total = granted.filter((g) => g.axisCode === cell.axisCode && g.year === cell.year).reduce((s, g) => s + g.grantedCents, 0);
        const allocation = allocations.find((a) => a.axisCode === cell.axisCode && a.year === cell.year)?.allocationCents ?? 0;
        const named = exceeded.find((e) => e.axisCode === cell.axisCode && e.year === cell.year);
        if (total > allocation) expect(named).toEqual({ ...cell, allocationCents: allocation, grantedCents: total, excessCents: total - allocation });
        else expect(named).toBeUndefined();
      }
    }));
  });
});
