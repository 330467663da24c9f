import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login, normalizeSpaces } from './support';

const toCents = (text: string) => Math.round(Number(text.replace(/[\s\u00a0\u202f€]/g, '').replace(',', '.')) * 100);
const toInput = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

test('finance revises the envelope of a locked call, with a reason, from the call page', async ({ page, request }) => {
  const token = (await (await request.post('/api/auth/login', { data: { email: 'finances@demo.tremplin.fr', password: DEMO_PASSWORD } })).json()).accessToken as string;
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; code: string }>;
  const callId = calls.find((c) => c.code === 'AAP-NORD-2016')?.id ?? '';
  const original = await (await request.get(`/api/calls/${callId}`)).json();

  try {
    await login(page, 'finances@demo.tremplin.fr');
    await page.goto('/');
    await page.getByRole('link', { name: /Voir le détail.*2016/ }).click();
    const section = page.locator('tp-budget-revision');
    await expect(section.getByRole('heading', { name: 'Révision budgétaire' })).toBeVisible();

    const envelope = section.getByLabel('Nouvelle enveloppe totale');
    const before = toCents(await envelope.inputValue());
    expect(before).toBe(7_430_000_000);
    // €100,000 more, all on mediation in 2017.
    await envelope.fill(toInput(before + 10_000_000));
    const cell = section.getByRole('textbox', { name: /^Médiation.*, année 2017, en euros$/ });
    await cell.fill(toInput(toCents(await cell.inputValue()) + 10_000_000));
    await section.getByLabel('Motif de la révision').fill('Abondement voté en commission permanente pour la médiation.');
    await expectNoAxeViolations(page, 'call page with the budget revision form');
    await section.getByRole('button', { name: 'Enregistrer la révision' }).click();
    await expect(page.getByText('Révision budgétaire enregistrée.')).toBeVisible();
    await expect(section).toContainText('finances@demo.tremplin.fr');
    expect(normalizeSpaces(await page.locator('main').innerText())).toContain('74 400 000,00 €');
  } finally {
    // Put the real figures back (another audited revision) so the other tests see the historical call,
    // whether this test passed or failed half-way; nothing to undo if no revision was saved.
    const current = await (await request.get(`/api/calls/${callId}`)).json();
    if (current.envelopeCents !== original.envelopeCents || JSON.stringify(current.allocations) !== JSON.stringify(original.allocations)) {
      const restored = await request.post(`/api/calls/${callId}/budget-revisions`, {
        headers: { Authorization: `Bearer ${token}` },
        data: { version: current.version, envelopeCents: original.envelopeCents, allocations: original.allocations, reason: "Retour aux montants d'origine après l'essai." },
      });
      expect(restored.status()).toBe(200);
    }
    expect((await (await request.get(`/api/calls/${callId}`)).json()).envelopeCents).toBe(7_430_000_000);
  }
});

test('an association sees no budget revision form', async ({ page }) => {
  await login(page, 'association1@demo.tremplin.fr');
  await page.goto('/');
  await page.getByRole('link', { name: /Voir le détail.*2016/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2016');
  await expect(page.locator('tp-budget-revision')).toHaveCount(0);
});
