import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, login, normalizeSpaces } from './support';

/** The dashboard has loaded the budget of the 2016 call and drawn both charts (ECharts from its lazy chunk). */
async function dashboardReady(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord financier' })).toBeVisible();
  await expect(page.locator('#finance-call')).toContainText('AAP-NORD-2016');
  await expect(page.getByTestId('finance-cells')).toBeVisible();
  await expect(page.locator('[data-testid="finance-axis-chart"] canvas')).toHaveCount(1);
  await expect(page.locator('[data-testid="finance-monthly-chart"] canvas')).toHaveCount(1);
}

test('finance reads the dashboard of the 2016 call: totals, cells leading to their conventions, charts, CSV', async ({ page }) => {
  test.setTimeout(180_000); // a login, the lazy ECharts chunk, an axe run and a download on a shared machine
  await login(page, 'finances@demo.tremplin.fr');
  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableau financier' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord financier' })).toBeVisible();
  // By default the most recent closed call whose budget counts conventions: the seed's 2016 call (the
  // third call, closed and under review, has none yet).
  await dashboardReady(page);

  const totals = normalizeSpaces(await page.getByTestId('finance-totals').innerText());
  expect(totals).toContain('74 300 000,00 €');

  // One row per axis × year of the call, each count linking to that cell's conventions.
  const links = page.locator('[data-testid="finance-cells"] tbody a');
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.length).toBeGreaterThanOrEqual(3);
  for (const href of hrefs) expect(href).toMatch(/^\/conventions\?callId=[0-9a-f-]{36}&axisCode=[A-Z][A-Z0-9_]+&year=(2016|2017|2018)$/);
  const years = hrefs.map((href) => href.slice(-4));
  expect(new Set(years)).toEqual(new Set(['2016', '2017', '2018']));
  const callTotal = normalizeSpaces(await page.getByTestId('finance-cells-total').innerText());
  expect(callTotal).toContain('74 300 000,00 €');

  // The charts are images with a French description, and their captions name them.
  const axisChart = page.locator('[data-testid="finance-axis-chart"] [role="img"]');
  await expect(axisChart).toHaveAttribute('aria-label', /^Barres empilées par axe/);
  await expect(page.getByTestId('finance-axis-chart').locator('figcaption')).toHaveText('Par axe, sur les années de l’appel : payé, engagé non payé, non engagé');

  // The 30/60/90-day windows and the overdue installments, each leading to the worklist.
  const due = page.locator('[data-testid="finance-due"] a');
  await expect(due).toHaveCount(4);
  expect(await due.first().getAttribute('href')).toMatch(/^\/conventions\/echeances\?callId=[0-9a-f-]{36}&status=due&dueBefore=\d{4}-\d{2}-\d{2}$/);

  await expectNoAxeViolations(page, 'finance dashboard');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter le budget (CSV)' }).click();
  expect((await download).suggestedFilename()).toBe('budget.csv');
  await expect(page.getByText('Export terminé.')).toBeVisible();

  // Every payment of the call (thousands, streamed), named after the call.
  const payments = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter les paiements (CSV)' }).click();
  const file = await payments;
  expect(file.suggestedFilename()).toBe('paiements-AAP-NORD-2016.csv');
  const text = (await readFile(await file.path())).toString('utf8');
  expect(text.split('\r\n')[0]).toBe('\uFEFFDate de paiement;Convention;Organisme;SIRET;Axe;Année;Échéance;Montant (€);N° de mandat;Référence comptable');
  expect(text.split('\r\n').length).toBeGreaterThan(2000);
  await expect(page.getByText('Export terminé.')).toBeVisible();
});

test('the dashboard fits a 390 px phone, axe-clean', async ({ page, request }) => {
  test.setTimeout(120_000);
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; code: string }>;
  const callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'finances@demo.tremplin.fr');
  await page.goto(`/finances?callId=${callId}`);
  await dashboardReady(page);
  await page.waitForTimeout(400);
  if (process.env['E2E_SCREENSHOTS']) await page.screenshot({ path: 'test-results/web-e2e/mobile/finance-dashboard.png', fullPage: true });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await expectNoAxeViolations(page, 'finance dashboard at 390 px');
});

test('an association cannot open the dashboard', async ({ page }) => {
  await login(page, 'association1@demo.tremplin.fr');
  await page.goto('/finances');
  await expect(page).toHaveURL(/\/acces-refuse$/);
});
