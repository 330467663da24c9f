import { IsISO8601, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export interface AuditEventView {
  id: string;
  seq: number;
  occurredAt: string;
  actorId: string | null;
  actorEmail: string | null;
  actorRole: string | null;
  /** The actor's full name, resolved with the page. */
  actorName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  /** What people call the entity: reference and title, code and title, name and email…; null when gone or unnamed. */
  entityLabel: string | null;
  diff: Record<string, { before: unknown; after: unknown }> | null;
  requestId: string | null;
  hash: string;
}

export class AuditQuery {
  @IsOptional() @IsString() @MaxLength(100) action?: string;
  @IsOptional() @IsString() @MaxLength(60) entityType?: string;
  @IsOptional() @IsString() @MaxLength(60) entityId?: string;
  @IsOptional() @IsString() @MaxLength(254) actor?: string;
  @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

export interface AuditVerification {
  valid: boolean;
  checked: number;
  /** First event whose hash or link does not match, when the chain is broken. */
  firstBrokenSeq: number | null;
  reason: string | null;
}
