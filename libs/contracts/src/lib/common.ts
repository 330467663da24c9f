import { ValidateIf } from 'class-validator';

/**
 * Like `@IsOptional()` but only for an absent field: `null` is still validated (and refused by the field's
 * rules), so that `{axisCode: null}` is a 400 naming the field rather than a value that reaches the database.
 */
export function IsOmittable(): PropertyDecorator {
  return ValidateIf((_object: unknown, value: unknown) => value !== undefined);
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
export interface HealthView {
  status: 'ok' | 'degraded';
  database: 'up' | 'down';
  version: string;
  time: string;
}
