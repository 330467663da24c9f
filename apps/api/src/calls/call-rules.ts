import type { AllocationInput, ApiErrorDetail, CallInput } from '@tremplin/contracts';
import { callYearsAreValid, checkAllocations, checkPaymentRule, checkScoringGrid, type AllocationIssue } from '@tremplin/domain';

export type CallIssue = ApiErrorDetail & { params?: Record<string, string | number> };

const toDetail = (issue: AllocationIssue): CallIssue => ({ field: issue.field, code: issue.code, message: issue.code, params: issue.params });

export function allocationIssues(envelopeCents: number, years: readonly number[], axisCodes: readonly string[], allocations: readonly AllocationInput[]): CallIssue[] {
  return checkAllocations({ envelopeCents, years, axisCodes, allocations }).map(toDetail);
}

/** Cross-field rules of a call (class-validator has checked each field's shape already). */
export function callIssues(input: CallInput): CallIssue[] {
  const issues: CallIssue[] = [];
  if (new Date(input.closesAt).getTime() <= new Date(input.opensAt).getTime()) {
    issues.push({ field: 'closesAt', code: 'CALL_DATES_ORDER', message: 'CALL_DATES_ORDER' });
  }
  if (!callYearsAreValid(input.years)) issues.push({ field: 'years', code: 'CALL_YEARS_INVALID', message: 'CALL_YEARS_INVALID' });
  const seen = new Set<string>();
  input.axes.forEach((axis, i) => {
    if (seen.has(axis.code)) issues.push({ field: `axes[${i}].code`, code: 'AXIS_DUPLICATE_CODE', message: 'AXIS_DUPLICATE_CODE' });
    seen.add(axis.code);
  });
  issues.push(...allocationIssues(input.envelopeCents, input.years, input.axes.map((a) => a.code), input.allocations));
  issues.push(...checkScoringGrid(input.criteria).map((issue) => ({ ...toDetail(issue), field: issue.field })));
  issues.push(...checkPaymentRule(input.paymentRule).map(toDetail));
  return issues;
}
