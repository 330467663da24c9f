import { expect, test, type Browser, type Page } from '@playwright/test';
import { DEMO_PASSWORD, expectNoAxeViolations, login, normalizeSpaces } from './support';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

/** A new browser context (its own session) signed in as that account. */
async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

/** Nothing wider than a 390 px phone (wide tables scroll in their own box), and no axe violation there. */
async function expectFitsPhone(page: Page, label: string): Promise<void> {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(300);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${label}: page width at 390 px`).toBeLessThanOrEqual(PHONE.width);
  await expectNoAxeViolations(page, `${label} at 390 px`);
  await page.setViewportSize(DESKTOP);
}

/** « 25 000,00 € » → 2500000 (cents). */
const cents = (text: string): number => Math.round(Number(normalizeSpaces(text).replace(/[\s€]/g, '').replace(',', '.')) * 100);

/** The finance dashboard's cell (axis × year) of that call: committed and paid, in cents. */
async function dashboardCell(page: Page, callId: string, axisCode: string, year: number): Promise<{ committed: number; paid: number }> {
  await page.goto(`/finances?callId=${callId}`);
  const row = page.locator('[data-testid="finance-cells"] tbody tr').filter({ has: page.locator(`a[href*="axisCode=${axisCode}&year=${year}"]`) });
  await expect(row).toHaveCount(1);
  return { committed: cents(await row.locator('td').nth(1).innerText()), paid: cents(await row.locator('td').nth(2).innerText()) };
}

const status = (page: Page) => page.getByTestId('convention-status');
const dialog = (page: Page) => page.getByRole('dialog');

/**
 * Issue #8, done when: finance takes a draft convention of the seed and sends it; the association's
 * legal representative signs it in Tremplin; finance signs it for the Département (deliberation
 * reference: the amounts are committed) and activates it; finance records the first advance; the
 * convention and the finance dashboard's cell (axis × 2016) then show the commitment and the payment.
 * axe-core on every page and dialog visited, and the pages at 390 px.
 */
test('a convention from draft to its first payment: finance, the association, finance again', async ({ browser, request }) => {
  // Many axe passes (desktop and 390 px) on a shared machine: generous.
  test.setTimeout(600_000);

  // Finance: the drafts, one opened, sent to the association.
  const finance = await signedIn(browser, 'finances@demo.tremplin.fr');
  await finance.setViewportSize(DESKTOP);
  await finance.getByRole('navigation', { name: /navigation principale/i }).getByRole('link', { name: 'Conventions' }).click();
  await expect(finance.getByRole('heading', { level: 1, name: 'Conventions' })).toBeVisible();
  await finance.goto('/conventions?status=draft');
  const firstDraft = finance.locator('tbody tr').first();
  await expect(firstDraft).toContainText('Brouillon');
  await expectNoAxeViolations(finance, 'conventions (drafts)');
  await expectFitsPhone(finance, 'conventions (drafts)');
  await firstDraft.getByRole('link').click();
  await expect(status(finance)).toHaveText(/Brouillon/);
  const number = (await finance.getByRole('heading', { level: 1 }).innerText()).replace(/^Convention /, '').trim();
  expect(number).toMatch(/^CONV-2016-\d{4}$/);
  const conventionUrl = finance.url();
  const conventionId = conventionUrl.split('/').pop() ?? '';
  const organization = normalizeSpaces(await finance.locator('.parties dd').nth(1).innerText()).split(' (SIRET')[0]?.trim() ?? '';
  const total = normalizeSpaces(await finance.locator('[data-testid="convention-years"] tfoot td').first().innerText());
  await expectNoAxeViolations(finance, 'convention (draft)');
  await expectFitsPhone(finance, 'convention (draft)');

  await finance.getByRole('button', { name: 'Envoyer à l’association' }).click();
  await expect(dialog(finance)).toBeVisible();
  await expectNoAxeViolations(finance, 'send dialog');
  await dialog(finance).getByRole('button', { name: 'Envoyer à l’association' }).click();
  await expect(status(finance)).toHaveText(/Envoyée à l’association/);
  await expect(status(finance)).toBeFocused();

  // Who signs for that association: its member account (the seed gives every organisation one).
  const adminLogin = await request.post('/api/auth/login', { data: { email: 'admin@demo.tremplin.fr', password: DEMO_PASSWORD } });
  expect(adminLogin.ok()).toBe(true);
  const { accessToken } = (await adminLogin.json()) as { accessToken: string };
  const users = await request.get(`/api/users?role=association&q=${encodeURIComponent(organization)}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  const member = ((await users.json()) as { items: Array<{ email: string; organizationName: string | null }> }).items.find((u) => u.organizationName === organization);
  expect(member, `a member of ${organization}`).toBeDefined();

  // The association: its conventions, the PDF, the signature (accept in Tremplin).
  const association = await signedIn(browser, member?.email ?? '');
  await association.setViewportSize(DESKTOP);
  await association.getByRole('navigation', { name: /navigation principale/i }).getByRole('link', { name: 'Mes conventions' }).click();
  await expect(association.getByRole('heading', { level: 1, name: 'Mes conventions' })).toBeVisible();
  const row = association.locator('tbody tr').filter({ hasText: number });
  await expect(row).toContainText('Envoyée à l’association');
  await expectNoAxeViolations(association, 'my conventions');
  await expectFitsPhone(association, 'my conventions');
  await row.getByRole('link', { name: number }).click();
  await expect(status(association)).toHaveText(/Envoyée à l’association/);
  const download = association.waitForEvent('download');
  await association.getByRole('button', { name: /Convention \(version 1, PDF\)/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.pdf$/);
  await expectNoAxeViolations(association, 'my convention (to sign)');
  await expectFitsPhone(association, 'my convention (to sign)');

  await association.getByRole('button', { name: 'Signer la convention' }).click();
  await expect(dialog(association)).toBeVisible();
  await expect(association.locator('#sign-signer')).not.toHaveValue('');
  await expectNoAxeViolations(association, 'sign dialog');
  await dialog(association).getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(association.getByText('Cochez la case pour accepter la convention.')).toBeVisible();
  await dialog(association).getByRole('checkbox', { name: /J’ai lu et j’accepte les termes de la convention/ }).check();
  await dialog(association).getByRole('button', { name: 'Signer', exact: true }).click();
  await expect(status(association)).toHaveText(/Signée par l’association/);
  await expect(association.locator('.timeline')).toContainText('Signée pour l’association par');

  // The finance dashboard's cell of this convention's axis in 2016, before the commitment and the payment.
  const detail = await request.get(`/api/conventions/${conventionId}`, { headers: { Authorization: `Bearer ${accessToken}` } });
  const seen = (await detail.json()) as { callId: string; axisCode: string; years: Array<{ year: number; amountCents: number }> };
  const amount2016 = seen.years.find((y) => y.year === 2016)?.amountCents ?? 0;
  expect(amount2016).toBeGreaterThan(0);
  const before = await dashboardCell(finance, seen.callId, seen.axisCode, 2016);

  // Finance: the Département's signature (commitment), activation, then the first advance.
  await finance.goto(conventionUrl);
  await expect(status(finance)).toHaveText(/Signée par l’association/);
  await finance.getByRole('button', { name: 'Signer pour le Département' }).click();
  await expect(dialog(finance)).toBeVisible();
  await dialog(finance).getByRole('button', { name: 'Signer pour le Département' }).click();
  await expect(dialog(finance).getByText('Ce champ est obligatoire.')).toBeVisible();
  await expectNoAxeViolations(finance, 'Département signature dialog (with an error)');
  await finance.locator('#transition-deliberation').fill('CP-2016-04-12');
  await dialog(finance).getByRole('button', { name: 'Signer pour le Département' }).click();
  await expect(status(finance)).toHaveText(/Signée par le Département/, { timeout: 30_000 });
  // Every year's amount is committed: the committed total equals the convention's total.
  await expect(finance.locator('[data-testid="convention-years"] tfoot td').nth(1)).toHaveText(total);
  await expect(finance.getByRole('button', { name: /Convention signée électroniquement/ })).toBeVisible();

  await finance.getByRole('button', { name: 'Activer' }).click();
  await dialog(finance).getByRole('button', { name: 'Activer' }).click();
  await expect(status(finance)).toHaveText(/Active/);

  const advance = finance.getByTestId('convention-installments').locator('tbody tr').filter({ hasText: 'Avance 2016' });
  await expect(advance).toContainText('À payer');
  const advanceAmount = normalizeSpaces(await advance.locator('td').nth(1).innerText());
  await expectNoAxeViolations(finance, 'convention (active)');
  await expectFitsPhone(finance, 'convention (active)');
  await advance.getByRole('button', { name: /Enregistrer un paiement/ }).click();
  await expect(dialog(finance)).toBeVisible();
  expect(normalizeSpaces(await finance.locator('#payment-amount').inputValue())).toBe(advanceAmount.replace(/\s*€$/, ''));
  await finance.locator('#payment-mandate').fill('M-2016-E2E-1');
  await finance.locator('#payment-accounting').fill('CPT-6574-E2E');
  await expectNoAxeViolations(finance, 'payment dialog');
  await dialog(finance).getByRole('button', { name: 'Enregistrer le paiement' }).click();
  await expect(dialog(finance)).toBeHidden();
  await expect(advance).toContainText('Payée');
  await expect(advance).toContainText('mandat M-2016-E2E-1');
  // The convention shows the payment.
  await expect(finance.getByTestId('convention-paid-total')).toHaveText(advanceAmount);

  // The dashboard shows the commitment (the 2016 amount) and the payment (the advance) in the cell.
  const after = await dashboardCell(finance, seen.callId, seen.axisCode, 2016);
  expect(after).toEqual({ committed: before.committed + amount2016, paid: before.paid + cents(advanceAmount) });
  await expectNoAxeViolations(finance, 'finance dashboard');

  // The worklist no longer offers that advance; the list shows what was paid.
  await finance.goto('/conventions/echeances');
  await expect(finance.getByRole('heading', { level: 1, name: 'Échéances à payer' })).toBeVisible();
  await expectNoAxeViolations(finance, 'installments worklist');
  await expectFitsPhone(finance, 'installments worklist');
  await finance.goto(`/conventions?q=${encodeURIComponent(number)}`);
  const listed = finance.locator('tbody tr').filter({ hasText: number });
  await expect(listed).toContainText('Active');
  await expect(listed.locator('td').nth(4)).toHaveText(advanceAmount);

  // The association follows its schedule and the payment.
  await association.goto(`/mes-conventions/${conventionId}`);
  await expect(status(association)).toHaveText(/Active/);
  await expect(association.getByTestId('convention-installments').locator('tbody tr').filter({ hasText: 'Avance 2016' })).toContainText('Payée');
  await expect(association.getByRole('button', { name: /Enregistrer un paiement/ })).toHaveCount(0);
  await expectNoAxeViolations(association, 'my convention (active)');
});
