/** The Nord's territories (where a project acts). */
export const TERRITORIES = [
  'AVESNOIS',
  'CAMBRESIS',
  'DOUAISIS',
  'FLANDRE_INTERIEURE',
  'FLANDRE_MARITIME',
  'VALENCIENNOIS',
  'METROPOLE_LILLE',
  'METROPOLE_ROUBAIX_TOURCOING',
] as const;
export type Territory = (typeof TERRITORIES)[number];

export const TERRITORY_LABELS: Record<Territory, string> = {
  AVESNOIS: 'Avesnois',
  CAMBRESIS: 'Cambrésis',
  DOUAISIS: 'Douaisis',
  FLANDRE_INTERIEURE: 'Flandre intérieure',
  FLANDRE_MARITIME: 'Flandre maritime',
  VALENCIENNOIS: 'Valenciennois',
  METROPOLE_LILLE: 'Métropole Lille',
  METROPOLE_ROUBAIX_TOURCOING: 'Métropole Roubaix-Tourcoing',
};

export interface OrganizationView {
  id: string;
  legalName: string;
  siret: string | null;
  rna: string | null;
  territory: string;
  addressLine: string;
  postalCode: string;
  city: string;
}
