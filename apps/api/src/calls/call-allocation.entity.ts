import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../core/database/cents.transformer';
import { Call } from './call.entity';

/** The envelope's share for one axis and one year. */
@Entity({ name: 'call_allocation' })
export class CallAllocation {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' }) callId!: string;
  @PrimaryColumn({ name: 'axis_id', type: 'uuid' }) axisId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @ManyToOne(() => Call, (call) => call.allocations, { onDelete: 'CASCADE' }) @JoinColumn({ name: 'call_id' }) call?: Call;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
  /** Stable id that convention years reference: the cell is updated in place, never re-inserted. */
  @Column({ type: 'uuid', insert: false, update: false, default: () => 'gen_random_uuid()' }) id!: string;
  /**
   * Totals kept by the commitment and payment transactions (SQL increments on the locked row), never
   * written through the ORM; the database CHECKs paid ≤ committed ≤ amount.
   */
  @Column({ name: 'committed_cents', type: 'bigint', transformer: centsTransformer, insert: false, update: false, default: 0 }) committedCents!: number;
  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer, insert: false, update: false, default: 0 }) paidCents!: number;
}
