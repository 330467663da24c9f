import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

@Entity({ name: 'organization' })
export class Organization {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @Column({ name: 'legal_name', type: 'text' }) legalName!: string;
  @Column({ type: 'char', length: 14, nullable: true }) siret!: string | null;
  @Column({ type: 'char', length: 10, nullable: true }) rna!: string | null;
  @Column({ type: 'text' }) territory!: string;
  @Column({ name: 'address_line', type: 'text', default: '' }) addressLine!: string;
  @Column({ name: 'postal_code', type: 'text', default: '' }) postalCode!: string;
  @Column({ type: 'text', default: '' }) city!: string;
  @Column({ name: 'legal_form', type: 'text', default: 'association_1901' }) legalForm!: string;
  @Column({ name: 'legal_rep_name', type: 'text', default: '' }) legalRepName!: string;
  @Column({ name: 'legal_rep_function', type: 'text', default: '' }) legalRepFunction!: string;
  @Column({ name: 'contact_name', type: 'text', default: '' }) contactName!: string;
  @Column({ type: 'text', default: '' }) phone!: string;
  @Column({ type: 'text', nullable: true }) iban!: string | null;
  @Column({ type: 'text', nullable: true }) bic!: string | null;
  @Column({ type: 'text', default: '' }) website!: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
