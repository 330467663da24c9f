import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login } from './support';

test('after login each role lands on its work: the association on « Mes candidatures », the admin on the applications list', async ({ page, browser }) => {
  await login(page, 'association1@demo.tremplin.fr');
  await expect(page).toHaveURL(/\/candidatures$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes candidatures');

  const admin = await (await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
  await login(admin, 'admin@demo.tremplin.fr');
  await expect(admin).toHaveURL(/\/instruction$/);
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Candidatures');
});

test('an anonymous visitor applies from an open call: login first, then a new application on that call', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: /Voir le détail.*— démonstration/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('démonstration');
  const callUrl = page.url();
  const callId = callUrl.split('/appels/')[1] ?? '';
  const apply = page.getByRole('link', { name: 'Déposer une candidature' });
  await expect(apply).toBeVisible();
  await expectNoAxeViolations(page, 'open call, anonymous');
  await apply.click();
  await expect(page).toHaveURL(/\/connexion\?returnUrl=/);
  // The login page offers the sign-up with the same way back.
  await expect(page.getByRole('link', { name: 'Créer un compte association' })).toHaveAttribute(
    'href',
    `/inscription?returnUrl=${encodeURIComponent(`/candidatures?appel=${callId}`)}`,
  );
  await page.locator('#login-email').fill('association2@demo.tremplin.fr');
  await page.locator('#login-password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /^se connecter$/i }).click();
  await expect(page).toHaveURL(new RegExp(`/candidatures\\?appel=${callId}$`));
  // The new application form has that call chosen already.
  await expect(page.locator('#new-callId')).toContainText('AAP-NORD-2027');
});

test('the footer leads to the legal notice, the privacy notice and the contact page, in French and in English', async ({ page }) => {
  await page.goto('/');
  const footer = page.getByRole('contentinfo');
  await footer.getByRole('link', { name: 'Mentions légales' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mentions légales');
  await expect(page.locator('main')).toContainText('Département du Nord');
  await expect(page.locator('main')).toContainText('51 rue Gustave Delory');
  await expect(page).toHaveTitle(/Mentions légales/);
  await expectNoAxeViolations(page, 'legal notice');

  await footer.getByRole('link', { name: 'Données personnelles' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Données personnelles');
  const privacy = page.locator('main');
  for (const text of ['SIRET', 'IBAN', 'représentant légal', 'personne à contacter', 'journal d\'audit', "mission d'intérêt public", 'Délégué à la protection des données', 'CNIL', 'rectification', 'effacement', 'limitation', 'opposition', '10 ans']) {
    await expect(privacy).toContainText(text);
  }
  await expectNoAxeViolations(page, 'privacy notice');

  await footer.getByRole('link', { name: 'Contact' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact');
  await expect(page.getByRole('link', { name: 'contact@demo.tremplin.fr' })).toHaveAttribute('href', 'mailto:contact@demo.tremplin.fr');
  await expectNoAxeViolations(page, 'contact');

  await page.getByRole('button', { name: /EN/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Contact');
  await footer.getByRole('link', { name: 'Personal data' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Personal data');
  await expect(page.locator('main')).toContainText('public interest');
  await expect(page.locator('main')).toContainText('lodge a complaint');
  await expectNoAxeViolations(page, 'privacy notice in English');
  await footer.getByRole('link', { name: 'Legal notice' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Legal notice');
  await expectNoAxeViolations(page, 'legal notice in English');
  await page.getByRole('button', { name: /FR/ }).click();
});
