import { Column, Entity, PrimaryColumn } from 'typeorm';
import { centsTransformer } from '../core/database/cents.transformer';

/** The amount requested for one year in the last submitted version (rankings sum these in SQL). */
@Entity({ name: 'application_request' })
export class ApplicationRequest {
  @PrimaryColumn({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
}
