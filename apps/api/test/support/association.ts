import { randomInt } from 'node:crypto';
import type { TestApp } from './test-app';

/** A strong password that no rule of the sign-up refuses. */
export const STRONG_PASSWORD = 'girafe-parapluie-tambour-59';

/** A SIRET with a valid Luhn key, random enough that tests running side by side never collide. */
export function randomSiret(): string {
  const body = `7${String(randomInt(0, 1e6)).padStart(6, '0')}${String(randomInt(0, 1e6)).padStart(6, '0')}`;
  for (let check = 0; check <= 9; check++) {
    const candidate = `${body}${check}`;
    let sum = 0;
    for (let i = 0; i < 14; i++) {
      const digit = Number(candidate.charAt(13 - i));
      const value = i % 2 === 1 ? digit * 2 : digit;
      sum += value > 9 ? value - 9 : value;
    }
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

export function organizationInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    legalName: 'Les Jardins du Cambrésis',
    siret: randomSiret(),
    legalForm: 'association_1901',
    addressLine: '12 rue des Liniers',
    postalCode: '59400',
    city: 'Cambrai',
    territory: 'CAMBRESIS',
    legalRepName: 'Jeanne Lefebvre',
    legalRepFunction: 'Présidente',
    contactName: 'Karim Benali',
    phone: '03 27 00 00 00',
    iban: 'FR76 3000 6000 0112 3456 7890 189',
    bic: 'AGRIFRPP',
    website: 'https://jardins-cambresis.example.org',
    ...overrides,
  };
}

let counter = 0;
export function registerBody(overrides: Record<string, unknown> = {}, organization: Record<string, unknown> = {}): Record<string, unknown> {
  counter++;
  return {
    email: `porteur-${Date.now()}-${counter}@jardins.example.org`,
    fullName: 'Karim Benali',
    password: STRONG_PASSWORD,
    organization: organizationInput(organization),
    ...overrides,
  };
}

export interface Registered {
  email: string;
  token: string;
  userId: string;
  organizationId: string;
}

/** Signs a new association up and returns its admin member's session. */
export async function registerAssociation(t: TestApp, overrides: Record<string, unknown> = {}, organization: Record<string, unknown> = {}): Promise<Registered> {
  const body = registerBody(overrides, organization);
  const res = await t.http.post('/api/auth/register').send(body);
  if (res.status !== 201) throw new Error(`register → ${res.status} ${JSON.stringify(res.body)}`);
  const user = res.body.user as { id: string; organizationId: string };
  return { email: String(body['email']), token: String(res.body.accessToken), userId: user.id, organizationId: user.organizationId };
}

/** The token in the link of the newest mail of this kind to this address (what the person would click). */
export async function tokenFromMail(t: TestApp, to: string, kind: string, path: string): Promise<string> {
  const [mail] = await t.sql<{ text_body: string }>(
    `SELECT text_body FROM outbox_mail WHERE to_address = $1 AND kind = $2 ORDER BY created_at DESC, id DESC LIMIT 1`,
    [to, kind],
  );
  const match = new RegExp(`/${path}\\?token=([A-Za-z0-9_-]+)`).exec(mail?.text_body ?? '');
  if (!match?.[1]) throw new Error(`no ${kind} link mailed to ${to}`);
  return match[1];
}
