import { HttpStatus } from '@nestjs/common';
import { applyPayment, checkPayment, formatEuros, type InstallmentStatus } from '@tremplin/domain';
import type { EntityManager } from 'typeorm';
import { AppException } from '../core/errors/app.exception';
import { Payment } from './convention.entities';

export interface PaymentInput {
  installmentId: string;
  amountCents: number;
  /** ISO date the payment was ordered. */
  paidOn: string;
  mandateNumber: string;
  accountingReference: string;
  /** The request's Idempotency-Key header, if any. */
  idempotencyKey: string | null;
  createdBy: string;
}

export interface RecordedPayment {
  payment: Payment;
  /** True when the key had already recorded this payment: nothing new was written. */
  replayed: boolean;
}

interface LockedInstallment {
  id: string;
  conventionId: string;
  year: number;
  amountCents: string;
  paidCents: string;
  status: InstallmentStatus;
}

/**
 * Records one payment inside the caller's transaction (which also writes the audit event). Locks, in
 * the order every money path uses — installment, then its cell, then the convention year — so that
 * payments racing on the last euros of an installment pay once, and none deadlocks a signature.
 * With an idempotency key, a key already used for the same payment returns the first one unchanged.
 */
export async function recordPayment(manager: EntityManager, input: PaymentInput): Promise<RecordedPayment> {
  const [installment] = (await manager.query(
    `SELECT id, convention_id AS "conventionId", year, amount_cents AS "amountCents", paid_cents AS "paidCents", status::text AS status
       FROM installment WHERE id = $1 FOR UPDATE`,
    [input.installmentId],
  )) as LockedInstallment[];
  if (!installment) throw AppException.notFound();
  // Read after the lock: a concurrent request with the same key has committed by now, or has not started.
  if (input.idempotencyKey !== null) {
    const previous = await manager.findOne(Payment, { where: { idempotencyKey: input.idempotencyKey } });
    if (previous) {
      if (previous.installmentId !== input.installmentId || previous.amountCents !== input.amountCents) {
        throw AppException.conflict('IDEMPOTENCY_KEY_REUSED');
      }
      return { payment: previous, replayed: true };
    }
  }
  const [year] = (await manager.query(
    `SELECT ca.id AS "allocationId", cy.committed_cents AS "committedCents", cy.paid_cents AS "paidCents"
       FROM convention_year cy JOIN call_allocation ca ON ca.id = cy.allocation_id
      WHERE cy.convention_id = $1 AND cy.year = $2
      FOR UPDATE OF ca, cy`,
    [installment.conventionId, installment.year],
  )) as Array<{ allocationId: string; committedCents: string; paidCents: string }>;
  if (!year) throw AppException.notFound();
  const paymentInput = {
    amountCents: input.amountCents,
    installment: { amountCents: Number(installment.amountCents), paidCents: Number(installment.paidCents), status: installment.status },
    year: { committedCents: Number(year.committedCents), paidCents: Number(year.paidCents) },
  };
  const issues = checkPayment(paymentInput);
  const first = issues[0];
  if (first) {
    const remaining = Number(first.params?.['remainingCents'] ?? 0);
    throw new AppException(
      HttpStatus.CONFLICT, 'PAYMENT_REFUSED',
      { remainingFr: formatEuros(remaining, 'fr'), remainingEn: formatEuros(remaining, 'en') },
      issues.map((issue) => ({ field: issue.field, code: issue.code, message: issue.code, params: issue.params })),
    );
  }
  const outcome = applyPayment(paymentInput);
  const payment = await manager.save(
    manager.create(Payment, {
      installmentId: input.installmentId, conventionId: installment.conventionId, amountCents: input.amountCents, paidOn: input.paidOn,
      mandateNumber: input.mandateNumber, accountingReference: input.accountingReference, idempotencyKey: input.idempotencyKey, createdBy: input.createdBy,
    }),
  );
  await manager.query(`UPDATE installment SET paid_cents = $2, status = $3::installment_status, version = version + 1 WHERE id = $1`, [
    input.installmentId, outcome.installment.paidCents, outcome.installment.status,
  ]);
  await manager.query(`UPDATE call_allocation SET paid_cents = paid_cents + $2 WHERE id = $1`, [year.allocationId, input.amountCents]);
  await manager.query(`UPDATE convention_year SET paid_cents = paid_cents + $3 WHERE convention_id = $1 AND year = $2`, [
    installment.conventionId, installment.year, input.amountCents,
  ]);
  await manager.query(`UPDATE convention SET paid_cents = paid_cents + $2, updated_at = now(), version = version + 1 WHERE id = $1`, [
    installment.conventionId, input.amountCents,
  ]);
  return { payment, replayed: false };
}
