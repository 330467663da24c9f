import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, normalizeSpaces } from './support';

test.describe('public pages', () => {
  test('the home page shows the decided 2016 call with its five axes and €74.3M, and the open demo call', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appels à projets');
    const nord = page.locator('mat-card, article, section').filter({ hasText: 'AAP-NORD-2016' }).first();
    await expect(nord).toBeVisible();
    await expect(nord).toContainText('Appel 2016 — décidé');
    const text = normalizeSpaces(await nord.innerText());
    expect(text).toContain('74 300 000 €');
    for (const axis of ['Médiation', 'Innovation', 'Remobilisation professionnelle', "Levée des freins à l'emploi", 'Accompagnement social']) {
      expect(text).toContain(axis);
    }
    await expect(page.getByText('Appel ouvert — démo').first()).toBeVisible();
    await expect(page).toHaveTitle(/Tremplin/);
    await expectNoAxeViolations(page, 'home');
  });

  test('a call page shows the allocation table and the grid', async ({ page }) => {
    await page.goto('/');
    await page.getByRole('link', { name: /Voir le détail.*2016/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('2016');
    await expect(page.getByRole('table').first()).toBeVisible();
    await expect(page.getByText('Pertinence au regard des besoins du territoire')).toBeVisible();
    await expectNoAxeViolations(page, 'call detail');
  });

  test('the language switch turns the interface to English and is remembered', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.getByRole('button', { name: /EN/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls for projects');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    expect(normalizeSpaces(await page.locator('body').innerText())).toContain('€74,300,000');
    await page.reload();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calls for projects');
    await expectNoAxeViolations(page, 'home in English');
    await page.getByRole('button', { name: /FR/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appels à projets');
  });

  test('login, accessibility statement and not-found pages are accessible', async ({ page }) => {
    await page.goto('/connexion');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, 'login');
    await page.goto('/accessibilite');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Déclaration d.accessibilité/);
    await expect(page.getByText(/non encore audité|pas encore été audité/i).first()).toBeVisible();
    await expectNoAxeViolations(page, 'accessibility statement');
    await page.goto('/nulle-part');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
    await expect(page.getByText("L'adresse demandée ne correspond à aucune page de Tremplin.")).toBeVisible();
    await expect(page).toHaveTitle(/Page introuvable/);
    await expectNoAxeViolations(page, 'not found');
  });

  test('the skip link is the first thing the keyboard reaches and moves focus to the content', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: /aller au contenu/i });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
  });

  test('a wrong password shows an alert and no session', async ({ page }) => {
    await page.goto('/connexion');
    await page.locator('#login-email').fill('admin@demo.tremplin.fr');
    await page.locator('#login-password').fill('pas-le-bon-mot-de-passe');
    await page.getByRole('button', { name: /^se connecter$/i }).click();
    await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  });
});
