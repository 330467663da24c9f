import type { AssociationSignatureMethod, ConventionStatus, InstallmentKind, InstallmentStatus } from '@tremplin/domain';
import { CONVENTION_STATUSES, INSTALLMENT_STATUSES } from '@tremplin/domain';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { centsTransformer } from '../core/database/cents.transformer';

/** Per-call counter row, locked FOR UPDATE when a convention number is drawn (gap-free numbers). */
@Entity({ name: 'convention_counter' })
export class ConventionCounter {
  @PrimaryColumn({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'last_sequence', type: 'int', default: 0 }) lastSequence!: number;
}

/** The multi-year agreement of a retained application; its lifecycle is `conventionLifecycle` in libs/domain. */
@Entity({ name: 'convention' })
export class Convention {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'call_id', type: 'uuid' }) callId!: string;
  @Column({ name: 'application_id', type: 'uuid' }) applicationId!: string;
  @Column({ name: 'organization_id', type: 'uuid' }) organizationId!: string;
  @Column({ type: 'text' }) number!: string;
  @Column({ type: 'enum', enumName: 'convention_status', enum: CONVENTION_STATUSES, default: 'draft' }) status!: ConventionStatus;
  @Column({ name: 'document_version', type: 'int', default: 1 }) documentVersion!: number;
  @Column({ name: 'total_cents', type: 'bigint', transformer: centsTransformer }) totalCents!: number;
  /** Changed only by the payment transaction, with the installment and the cell locked. */
  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer, default: 0 }) paidCents!: number;
  /** Null until first rendered (seeded conventions): read it through `ensureConventionDocument`. */
  @Column({ name: 'document_storage_key', type: 'text', nullable: true }) documentStorageKey!: string | null;
  @Column({ name: 'document_sha256', type: 'char', length: 64, nullable: true }) documentSha256!: string | null;
  @Column({ name: 'signed_document_storage_key', type: 'text', nullable: true }) signedDocumentStorageKey!: string | null;
  @Column({ name: 'signed_document_sha256', type: 'char', length: 64, nullable: true }) signedDocumentSha256!: string | null;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'association_signer_id', type: 'uuid', nullable: true }) associationSignerId!: string | null;
  @Column({ name: 'association_signer_name', type: 'text', nullable: true }) associationSignerName!: string | null;
  @Column({ name: 'association_signed_at', type: 'timestamptz', nullable: true }) associationSignedAt!: Date | null;
  @Column({ name: 'association_signature_method', type: 'text', nullable: true }) associationSignatureMethod!: AssociationSignatureMethod | null;
  @Column({ name: 'association_scan_storage_key', type: 'text', nullable: true }) associationScanStorageKey!: string | null;
  @Column({ name: 'association_scan_sha256', type: 'char', length: 64, nullable: true }) associationScanSha256!: string | null;
  @Column({ name: 'department_signer_id', type: 'uuid', nullable: true }) departmentSignerId!: string | null;
  @Column({ name: 'department_signer_name', type: 'text', nullable: true }) departmentSignerName!: string | null;
  @Column({ name: 'deliberation_reference', type: 'text', nullable: true }) deliberationReference!: string | null;
  @Column({ name: 'department_signed_at', type: 'timestamptz', nullable: true }) departmentSignedAt!: Date | null;
  @Column({ name: 'activated_at', type: 'timestamptz', nullable: true }) activatedAt!: Date | null;
  @Column({ name: 'closed_at', type: 'timestamptz', nullable: true }) closedAt!: Date | null;
  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt!: Date | null;
  @Column({ name: 'termination_reason', type: 'text', nullable: true }) terminationReason!: string | null;
  @Column({ name: 'recovery_cents', type: 'bigint', transformer: centsTransformer, nullable: true }) recoveryCents!: number | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** One year of a convention, tied to the axis × year allocation cell it is committed against. */
@Entity({ name: 'convention_year' })
export class ConventionYear {
  @PrimaryColumn({ name: 'convention_id', type: 'uuid' }) conventionId!: string;
  @PrimaryColumn({ type: 'int' }) year!: number;
  @Column({ name: 'allocation_id', type: 'uuid' }) allocationId!: string;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
  /** Set at the Département's signature (and by amendments), in the transaction that locks the cell. */
  @Column({ name: 'committed_cents', type: 'bigint', transformer: centsTransformer, default: 0 }) committedCents!: number;
  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer, default: 0 }) paidCents!: number;
  /** The single entry point the yearly-report workflow plugs into: the balance becomes due once set. */
  @Column({ name: 'report_approved_at', type: 'timestamptz', nullable: true }) reportApprovedAt!: Date | null;
  @Column({ name: 'report_approved_by', type: 'uuid', nullable: true }) reportApprovedBy!: string | null;
}

/** A signed change to a convention (avenant): a new document version with its reason and diff. */
@Entity({ name: 'convention_amendment' })
export class ConventionAmendment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'convention_id', type: 'uuid' }) conventionId!: string;
  @Column({ name: 'version_no', type: 'int' }) versionNo!: number;
  @Column({ type: 'text' }) reason!: string;
  @Column({ type: 'jsonb' }) diff!: Record<string, unknown>;
  @Column({ name: 'document_storage_key', type: 'text' }) documentStorageKey!: string;
  @Column({ name: 'document_sha256', type: 'char', length: 64 }) documentSha256!: string;
  @Column({ name: 'association_signed_at', type: 'timestamptz', nullable: true }) associationSignedAt!: Date | null;
  @Column({ name: 'department_signed_at', type: 'timestamptz', nullable: true }) departmentSignedAt!: Date | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
}

/** One scheduled payment (échéance): the year's advance or its balance; lifecycle `installmentLifecycle`. */
@Entity({ name: 'installment' })
export class Installment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'convention_id', type: 'uuid' }) conventionId!: string;
  @Column({ type: 'int' }) year!: number;
  @Column({ type: 'text' }) kind!: InstallmentKind;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
  @Column({ name: 'due_on', type: 'date' }) dueOn!: string;
  @Column({ type: 'enum', enumName: 'installment_status', enum: INSTALLMENT_STATUSES, default: 'planned' }) status!: InstallmentStatus;
  @Column({ name: 'paid_cents', type: 'bigint', transformer: centsTransformer, default: 0 }) paidCents!: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'int', default: 1 }) version!: number;
}

/** A payment actually ordered (mandatement), recorded once per Idempotency-Key. */
@Entity({ name: 'payment' })
export class Payment {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'installment_id', type: 'uuid' }) installmentId!: string;
  @Column({ name: 'convention_id', type: 'uuid' }) conventionId!: string;
  @Column({ name: 'amount_cents', type: 'bigint', transformer: centsTransformer }) amountCents!: number;
  @Column({ name: 'paid_on', type: 'date' }) paidOn!: string;
  @Column({ name: 'mandate_number', type: 'text' }) mandateNumber!: string;
  @Column({ name: 'accounting_reference', type: 'text' }) accountingReference!: string;
  @Column({ name: 'idempotency_key', type: 'text', nullable: true }) idempotencyKey!: string | null;
  @Column({ name: 'created_by', type: 'uuid' }) createdBy!: string;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
