import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login, normalizeSpaces } from './support';

test('an admin edits an allocation and sees the totals follow, then saves a balanced split', async ({ page, request }) => {
  // A call of its own, copied from the open demo call: no application locks its structure.
  const token = (await (await request.post('/api/auth/login', { data: { email: 'admin@demo.tremplin.fr', password: DEMO_PASSWORD } })).json()).accessToken as string;
  const calls = (await (await request.get('/api/calls')).json()) as Array<{ id: string; status: string }>;
  const open = await (await request.get(`/api/calls/${calls.find((c) => c.status === 'open')?.id}`)).json();
  const code = `AAP-E2E-${Date.now() % 1_000_000}`;
  const created = await request.post('/api/calls', {
    headers: { Authorization: `Bearer ${token}` },
    data: {
      code, title: `Appel d'essai ${code}`, description: open.description, opensAt: open.opensAt, closesAt: open.closesAt,
      years: open.years, envelopeCents: open.envelopeCents, paymentRule: open.paymentRule, reviewersPerApplication: open.reviewersPerApplication,
      axes: open.axes.map(({ code: c, labelFr, labelEn, description }: Record<string, string>) => ({ code: c, labelFr, labelEn, description })),
      allocations: open.allocations,
      criteria: open.criteria.map(({ position: _p, ...c }: Record<string, unknown>) => c),
    },
  });
  expect(created.status()).toBe(201);
  const callId = (await created.json()).id as string;

  await login(page, 'admin@demo.tremplin.fr');
  await page.goto(`/admin/appels/${callId}`);
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
