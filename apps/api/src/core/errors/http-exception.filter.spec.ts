import type { ArgumentsHost } from '@nestjs/common';
import { NotFoundException } from '@nestjs/common';
import { IllegalTransitionError } from '@tremplin/domain';
import { AppException } from './app.exception';
import { HttpExceptionFilter } from './http-exception.filter';

function run(exception: unknown, acceptLanguage = 'fr') {
  const sent: { status?: number; body?: Record<string, unknown> } = {};
  const response = {
    setHeader: jest.fn(),
    status(code: number) { sent.status = code; return this; },
    json(body: Record<string, unknown>) { sent.body = body; },
  };
  const host = {
    switchToHttp: () => ({ getRequest: () => ({ headers: { 'accept-language': acceptLanguage }, method: 'GET', url: '/api/x', id: 'r1' }), getResponse: () => response }),
  } as unknown as ArgumentsHost;
  new HttpExceptionFilter().catch(exception, host);
  return sent;
}

describe('HttpExceptionFilter', () => {
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
});
