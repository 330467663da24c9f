import { decideAxis, demoReview, demoReviewers, planAssignments, tieKey, type RankedApplication } from './demo-reviews';
import { seededRandom } from './random';

const GRID = [
  { code: 'PERTINENCE', weight: 30, maxScore: 5 },
  { code: 'ACCOMPAGNEMENT', weight: 25, maxScore: 5 },
  { code: 'CAPACITE', weight: 15, maxScore: 5 },
  { code: 'PARTENARIATS', weight: 15, maxScore: 5 },
  { code: 'EFFICIENCE', weight: 15, maxScore: 5 },
];

describe('demo reviewers', () => {
  it('are twelve up to scale 10, the two demo accounts first, and twelve more per ten units of scale beyond', () => {
    const one = demoReviewers(1);
    expect(one).toHaveLength(12);
    expect(one.slice(0, 2).map((r) => r.email)).toEqual(['evaluateur@demo.tremplin.fr', 'evaluatrice@demo.tremplin.fr']);
    expect(new Set(one.map((r) => r.email)).size).toBe(12);
    expect(new Set(one.map((r) => r.severity)).size).toBe(12);
    expect(one[0]?.capacity).toBe(280);
    expect(demoReviewers(10)[0]?.capacity).toBe(2800);
    const eleven = demoReviewers(11);
    expect(eleven).toHaveLength(24);
    expect(eleven[12]?.email).toBe('evaluateur13@demo.tremplin.fr');
    expect(eleven[0]?.capacity).toBe(1540); // 280 × 11 / 2
    expect(demoReviewers(100).every((r) => r.capacity <= 10_000)).toBe(true);
  });
});

describe('planAssignments', () => {
  const reviewers = [
    { id: 'r1', axes: ['A'], territories: ['T1'], capacity: 2 },
    { id: 'r2', axes: ['B'], territories: ['T2'], capacity: 2 },
    { id: 'r3', axes: ['A'], territories: ['T2'], capacity: 2 },
  ];
  const app = (id: string, org: string, axisCode = 'A', territories = ['T1']) => ({ id, organizationId: org, axisCode, territories });

  it('gives k distinct reviewers per application, the best match first, never a tied one nor above capacity', () => {
    const plan = planAssignments([app('a1', 'o1'), app('a2', 'o2'), app('a3', 'o3')], reviewers, 2, new Set([tieKey('r1', 'o2')]));
    expect(plan).toEqual([
      { applicationId: 'a1', reviewerId: 'r1', match: 3 },
      { applicationId: 'a1', reviewerId: 'r3', match: 2 },
      // r1 is tied to o2; r3, already busier, weighs its load against its better match.
      { applicationId: 'a2', reviewerId: 'r2', match: 0 },
      { applicationId: 'a2', reviewerId: 'r3', match: 2 },
      { applicationId: 'a3', reviewerId: 'r1', match: 3 },
      { applicationId: 'a3', reviewerId: 'r2', match: 0 },
    ]);
  });

  it('refuses when fewer than k reviewers are free', () => {
    expect(() => planAssignments([app('a1', 'o1')], reviewers, 2, new Set([tieKey('r1', 'o1'), tieKey('r3', 'o1')]))).toThrow(/fewer than 2/);
  });
});

describe('demoReview', () => {
  const requested = [{ year: 2016, amountCents: 2_550_000 }, { year: 2017, amountCents: 2_600_000 }, { year: 2018, amountCents: 2_650_000 }];

  it('scores on the scale, totals with the grid weights, comments every bottom-quarter score and never recommends above the request', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 500; i++) {
      const review = demoReview(random, GRID, (i % 7) - 3, 0.3, requested);
      const s = review.scores;
      for (const c of GRID) {
        expect(s[c.code]).toBeGreaterThanOrEqual(0);
        expect(s[c.code]).toBeLessThanOrEqual(5);
        expect(Boolean(review.comments[c.code])).toBe((s[c.code] ?? 0) <= 1);
      }
      // Weights 30/25/15/15/15 over scales of 5: 6, 5, 3, 3 and 3 points per score point.
      const expected = 6 * (s['PERTINENCE'] ?? 0) + 5 * (s['ACCOMPAGNEMENT'] ?? 0) + 3 * (s['CAPACITE'] ?? 0) + 3 * (s['PARTENARIATS'] ?? 0) + 3 * (s['EFFICIENCE'] ?? 0);
      expect(review.totalHundredths).toBe(expected * 100);
      expect(review.opinion).toBe(expected >= 70 ? 'favourable' : expected >= 50 ? 'reserved' : 'unfavourable');
      review.recommended.forEach((r, y) => {
        expect(r.year).toBe(requested[y]?.year);
        expect(r.amountCents).toBeLessThanOrEqual(requested[y]?.amountCents ?? 0);
        expect(r.amountCents % 10_000).toBe(0);
      });
    }
  });

  it('is harsher for a severe reviewer on the same applications', () => {
    const mean = (severity: number) => {
      const random = seededRandom(11);
      let sum = 0;
      for (let i = 0; i < 300; i++) sum += demoReview(random, GRID, ((i % 5) - 2) / 2, severity, requested).totalHundredths;
      return sum / 300;
    };
    expect(mean(-0.6) + 1000).toBeLessThan(mean(0.6));
  });
});

describe('decideAxis', () => {
  const row = (id: string, score: number, perYear: number, nextYear = perYear): RankedApplication => ({
    id, scoreHundredths: score, requested: [{ year: 2016, amountCents: perYear }, { year: 2017, amountCents: nextYear }],
  });

  it('retains the first ones, waitlists the next in order, rejects the rest with a reason, and flags exceptions to the line', () => {
    const ranked = [row('a', 9000, 100_000), row('b', 8000, 100_000), row('c', 7000, 100_000), row('d', 6000, 100_000), row('e', 4000, 100_000)];
    const allocations = [{ year: 2016, amountCents: 250_000 }, { year: 2017, amountCents: 250_000 }];
    const { decisions, reductionBasisPoints } = decideAxis(seededRandom(1), ranked, allocations, 3, 1);
    expect(reductionBasisPoints).toBe(1667); // 250,000 of 300,000 wanted: grants × 5/6
    expect(decisions.map((d) => [d.applicationId, d.outcome, d.waitlistRank, d.rejectionReason, d.belowLine, d.flagged])).toEqual([
      ['a', 'retained', null, null, false, false],
      ['b', 'retained', null, null, false, false],
      // The strict line on requested amounts falls after b: retaining c is an exception.
      ['c', 'retained', null, null, true, true],
      ['d', 'waitlisted', 1, null, true, false],
      ['e', 'rejected', null, 'insufficient_score', true, false],
    ]);
    // 100,000 × 5/6 = 83,333.33 → 80,000 (whole hundreds of euros, rounded down).
    expect(decisions[0]?.grants).toEqual([{ year: 2016, amountCents: 80_000 }, { year: 2017, amountCents: 80_000 }]);
    expect(decisions[2]?.lineExceptionReason).toContain('16,67 %');
    expect(decisions[3]?.grants).toEqual([]);
  });

  it('grants the request in full when it fits, and flags passing over a project above the line', () => {
    const ranked = [row('a', 9000, 1_000_000, 900_000), row('b', 8000, 1_000_000, 800_000), row('c', 7500, 1_000_000)];
    const { decisions, reductionBasisPoints } = decideAxis(seededRandom(1), ranked, [{ year: 2016, amountCents: 5_000_000 }, { year: 2017, amountCents: 5_000_000 }], 1, 1);
    expect(reductionBasisPoints).toBe(0);
    expect(decisions.map((d) => [d.outcome, d.belowLine, d.flagged])).toEqual([['retained', false, false], ['waitlisted', false, true], ['rejected', false, true]]);
    expect(decisions[0]?.grants).toEqual([{ year: 2016, amountCents: 1_000_000 }, { year: 2017, amountCents: 900_000 }]);
    expect(decisions[2]?.rejectionReason).not.toBe('insufficient_score');
  });

  it('never grants above an allocation nor above a request, whatever the requests', () => {
    const random = seededRandom(3);
    for (let round = 0; round < 200; round++) {
      const ranked = Array.from({ length: 30 }, (_, i) => {
        const requested = 1_000_000 + Math.floor(random() * 9_000_000);
        return row(`x${i}`, 10_000 - i * 100, requested, Math.floor(requested * (0.5 + random())));
      });
      const allocations = [{ year: 2016, amountCents: 20_000_000 + Math.floor(random() * 60_000_000) }, { year: 2017, amountCents: 20_000_000 + Math.floor(random() * 60_000_000) }];
      const { decisions } = decideAxis(random, ranked, allocations, 20, 3);
      for (const allocation of allocations) {
        const granted = decisions.flatMap((d) => d.grants).filter((g) => g.year === allocation.year).reduce((s, g) => s + g.amountCents, 0);
        expect(granted).toBeLessThanOrEqual(allocation.amountCents);
      }
      decisions.forEach((d, i) => d.grants.forEach((g) => expect(g.amountCents).toBeLessThanOrEqual(ranked[i]?.requested.find((r) => r.year === g.year)?.amountCents ?? 0)));
      expect(decisions.filter((d) => d.outcome === 'retained')).toHaveLength(20);
    }
  });
});
