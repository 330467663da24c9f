import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { TERRITORIES, type Role } from '@tremplin/contracts';
import { isValidLuhn } from '@tremplin/domain';
import { AuditService } from '../core/audit/audit.service';
import { hashPassword } from '../core/auth/password';
import { CallsService } from '../calls/calls.service';
import { Call } from '../calls/call.entity';
import { Organization } from '../organizations/organization.entity';
import { User } from '../users/user.entity';
import { NORD_2016_CODE, nord2016Call, openDemoCall } from './nord-2016';
import { pick, seededRandom } from './random';

export const DEMO_PASSWORD = 'Tremplin-2016!';

export const DEMO_ACCOUNTS: ReadonlyArray<{ email: string; fullName: string; role: Role; organizationIndex?: number }> = [
  { email: 'admin@demo.tremplin.fr', fullName: 'Agnès Administratrice', role: 'admin' },
  { email: 'evaluateur@demo.tremplin.fr', fullName: 'Bruno Évaluateur', role: 'reviewer' },
  { email: 'evaluatrice@demo.tremplin.fr', fullName: 'Claire Évaluatrice', role: 'reviewer' },
  { email: 'finances@demo.tremplin.fr', fullName: 'David Finances', role: 'finance' },
  { email: 'association1@demo.tremplin.fr', fullName: 'Émilie Martin', role: 'association', organizationIndex: 0 },
  { email: 'association2@demo.tremplin.fr', fullName: 'Farid Benali', role: 'association', organizationIndex: 1 },
];

const CITIES: Record<string, Array<[string, string]>> = {
  AVESNOIS: [['Maubeuge', '59600'], ['Avesnes-sur-Helpe', '59440'], ['Fourmies', '59610']],
  CAMBRESIS: [['Cambrai', '59400'], ['Caudry', '59540'], ['Le Cateau-Cambrésis', '59360']],
  DOUAISIS: [['Douai', '59500'], ['Sin-le-Noble', '59450'], ['Somain', '59490']],
  FLANDRE_INTERIEURE: [['Hazebrouck', '59190'], ['Bailleul', '59270'], ['Armentières', '59280']],
  FLANDRE_MARITIME: [['Dunkerque', '59140'], ['Grande-Synthe', '59760'], ['Gravelines', '59820']],
  VALENCIENNOIS: [['Valenciennes', '59300'], ['Denain', '59220'], ['Anzin', '59410']],
  METROPOLE_LILLE: [['Lille', '59000'], ['Villeneuve-d’Ascq', '59650'], ['Lomme', '59160']],
  METROPOLE_ROUBAIX_TOURCOING: [['Roubaix', '59100'], ['Tourcoing', '59200'], ['Wattrelos', '59150']],
};
const NAME_STARTS = ['Association', 'Collectif', 'Maison', 'Réseau', 'Atelier', 'Comité', 'Union', 'Espace'];
const NAME_THEMES = ['Tremplin Emploi', 'Solidarité', 'Insertion et Partage', 'Mobilité Solidaire', 'Femmes Relais', 'Jardins de Cocagne', 'Parcours Santé', 'Entraide Familles', 'Logement Accompagné', 'Chantier Nature', 'Savoirs de Base', 'Médiation Sociale'];
const STREETS = ['rue de la République', 'rue Jean Jaurès', 'place du Général de Gaulle', 'rue Victor Hugo', 'boulevard de la Liberté', 'rue Pasteur'];

/** Appends a Luhn key so that generated SIRENs and SIRETs pass the same checks as real ones. */
function withLuhnKey(body: string): string {
  for (let d = 0; d <= 9; d++) if (isValidLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

export function demoSiret(random: () => number): string {
  const siren = withLuhnKey(String(Math.floor(random() * 1e8)).padStart(8, '0').replace(/^0/, '7'));
  return withLuhnKey(siren + String(Math.floor(random() * 1e4)).padStart(4, '0'));
}

/**
 * The demo: the Nord's 2016 call, an open call, organisations in the Nord's territories and one account
 * per role. Deterministic; does nothing when the 2016 call already exists.
 */
export async function seedDemo(dataSource: DataSource, options: { scale: number }): Promise<void> {
  const logger = new Logger('Seed');
  if (await dataSource.getRepository(Call).exists({ where: { code: NORD_2016_CODE } })) {
    logger.log('Demo data already present: nothing to seed');
    return;
  }
  const started = Date.now();
  const random = seededRandom(2016);
  const audit = new AuditService(dataSource);
  const calls = new CallsService(dataSource, audit);
  await calls.create(null, nord2016Call());
  await calls.create(null, openDemoCall(new Date()));

  const organizationCount = 12 * options.scale;
  const organizations: Array<Partial<Organization>> = [];
  const usedSirets = new Set<string>();
  for (let i = 0; i < organizationCount; i++) {
    const territory = TERRITORIES[i % TERRITORIES.length] ?? 'METROPOLE_LILLE';
    const [city, postalCode] = pick(random, CITIES[territory] ?? [['Lille', '59000']]);
    let siret = demoSiret(random);
    while (usedSirets.has(siret)) siret = demoSiret(random);
    usedSirets.add(siret);
    organizations.push({
      legalName: `${pick(random, NAME_STARTS)} ${pick(random, NAME_THEMES)} ${city}`,
      siret,
      rna: `W59${String(Math.floor(random() * 1e7)).padStart(7, '0')}`,
      territory,
      addressLine: `${1 + Math.floor(random() * 120)} ${pick(random, STREETS)}`,
      postalCode,
      city,
    });
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await dataSource.transaction(async (manager) => {
    const { identifiers } = await manager.insert(Organization, organizations);
    const organizationIds = identifiers.map((row) => String(row['id']));
    for (const account of DEMO_ACCOUNTS) {
      const organizationId = account.organizationIndex === undefined ? null : (organizationIds[account.organizationIndex] ?? null);
      await manager.insert(User, {
        email: account.email, fullName: account.fullName, role: account.role, passwordHash,
        organizationId, active: true, emailVerifiedAt: new Date(),
      });
    }
    await audit.record(manager, null, {
      action: 'demo.seeded', entityType: 'system', entityId: null,
      diff: { scale: { before: null, after: options.scale }, organizations: { before: null, after: organizationCount } },
    });
  });
  logger.log(`Demo seeded at scale ${options.scale} in ${Date.now() - started} ms (${organizationCount} organisations, ${DEMO_ACCOUNTS.length} accounts)`);
}
