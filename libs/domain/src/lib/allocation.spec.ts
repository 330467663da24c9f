import fc from 'fast-check';
import {
  AllocationCell,
  AllocationInput,
  allocationTotals,
  checkAllocations,
} from './allocation';
import { allocateProportionally } from './money';

const axisCodes = ['AXE1', 'AXE2'] as const;
const years = [2025, 2026] as const;

function validInput(): AllocationInput {
  return {
    envelopeCents: 100_000,
    years,
    axisCodes,
    allocations: [
      { axisCode: 'AXE1', year: 2025, amountCents: 30_000 },
      { axisCode: 'AXE1', year: 2026, amountCents: 20_000 },
      { axisCode: 'AXE2', year: 2025, amountCents: 25_000 },
      { axisCode: 'AXE2', year: 2026, amountCents: 25_000 },
    ],
  };
}

function withCell(
  index: number,
  patch: Partial<AllocationCell>,
): AllocationInput {
  const input = validInput();
  return {
    ...input,
    allocations: input.allocations.map((cell, i) =>
      i === index ? { ...cell, ...patch } : cell,
    ),
  };
}

const codes = (input: AllocationInput): string[] =>
  checkAllocations(input).map((issue) => issue.code);

describe('checkAllocations', () => {
  it('accepts a complete, balanced grid', () => {
    expect(checkAllocations(validInput())).toEqual([]);
  });

  it('accepts zero cells (an axis may be unfunded one year)', () => {
    const input = withCell(0, { amountCents: 0 });
    expect(checkAllocations({ ...input, envelopeCents: 70_000 })).toEqual([]);
  });

  it('reports a non-positive envelope', () => {
    const issues = checkAllocations({
      ...validInput(),
      envelopeCents: 0,
      allocations: [],
    });
    expect(issues[0]).toEqual({
      field: 'envelopeCents',
      code: 'ENVELOPE_NOT_POSITIVE',
    });
    expect(codes({ ...validInput(), envelopeCents: -5 })).toContain(
      'ENVELOPE_NOT_POSITIVE',
    );
  });

  it('reports a non-integer envelope or amount without computing a sum', () => {
    expect(codes({ ...validInput(), envelopeCents: 10.5 })).toEqual([
      'AMOUNT_NOT_CENTS',
    ]);
    expect(checkAllocations(withCell(2, { amountCents: 1.5 }))).toEqual([
      { field: 'allocations[2].amountCents', code: 'AMOUNT_NOT_CENTS' },
    ]);
  });

  it('reports a negative cell with its path', () => {
    const issues = checkAllocations(withCell(1, { amountCents: -1 }));
    expect(issues).toContainEqual({
      field: 'allocations[1].amountCents',
      code: 'ALLOCATION_NEGATIVE',
      params: { amountCents: -1 },
    });
  });

  it('reports unknown axis and year (and the cells they leave missing)', () => {
    const issues = checkAllocations(
      withCell(3, { axisCode: 'AXE9', year: 2030 }),
    );
    expect(issues).toEqual([
      {
        field: 'allocations[3].axisCode',
        code: 'ALLOCATION_UNKNOWN_AXIS',
        params: { axisCode: 'AXE9' },
      },
      {
        field: 'allocations[3].year',
        code: 'ALLOCATION_UNKNOWN_YEAR',
        params: { year: 2030 },
      },
      {
        field: 'allocations',
        code: 'ALLOCATION_MISSING_CELL',
        params: { axisCode: 'AXE2', year: 2026 },
      },
    ]);
  });

  it('reports a duplicated cell on the repeated row', () => {
    const issues = checkAllocations(withCell(1, { year: 2025 }));
    expect(issues).toContainEqual({
      field: 'allocations[1]',
      code: 'ALLOCATION_DUPLICATE_CELL',
      params: { axisCode: 'AXE1', year: 2025 },
    });
    expect(issues).toContainEqual({
      field: 'allocations',
      code: 'ALLOCATION_MISSING_CELL',
      params: { axisCode: 'AXE1', year: 2026 },
    });
  });

  it('reports every missing cell of an empty grid', () => {
    const issues = checkAllocations({ ...validInput(), allocations: [] });
    expect(
      issues.filter((i) => i.code === 'ALLOCATION_MISSING_CELL'),
    ).toHaveLength(4);
  });

  it('reports a sum mismatch with expected, actual and difference (actual - expected)', () => {
    const issues = checkAllocations(withCell(0, { amountCents: 30_001 }));
    expect(issues).toEqual([
      {
        field: 'allocations',
        code: 'ALLOCATION_SUM_MISMATCH',
        params: {
          expectedCents: 100_000,
          actualCents: 100_001,
          differenceCents: 1,
        },
      },
    ]);
    const under = checkAllocations({ ...validInput(), envelopeCents: 100_050 });
    expect(under[0]?.params).toEqual({
      expectedCents: 100_050,
      actualCents: 100_000,
      differenceCents: -50,
    });
  });

  it('keeps an exact sum beyond the safe range as a string param', () => {
    const input: AllocationInput = {
      envelopeCents: 1,
      years: [2025],
      axisCodes: ['A', 'B'],
      allocations: [
        { axisCode: 'A', year: 2025, amountCents: Number.MAX_SAFE_INTEGER },
        { axisCode: 'B', year: 2025, amountCents: Number.MAX_SAFE_INTEGER },
      ],
    };
    const [issue] = checkAllocations(input);
    expect(issue?.params).toEqual({
      expectedCents: 1,
      actualCents: '18014398509481982',
      differenceCents: '18014398509481981',
    });
  });

  it('property: a proportional split of the envelope over the full grid is valid', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.uniqueArray(fc.stringMatching(/^[A-Z]{2,5}[0-9]?$/), {
          minLength: 1,
          maxLength: 5,
        }),
        fc.integer({ min: 2020, max: 2035 }),
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 20, maxLength: 20 }),
        (envelopeCents, axes, firstYear, yearCount, rawWeights) => {
          const gridYears = Array.from(
            { length: yearCount },
            (_, i) => firstYear + i,
          );
          const cells = axes.flatMap((axisCode) =>
            gridYears.map((year) => ({ axisCode, year })),
          );
          const weights = cells.map((_, i) => rawWeights[i] ?? 0);
          weights[0] = (weights[0] ?? 0) + 1; // at least one positive weight
          const amounts = allocateProportionally(envelopeCents, weights);
          const allocations = cells.map((cell, i) => ({
            ...cell,
            amountCents: amounts[i] ?? 0,
          }));
          expect(
            checkAllocations({
              envelopeCents,
              years: gridYears,
              axisCodes: axes,
              allocations,
            }),
          ).toEqual([]);
        },
      ),
    );
  });

  it('property: shifting one cell by delta reports exactly that difference', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...validInput().allocations.map((cell, index) => ({ cell, index })),
        ),
        fc.integer({ min: -20_000, max: 1_000_000 }).filter((d) => d !== 0),
        ({ cell, index }, delta) => {
          const mutated = withCell(index, {
            amountCents: cell.amountCents + delta,
          });
          const mismatch = checkAllocations(mutated).find(
            (i) => i.code === 'ALLOCATION_SUM_MISMATCH',
          );
          expect(mismatch?.params?.['differenceCents']).toBe(delta);
        },
      ),
    );
  });

  it('property: dropping any cell reports it missing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(
          ...validInput().allocations.map((cell, index) => ({
            dropped: cell,
            index,
          })),
        ),
        ({ dropped, index }) => {
          const input = validInput();
          const issues = checkAllocations({
            ...input,
            allocations: input.allocations.filter((_, i) => i !== index),
          });
          expect(issues).toContainEqual({
            field: 'allocations',
            code: 'ALLOCATION_MISSING_CELL',
            params: { axisCode: dropped.axisCode, year: dropped.year },
          });
        },
      ),
    );
  });
});

describe('allocationTotals', () => {
  it('totals by axis and by year', () => {
    expect(allocationTotals(validInput().allocations)).toEqual({
      total: 100_000,
      byAxis: { AXE1: 50_000, AXE2: 50_000 },
      byYear: { 2025: 55_000, 2026: 45_000 },
    });
  });

  it('returns zeros for an empty list', () => {
    expect(allocationTotals([])).toEqual({ total: 0, byAxis: {}, byYear: {} });
  });

  it('keeps hostile axis codes as plain data', () => {
    const totals = allocationTotals([
      { axisCode: '__proto__', year: 2025, amountCents: 5 },
    ]);
    expect(Object.keys(totals.byAxis)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(totals.byAxis)).toBe(Object.prototype);
  });

  it('throws on non-integer amounts and unsafe totals', () => {
    expect(() =>
      allocationTotals([{ axisCode: 'A', year: 2025, amountCents: 0.5 }]),
    ).toThrow(/allocations\[0\]/);
    expect(() =>
      allocationTotals([
        { axisCode: 'A', year: 2025, amountCents: Number.MAX_SAFE_INTEGER },
        { axisCode: 'A', year: 2026, amountCents: 1 },
      ]),
    ).toThrow(RangeError);
  });

  it('property: axis totals and year totals both add up to the total', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            axisCode: fc.constantFrom('A', 'B', 'C'),
            year: fc.integer({ min: 2024, max: 2028 }),
            amountCents: fc.integer({ min: -1_000_000, max: 1_000_000_000 }),
          }),
        ),
        (cells) => {
          const { total, byAxis, byYear } = allocationTotals(cells);
          const sum = (values: number[]): number =>
            values.reduce((a, b) => a + b, 0);
          expect(total).toBe(sum(cells.map((c) => c.amountCents)));
          expect(sum(Object.values(byAxis))).toBe(total);
          expect(sum(Object.values(byYear))).toBe(total);
        },
      ),
    );
  });
});
