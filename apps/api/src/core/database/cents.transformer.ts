import type { ValueTransformer } from 'typeorm';

/** PostgreSQL bigint arrives as a string; cents stay exact JS integers up to 2^53. */
export const centsTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => (value === null || value === undefined ? value : String(value)),
  from: (value: string | null) => {
    if (value === null) return null;
    const n = Number(value);
    if (!Number.isSafeInteger(n)) throw new RangeError(`bigint ${value} exceeds the safe integer range`);
    return n;
  },
};
