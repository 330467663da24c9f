import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login } from './support';

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
  await login(page, 'admin@demo.tremplin.fr');
  return page;
}

test('« Mot de passe oublié ? »: the link mailed (read in « Courriels ») sets a new password; then the person changes it signed in', async ({ page, browser, request }) => {
  test.setTimeout(420_000);
  // An account of its own: the demo accounts keep their password for the other specs.
  const email = `reset${Date.now()}@lenord.example`;
  const adminToken = (await (await request.post('/api/auth/login', { data: { email: 'admin@demo.tremplin.fr', password: DEMO_PASSWORD } })).json()).accessToken as string;
  const created = await request.post('/api/users', {
    headers: { Authorization: `Bearer ${adminToken}` },
    data: { email, fullName: 'Lucie Verhaeghe', role: 'reviewer', password: 'ancien mot de passe du beffroi' },
  });
  expect(created.status()).toBe(201);

  // 1. The request, from the login page, on a phone-sized screen
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mot de passe oublié' })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page, 'forgotten password');
  await page.locator('#reset-email').fill(email);
  await page.getByRole('button', { name: 'Envoyer le lien' }).click();
  await expect(page.getByTestId('reset-sent')).toContainText(`Si un compte utilise l’adresse ${email}, un lien vient d’y être envoyé.`);
  await expectNoAxeViolations(page, 'forgotten password (sent)');
  await page.setViewportSize({ width: 1280, height: 800 });

  // 2. The mail, in the admin outbox page (no SMTP in the demo)
  const admin = await adminPage(browser);
  await admin.goto('/admin/courriels');
  await admin.locator('#mails-to').fill(email);
  await expect(admin.locator('table button[aria-expanded]')).toHaveCount(1);
  await expect(admin.locator('table tbody')).toContainText('Réinitialisation du mot de passe');
  await admin.locator('table button[aria-expanded]').first().click();
  const href = await admin.getByTestId('mail-text').locator('a').first().getAttribute('href');
  expect(href).toMatch(/\/mot-de-passe\/nouveau\?token=[A-Za-z0-9_-]{43}$/);
  const link = new URL(href ?? '');

  // 3. The new password: the sign-up policy applies, then it works and the old one no longer does
  await page.goto(`${link.pathname}${link.search}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Choisir un nouveau mot de passe' })).toBeVisible();
  await expectNoAxeViolations(page, 'new password');
  await page.locator('#f-password').fill('motdepasse123');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.locator('tp-error-summary')).toContainText('Mot de passe trop facile à deviner');
  await expect(page.locator('tp-error-summary .summary')).toBeFocused();
  await page.locator('#f-password').fill('lanterne boréale sur la Deûle');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await page.waitForURL('**/connexion');
  await expect(page.getByText('Mot de passe modifié. Connectez-vous avec votre nouveau mot de passe.')).toBeVisible();

  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill('ancien mot de passe du beffroi');
  await page.getByRole('button', { name: /^se connecter$/i }).click();
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await login(page, email, 'lanterne boréale sur la Deûle');

  // 4. The same link a second time is spent
  const reuse = await request.post('/api/auth/password-reset/confirm', { data: { token: link.searchParams.get('token'), password: 'un autre mot de passe solide' } });
  expect(reuse.status()).toBe(400);

  // 5. Signed in: « Changer mon mot de passe » from the account menu (current password required)
  await page.getByRole('button', { name: /menu du compte/i }).click();
  await page.getByRole('menuitem', { name: 'Changer mon mot de passe' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Changer mon mot de passe' })).toBeVisible();
  await expectNoAxeViolations(page, 'change password');
  await page.locator('#f-currentPassword').fill('pas le bon mot de passe');
  await page.locator('#f-newPassword').fill('girafe parapluie tambour nordique');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.locator('tp-error-summary')).toContainText('Mot de passe actuel incorrect.');
  await page.locator('#f-currentPassword').fill('lanterne boréale sur la Deûle');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByTestId('password-changed').locator('p')).toHaveText('Mot de passe modifié. Vos autres sessions ont été fermées.');
  // Still signed in here, and the new password is the one that works.
  await expect(page.getByRole('button', { name: /menu du compte/i })).toBeVisible();
  const relogin = await request.post('/api/auth/login', { data: { email, password: 'girafe parapluie tambour nordique' } });
  expect(relogin.status()).toBe(200);
});
