import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AllocationView } from '@tremplin/contracts';
import { centsTransformer } from '../core/database/cents.transformer';

/** A change of envelope or allocations after the structure lock, kept with its reason. */
@Entity({ name: 'budget_revision' })
export class BudgetRevision {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'revised_at', type: 'timestamptz' }) revisedAt!: Date;
  @Column({ name: 'revised_by', type: 'uuid' }) revisedBy!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'deliberation_reference', type: 'text', nullable: true }) deliberationReference!: string | null;
  @Column({ name: 'envelope_before_cents', type: 'bigint', transformer: centsTransformer }) envelopeBeforeCents!: number;
  @Column({ name: 'envelope_after_cents', type: 'bigint', transformer: centsTransformer }) envelopeAfterCents!: number;
  @Column({ name: 'allocations_before', type: 'jsonb' }) allocationsBefore!: AllocationView[];
  @Column({ name: 'allocations_after', type: 'jsonb' }) allocationsAfter!: AllocationView[];
}
