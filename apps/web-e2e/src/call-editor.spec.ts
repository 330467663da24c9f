import { expect, test } from '@playwright/test';
import { expectNoAxeViolations, login, normalizeSpaces } from './support';

test('an admin edits an allocation and sees the totals follow, then saves a balanced split', async ({ page }) => {
  await login(page, 'admin@demo.tremplin.fr');
  await page.goto('/admin/appels');
  // The open demo call has no submitted application yet: its structure is editable.
  const row = page.getByRole('row').filter({ hasText: /AAP-NORD-20[2-9]\d/ }).filter({ hasText: 'Ouvert' });
  await row.getByRole('link', { name: /Modifier/ }).or(row.getByRole('button', { name: /Modifier/ })).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();

  const status = page.getByTestId('matrix-status');
  await expect(status).toContainText('Répartition équilibrée');
  const cell = page.getByRole('textbox', { name: /^Médiation.*, année \d{4}, en euros$/ }).first();
  const original = await cell.inputValue();
  const rowTotal = page.getByTestId('row-total-0');
  const before = normalizeSpaces(await rowTotal.innerText());

  await cell.fill('0');
  await expect(status).toContainText('Reste à répartir');
  await expect(rowTotal).not.toHaveText(before);
  await expectNoAxeViolations(page, 'call editor with an unbalanced split');

  // Move the amount to the same year of another axis: balanced again, totals per axis changed.
  const other = page.getByRole('textbox', { name: /^Innovation.*, année \d{4}, en euros$/ }).first();
  const otherCents = Math.round(Number((await other.inputValue()).replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')) * 100);
  const movedCents = Math.round(Number(original.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')) * 100);
  await other.fill(((otherCents + movedCents) / 100).toFixed(2).replace('.', ','));
  await expect(status).toContainText('Répartition équilibrée');

  await page.getByRole('button', { name: /^Enregistrer$/ }).click();
  await expect(page.getByText('Appel enregistré.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('textbox', { name: /^Médiation.*, année \d{4}, en euros$/ }).first()).toHaveValue(/^0(,00)?$/);
});
