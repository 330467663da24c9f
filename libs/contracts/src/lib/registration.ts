import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsObject, IsOptional, IsString, Matches, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAIL_KINDS, type MailKind } from './kinds';
import { TEXT_LIMITS } from './limits';
import { normalizeEmail } from './auth';
import { TERRITORIES, type Territory } from './organizations';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const LEGAL_FORMS = ['association_1901', 'association_1908', 'fondation', 'scic', 'sarl_ess', 'autre'] as const;

export class OrganizationProfileInput {
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.label) legalName!: string;
  /** 14 digits, checked with its Luhn key (La Poste exception) by the server. */
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.replace(/\s/g, '') || undefined : value)) @Matches(/^\d{14}$/) siret?: string;
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.trim().toUpperCase() || undefined : value)) @IsString() @MaxLength(10) rna?: string;
  @IsIn(LEGAL_FORMS) legalForm!: string;
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.label) addressLine!: string;
  @Matches(/^\d{5}$/) postalCode!: string;
  @Transform(trim) @IsString() @MinLength(1) @MaxLength(120) city!: string;
  @IsIn(TERRITORIES) territory!: Territory;
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.personName) legalRepName!: string;
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.personName) legalRepFunction!: string;
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.personName) contactName!: string;
  @Matches(/^[+0-9 ().-]{6,20}$/) phone!: string;
  @IsOptional() @IsString() @MaxLength(40) iban?: string;
  @IsOptional() @IsString() @MaxLength(11) bic?: string;
  @IsOptional() @IsString() @MaxLength(300) @Matches(/^(https?:\/\/\S+)?$/) website?: string;
}

export class RegisterRequest {
  @Transform(normalizeEmail) @IsEmail() @MaxLength(TEXT_LIMITS.email) email!: string;
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.fullName) fullName!: string;
  @IsString() @MinLength(12) @MaxLength(TEXT_LIMITS.password) password!: string;
  @IsObject() @ValidateNested() @Type(() => OrganizationProfileInput) organization!: OrganizationProfileInput;
}

/**
 * The whole profile, as at sign-up, with the `version` it was read at. IBAN: absent keeps the stored one (the
 * view only shows it masked), '' removes it.
 */
export class UpdateOrganizationRequest extends OrganizationProfileInput {
  @Type(() => Number) @IsInt() @Min(1) version!: number;
}

export class VerifyEmailRequest {
  @IsString() @MinLength(20) @MaxLength(200) token!: string;
}

export class InviteMemberRequest {
  @Transform(normalizeEmail) @IsEmail() @MaxLength(TEXT_LIMITS.email) email!: string;
}

export class AcceptInvitationRequest {
  @IsString() @MinLength(20) @MaxLength(200) token!: string;
  @Transform(trim) @IsString() @MinLength(2) @MaxLength(TEXT_LIMITS.fullName) fullName!: string;
  @IsString() @MinLength(12) @MaxLength(TEXT_LIMITS.password) password!: string;
}

export interface OrganizationProfileView {
  id: string;
  legalName: string;
  siret: string | null;
  rna: string | null;
  legalForm: string;
  addressLine: string;
  postalCode: string;
  city: string;
  territory: Territory;
  legalRepName: string;
  legalRepFunction: string;
  contactName: string;
  phone: string;
  /** Masked after saving: only the country, check digits and last four characters show. */
  ibanMasked: string | null;
  bic: string | null;
  website: string;
  version: number;
  members: Array<{ id: string; email: string; fullName: string; isAdmin: boolean; verified: boolean }>;
  /** Invitations sent and not yet accepted nor expired (shown to everyone in the organisation). */
  pendingInvitations: InvitationView[];
}

export class SetMemberAdminRequest {
  @IsBoolean() isAdmin!: boolean;
}

export interface InvitationView {
  id: string;
  email: string;
  createdAt: string;
  expiresAt: string;
}

export class ListMailsQuery {
  @IsOptional() @IsString() @MaxLength(TEXT_LIMITS.email) to?: string;
  @IsOptional() @IsIn(MAIL_KINDS) kind?: MailKind;
  @IsOptional() @Matches(/^\d{1,6}$/) page?: string;
  @IsOptional() @Matches(/^\d{1,3}$/) pageSize?: string;
}

export interface OutboxMailView {
  id: string;
  to: string;
  subject: string;
  text: string;
  kind: string;
  createdAt: string;
  sentAt: string | null;
  attempts: number;
  /** When the worker will try (again), while not sent. */
  nextAttemptAt: string;
  lastError: string | null;
}
