import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from './support';

test('the committee opens a session on an axis and follows the projected use of its allocations (desktop and 390 px)', async ({ page }) => {
  // Three axe passes on a shared machine.
  test.setTimeout(240_000);
  const calls = (await (await page.request.get('/api/calls')).json()) as Array<{ id: string; code: string }>;
  const call = calls.find((c) => c.code === 'AAP-NORD-2016');
  expect(call).toBeDefined();
  await login(page, 'admin@demo.tremplin.fr');
  await page.goto(`/comite/${call?.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comité de sélection');
  await expect(page.getByRole('heading', { name: 'Ouvrir une séance' })).toBeVisible();
  await expectNoAxeViolations(page, 'committee page, no session');

  await page.locator('#session-sits-on').fill('2016-03-21');
  await page.locator('#session-deliberation').fill('CP 2016-03-21 n° 12');
  await page.getByRole('button', { name: 'Ouvrir une séance' }).click();
  await expect(page.locator('#session-title')).toHaveText(/Séance du 2016-03-21 — délibération CP 2016-03-21 n° 12/);
  const rows = page.getByTestId('projected-use').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(page.getByRole('button', { name: 'Publier les décisions' })).toBeVisible();
  // Decisions are taken from the ranking: its rows get the actions column and the selection boxes.
  const ranking = page.getByTestId('ranking-table');
  await expect(ranking.getByRole('columnheader', { name: 'Actions' })).toBeVisible();
  await expect(ranking.getByRole('checkbox', { name: 'Sélectionner les candidatures décidables de la page' })).toBeAttached();
  await expect(page.getByTestId('decide-selection')).toBeDisabled();
  await expectNoAxeViolations(page, 'committee page, open session');

  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.locator('#session-title')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page, 'committee page at 390 px');
});

test('an association is refused the committee page', async ({ page }) => {
  await login(page, 'association1@demo.tremplin.fr');
  await page.goto('/comite/00000000-0000-4000-8000-000000000000');
  await expect(page).toHaveURL(/\/acces-refuse$/);
});
