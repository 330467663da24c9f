import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import { IllegalTransitionError } from '@tremplin/domain';
import { AppException } from './app.exception';
import { HttpExceptionFilter, isDatabaseUnreachable } from './http-exception.filter';
import { QueryFailedError } from 'typeorm';

function run(exception: unknown, acceptLanguage = 'fr', alreadySent = false) {
  const sent: { status?: number; body?: Record<string, unknown>; headers: Record<string, string> } = { headers: {} };
  // The part of Fastify's reply the filter uses.
  const response = {
    sent: alreadySent,
    header(name: string, value: string) { sent.headers[name] = value; return this; },
    code(code: number) { sent.status = code; return this; },
    send(body: Record<string, unknown>) { sent.body = body; return this; },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ headers: { 'accept-language': acceptLanguage }, method: 'GET', url: '/api/x', id: 'r1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('HttpExceptionFilter', () => {
  it('leaves alone an answer already under way (a download cut short): nothing is written twice', () => {
    expect(run(new Error('stream broke'), 'fr', true)).toEqual({ headers: {} });
    expect(run(new Error('stream broke'), 'fr', false)).toMatchObject({ status: 500, body: { code: 'INTERNAL_ERROR' } });
  });

  it('maps an illegal state transition to 409 with a bilingual message', () => {
    const fr = run(new IllegalTransitionError('application', 'retained', 'withdraw'));
    expect(fr.status).toBe(409);
    expect(fr.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', message: 'Action « withdraw » impossible depuis l\'état « retained ».' });
    expect(run(new IllegalTransitionError('application', 'retained', 'withdraw'), 'en').body?.['message']).toBe('Action "withdraw" is not allowed from state "retained".');
  });

  it('localises domain field issues and formats cents as euros', () => {
    const res = run(AppException.validation([{ field: 'allocations', code: 'ALLOCATION_SUM_MISMATCH', message: '', params: { expectedCents: 100, actualCents: 150 } } as never]));
    expect(res.status).toBe(400);
    const details = res.body?.['details'] as Array<{ message: string }>;
    expect(details[0]?.message.replace(/[\u00a0\u202f]/g, ' ')).toBe("La somme des répartitions (1,50 €) doit être égale à l'enveloppe (1,00 €).");
  });

  it('never leaks an unexpected error: 500 with a generic message', () => {
    const res = run(new Error('secret stack detail'));
    expect(res.status).toBe(500);
    expect(JSON.stringify(res.body)).not.toMatch(/secret/);
  });

  it('tells an unknown route from a missing resource', () => {
    expect(run(new NotFoundException('Cannot GET /api/nope')).body?.['code']).toBe('ROUTE_NOT_FOUND');
  });

  it('maps a known unique key hit by a race to its own 409, any other to DUPLICATE_VALUE naming the column', () => {
    const pg = (constraint: string, detail: string) => new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505', constraint, detail }));
    expect(run(pg('uq_app_user_email', 'Key (email)=(a@b.fr) already exists.'))).toMatchObject({ status: 409, body: { code: 'EMAIL_TAKEN' } });
    expect(run(pg('uq_call_code', 'Key (code)=(AAP-X) already exists.'), 'en').body).toMatchObject({ code: 'CALL_CODE_TAKEN', message: 'A call already uses this code.' });
    const other = run(pg('uq_scoring_criterion_code', 'Key (call_id, code)=(4a1f…, C1) already exists.'));
    expect(other.status).toBe(409);
    expect(other.body).toMatchObject({ code: 'DUPLICATE_VALUE', message: 'Cette valeur est déjà utilisée.', details: [{ field: 'code', code: 'DUPLICATE_VALUE', message: 'déjà utilisé' }] });
    expect(JSON.stringify(other.body)).not.toContain('C1');
  });

  it('answers 503 with Retry-After when PostgreSQL cannot be reached, and only then', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
    const res = run(refused, 'en');
    expect(res).toMatchObject({ status: 503, body: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable.' }, headers: { 'Retry-After': '5' } });
    expect(isDatabaseUnreachable(new QueryFailedError('SELECT 1', [], Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' })))).toBe(true);
    expect(isDatabaseUnreachable(new QueryFailedError('SELECT 1', [], new Error('Connection terminated unexpectedly')))).toBe(true);
    expect(isDatabaseUnreachable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnreachable(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isDatabaseUnreachable(new QueryFailedError('SELECT 1', [], Object.assign(new Error('syntax'), { code: '42601' })))).toBe(false);
    expect(isDatabaseUnreachable(new Error('secret stack detail'))).toBe(false);
  });
});
