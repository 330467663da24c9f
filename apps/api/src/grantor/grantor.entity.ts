import { Column, Entity, PrimaryColumn, UpdateDateColumn, VersionColumn } from 'typeorm';

/** Who grants: the one row (id 1) that mails, receipts and, next, conventions and open data name. */
@Entity({ name: 'grantor' })
export class Grantor {
  @PrimaryColumn({ type: 'smallint' }) id!: number;
  @Column({ type: 'text' }) name!: string;
  @Column({ type: 'char', length: 14 }) siret!: string;
  @Column({ type: 'text' }) address!: string;
  @Column({ name: 'president_name', type: 'text' }) presidentName!: string;
  @Column({ name: 'president_title', type: 'text' }) presidentTitle!: string;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @VersionColumn() version!: number;
}
