import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login, navLinks } from './support';

const cases = [
  { email: 'admin@demo.tremplin.fr', sees: ['Appels à projets', 'Gérer les appels', 'Comptes', "Journal d'audit"], not: ['Mon organisation'], pages: ['/admin/appels', '/admin/comptes', '/audit'] },
  { email: 'finances@demo.tremplin.fr', sees: ['Appels à projets', "Journal d'audit"], not: ['Gérer les appels', 'Comptes', 'Mon organisation'], pages: ['/audit'] },
  { email: 'evaluateur@demo.tremplin.fr', sees: ['Appels à projets'], not: ['Gérer les appels', 'Comptes', "Journal d'audit", 'Mon organisation'], pages: [] },
  { email: 'association1@demo.tremplin.fr', sees: ['Appels à projets', 'Mon organisation'], not: ['Gérer les appels', 'Comptes', "Journal d'audit"], pages: ['/mon-organisation'] },
];

for (const role of cases) {
  test(`${role.email} logs in and sees its navigation`, async ({ page }) => {
    await login(page, role.email);
    const links = await navLinks(page);
    for (const label of role.sees) expect(links).toContain(label);
    for (const label of role.not) expect(links).not.toContain(label);
    await expectNoAxeViolations(page, `${role.email} landing`);
    for (const path of role.pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, `${role.email} ${path}`);
    }
  });
}

test('a reviewer sent to an admin page is refused, and a signed-out visitor is sent to the login page', async ({ page }) => {
  await page.goto('/admin/comptes');
  await expect(page).toHaveURL(/\/connexion/);
  await login(page, 'evaluateur@demo.tremplin.fr');
  await page.goto('/admin/comptes');
  // Refused while still signed in: the access-denied page, not the login page of a lost session.
  await expect(page).toHaveURL(/\/acces-refuse$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Accès refusé');
  expect(await navLinks(page)).not.toContain('Se connecter');
  await expectNoAxeViolations(page, 'access denied');
});

test('the audit page verifies the chain', async ({ page }) => {
  await login(page, 'admin@demo.tremplin.fr');
  await page.goto('/audit');
  await expect(page.getByRole('table')).toBeVisible();
  await page.getByRole('button', { name: /vérifier l.intégrité/i }).click();
  await expect(page.getByText(/^Journal intègre : [\d\s\u00a0\u202f]+ événements vérifiés\.$/)).toBeVisible();
  await expect(page.getByText(/Chaîne rompue/)).toHaveCount(0);
  await expectNoAxeViolations(page, 'audit verified');
});
