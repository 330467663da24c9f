import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login } from './support';

// axe over a 25-row ranking table (≈ 20 columns) takes long on the shared CI-sized machine.
test.describe.configure({ timeout: 180_000 });

async function callId(request: import('@playwright/test').APIRequestContext): Promise<string> {
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; code: string }>;
  return calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
}

test('the committee ranks an axis against its envelope, exports it, and compares the two lines', async ({ page, request }) => {
  const id = await callId(request);
  await login(page, 'admin@demo.tremplin.fr');
  await page.goto(`/comite/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Comité');
  const table = page.getByTestId('ranking-table');
  await expect(table).toBeVisible();
  await expect(table.locator('caption')).toContainText('Classement de l’axe');
  await expect(page.getByTestId('cut-summary')).toBeVisible();
  await expect(page.getByTestId('ranking-row-1')).toBeVisible();

  await page.getByTestId('score-normalized').click();
  await expect(page.getByRole('columnheader', { name: 'Score normalisé' })).toHaveClass(/chosen/);

  const download = page.waitForEvent('download');
  await page.getByTestId('export-csv').click();
  expect((await download).suggestedFilename()).toMatch(/^classement-[A-Z_]+-normalized\.csv$/);
  await expect(page.getByText('Export terminé.')).toBeVisible();

  await page.getByLabel('Réduction maximale (%)').fill('5');
  await page.getByTestId('compute-fit').click();
  const fit = page.getByTestId('fit-table');
  await expect(fit).toBeVisible({ timeout: 20_000 });
  await expect(fit).toContainText('Ligne stricte');
  await expect(fit).toContainText('Ajustement suggéré');
  // One axe pass over the whole page (ranking + fit panel); the 390 px test checks the ranking alone.
  await expectNoAxeViolations(page, 'committee ranking with the envelope fit');
});

test('the committee page works at 390 px and is refused to a reviewer', async ({ page, request }) => {
  const id = await callId(request);
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'admin@demo.tremplin.fr');
  await page.goto(`/comite/${id}`);
  await expect(page.getByTestId('ranking-row-1')).toBeAttached();
  await expectNoAxeViolations(page, 'committee ranking at 390 px');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.context().clearCookies();
  await page.evaluate(() => localStorage.clear());
  await login(page, 'evaluateur@demo.tremplin.fr');
  await page.goto(`/comite/${id}`);
  await expect(page).toHaveURL(/acces-refuse/);
});
