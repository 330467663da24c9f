import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login, normalizeSpaces } from './support';

test('a locked call reads as a summary; its English title is edited, audited in words, and shown to English visitors', async ({ page, request }) => {
  test.setTimeout(180_000); // four pages, three axe runs
  const token = (await (await request.post('/api/auth/login', { data: { email: 'admin@demo.tremplin.fr', password: DEMO_PASSWORD } })).json()).accessToken as string;
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; code: string }>;
  const callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
  const original = await (await request.get(`/api/calls/${callId}`)).json();
  const englishTitle = `Insertion call for projects 2016 (${Date.now() % 100_000})`;
  try {
    await login(page, 'admin@demo.tremplin.fr');
    await page.goto(`/admin/appels/${callId}`);
    const summary = page.getByTestId('locked-call-summary');
    await expect(summary.getByRole('table').first()).toBeVisible({ timeout: 30_000 });
    // No editor of disabled inputs: the locked parts are tables, five axes and a total row.
    await expect(page.locator('#f-allocations-0-0')).toHaveCount(0);
    await expect(summary.getByRole('table').first().locator('tbody tr')).toHaveCount(5);
    expect(normalizeSpaces(await summary.getByRole('table').first().locator('tfoot').innerText())).toContain('74 300 000,00 €');
    await expectNoAxeViolations(page, 'locked call summary');

    await page.getByLabel('Titre en anglais').fill(englishTitle);
    await page.getByTestId('locked-call-texts').getByRole('button', { name: /^Enregistrer$/ }).click();
    await expect(page.getByText('Appel enregistré.')).toBeVisible();

    await page.goto('/audit');
    await expect(page.getByRole('combobox', { name: 'Action' })).toBeVisible({ timeout: 30_000 });
    await page.getByRole('combobox', { name: 'Action' }).click();
    await page.getByRole('option', { name: 'Appel modifié' }).click();
    await page.getByRole('button', { name: /Filtrer/ }).click();
    const row = page.locator('tr.mat-mdc-row').first();
    await expect(row).toContainText('Appel modifié');
    await expect(row).toContainText('AAP-NORD-2016 — ');
    await row.getByRole('button', { name: /Détails de l'événement/ }).click();
    await expect(page.getByRole('rowheader', { name: 'Titre (anglais)' })).toBeVisible();
    await expect(page.getByText(englishTitle).first()).toBeVisible();
    await expectNoAxeViolations(page, 'audit filtered by label, details open');

    await page.goto(`/appels/${callId}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(original.title, { timeout: 30_000 });
    await page.getByRole('button', { name: /English/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(englishTitle);
    await page.getByRole('button', { name: /Français/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(original.title);
  } finally {
    // Put the historical call back as it was for the other tests.
    const current = await (await request.get(`/api/calls/${callId}`)).json();
    const restore = await request.put(`/api/calls/${callId}`, {
      headers: { Authorization: `Bearer ${token}` },
      data: {
        code: current.code, title: current.title, description: current.description, titleEn: original.titleEn, descriptionEn: original.descriptionEn,
        opensAt: current.opensAt, closesAt: current.closesAt, years: current.years, envelopeCents: current.envelopeCents,
        axes: current.axes.map(({ code, labelFr, labelEn, description }: Record<string, string>) => ({ code, labelFr, labelEn, description })),
        allocations: current.allocations, criteria: current.criteria.map(({ position: _p, ...c }: Record<string, unknown>) => c),
        paymentRule: current.paymentRule, reviewersPerApplication: current.reviewersPerApplication, version: current.version,
      },
    });
    expect(restore.status()).toBe(200);
  }
});

test('an admin reads and edits who grants; a wrong SIRET key is refused on the page', async ({ page }) => {
  test.setTimeout(120_000); // two axe runs
  await login(page, 'admin@demo.tremplin.fr');
  await page.getByRole('link', { name: 'Financeur' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Organisme financeur' })).toBeVisible();
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue('Département du Nord');
  await expect(page.getByLabel('SIRET')).toHaveValue('22590001800014');
  await expectNoAxeViolations(page, 'grantor page');
  await page.getByLabel('SIRET').fill('22590001800015');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByText(/SIRET invalide/)).toBeVisible();
  await expectNoAxeViolations(page, 'grantor page with an error');
});
