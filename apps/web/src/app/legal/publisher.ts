/**
 * The publisher of the portal: the Département that runs it. The demo's is the Département du Nord;
 * another Département changes these lines (the granting body record in the API is configured apart).
 */
export const PUBLISHER = {
  name: 'Département du Nord',
  street: '51 rue Gustave Delory',
  city: '59047 Lille Cedex',
  contactEmail: 'contact@demo.tremplin.fr',
  dpoEmail: 'dpo@demo.tremplin.fr',
} as const;
