import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import type { OrganizationProfileInput, Territory } from '@tremplin/contracts';
import {
  isValidBic, isValidIban, isValidRna, isValidSiret, normalizeBic, normalizeIban, normalizeRna, normalizeSiret,
} from '@tremplin/domain';
import type { FieldIssue } from '../core/auth/password-policy';
import { AppException } from '../core/errors/app.exception';

/** The profile columns, checked and normalised. `iban: undefined` means "keep what is stored". */
export interface ProfileFields {
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
  iban: string | null | undefined;
  bic: string | null;
  website: string;
}

const blank = (value: string | undefined | null) => value === undefined || value === null || value.trim() === '';

/**
 * Identifier checks the DTO cannot do (checksums, from `@tremplin/domain`), each issue naming its field under
 * `prefix` (`organization.` at sign-up). IBAN: absent or the masked value shown to the user keeps the stored one.
 */
export function checkProfile(input: OrganizationProfileInput, prefix = ''): { fields: ProfileFields; issues: FieldIssue[] } {
  const issues: FieldIssue[] = [];
  const issue = (field: string, code: string) => issues.push({ field: `${prefix}${field}`, code, message: code });

  const siret = blank(input.siret) ? null : normalizeSiret(input.siret ?? '');
  if (siret !== null && !isValidSiret(siret)) issue('siret', 'SIRET_INVALID');
  const rna = blank(input.rna) ? null : normalizeRna(input.rna ?? '');
  if (rna !== null && !isValidRna(rna)) issue('rna', 'RNA_INVALID');
  if (siret === null && rna === null) {
    issue('siret', 'IDENTIFIER_REQUIRED');
    issue('rna', 'IDENTIFIER_REQUIRED');
  }

  let iban: string | null | undefined;
  if (input.iban === undefined || input.iban.includes('*')) iban = undefined;
  else if (blank(input.iban)) iban = null;
  else {
    iban = normalizeIban(input.iban);
    if (!isValidIban(iban)) issue('iban', 'IBAN_INVALID');
  }
  const bic = blank(input.bic) ? null : normalizeBic(input.bic ?? '');
  if (bic !== null && !isValidBic(bic)) issue('bic', 'BIC_INVALID');

  return {
    issues,
    fields: {
      legalName: input.legalName.trim(),
      siret,
      rna,
      legalForm: input.legalForm,
      addressLine: input.addressLine.trim(),
      postalCode: input.postalCode,
      city: input.city.trim(),
      territory: input.territory,
      legalRepName: input.legalRepName.trim(),
      legalRepFunction: input.legalRepFunction.trim(),
      contactName: input.contactName.trim(),
      phone: input.phone.trim(),
      iban,
      bic,
      website: (input.website ?? '').trim(),
    },
  };
}

/**
 * Two sign-ups with the same SIRET (or email) at the same instant both pass the first check; the unique index
 * stops the second, and the person gets the same 409 as if the check had seen it.
 */
export function conflictFromUniqueViolation(error: unknown): unknown {
  if (error instanceof QueryFailedError) {
    const pg = error.driverError as { code?: string; constraint?: string };
    if (pg.code === '23505' && pg.constraint === 'uq_organization_siret') return new AppException(HttpStatus.CONFLICT, 'SIRET_TAKEN');
    if (pg.code === '23505' && pg.constraint === 'uq_app_user_email') return new AppException(HttpStatus.CONFLICT, 'EMAIL_TAKEN');
  }
  return error;
}
