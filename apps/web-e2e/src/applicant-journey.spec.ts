import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectNoAxeViolations, login } from './support';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const REQUIRED = ['statutes', 'officers', 'bank_details', 'activity_report', 'accounts', 'budget'];

async function choose(page: Page, selector: string, option: string | RegExp): Promise<void> {
  await page.locator(selector).click({ force: true });
  await page.getByRole('option', { name: option }).first().click();
}

/** Presses Tab until `selector` has the focus: the keyboard alone, no click. */
async function tabTo(page: Page, selector: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await page.locator(selector).evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${selector} never received the focus by keyboard`);
}

async function adminPage(browser: Browser): Promise<Page> {
  const page = await (await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris' })).newPage();
  await login(page, 'admin@demo.tremplin.fr');
  return page;
}

test('a new association signs up, verifies its email, fills every step, uploads its documents, submits and downloads its receipt; staff declare it inadmissible and the association reads why and downloads the letter', async ({ page, browser }) => {
  test.setTimeout(180_000);
  const stamp = Date.now();
  const email = `essor${stamp}@exemple.fr`;

  // 1. Sign-up
  await page.goto('/');
  await page.getByRole('link', { name: 'Créer un compte association' }).first().click();
  await expect(page.locator('#f-email')).toBeVisible();
  await expectNoAxeViolations(page, 'sign-up');
  await page.locator('#f-email').fill(email);
  await page.locator('#f-fullName').fill('Nadia Lambert');
  await page.locator('#f-password').fill('vélo rouge sous la pluie du nord');
  await page.locator('#f-organization-legalName').fill(`Association Essor ${stamp}`);
  await page.locator('#f-organization-rna').fill(`W59${String(stamp).slice(-7)}`);
  await choose(page, '#f-organization-legalForm', 'Association loi 1901');
  await page.locator('#f-organization-addressLine').fill('12 rue de la Gare');
  await page.locator('#f-organization-postalCode').fill('59000');
  await page.locator('#f-organization-city').fill('Lille');
  await choose(page, '#f-organization-territory', 'Métropole Lille');
  await page.locator('#f-organization-legalRepName').fill('Nadia Lambert');
  await page.locator('#f-organization-legalRepFunction').fill('Présidente');
  await page.locator('#f-organization-contactName').fill('Karim Benali');
  await page.locator('#f-organization-phone').fill('03 20 00 00 00');
  await page.locator('#f-organization-iban').fill('FR76 3000 6000 0112 3456 7890 189');
  await page.locator('#f-organization-bic').fill('CEPAFRPP627');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await page.waitForURL('**/candidatures');
  await expect(page.getByTestId('verify-banner')).toBeVisible();
  await expectNoAxeViolations(page, 'my applications (unverified)');

  // 2. The verification mail, read in the admin outbox page (no SMTP in the demo)
  const admin = await adminPage(browser);
  await admin.goto('/admin/courriels');
  await admin.locator('#mails-to').fill(email);
  await expect(admin.locator('table button[aria-expanded]')).toHaveCount(1);
  await admin.locator('table button[aria-expanded]').first().click();
  const link = await admin.getByTestId('mail-text').locator('a').first().getAttribute('href');
  expect(link).toMatch(/\/verification\?token=/);
  await expectNoAxeViolations(admin, 'admin mails');
  const verification = new URL(link ?? '');
  await page.goto(`${verification.pathname}${verification.search}`);
  await expect(page.getByTestId('verified')).toBeVisible();
  await expectNoAxeViolations(page, 'verification');

  // 3. A new application on the open call
  await page.goto('/candidatures');
  await expect(page.getByTestId('verify-banner')).toHaveCount(0);
  await choose(page, '#new-axisCode', /Levée des freins/);
  await page.locator('#new-title-input').fill('Ateliers mobilité et permis');
  await page.getByRole('button', { name: 'Créer la candidature' }).click();
  await page.waitForURL(/candidatures\/[0-9a-f-]{36}/);
  await expect(page.locator('#f-summary')).toBeVisible();
  await page.locator('#f-summary').fill('Des ateliers collectifs pour lever le frein de la mobilité.');
  await expect(page.getByTestId('save-status')).toContainText(/Enregistré/, { timeout: 15_000 });
  await expectNoAxeViolations(page, 'wizard: axis and summary');

  // Step 2: the project
  await page.getByRole('tab', { name: /Le projet/ }).click();
  await page.locator('#f-project-objectives').fill('Permettre à 60 personnes par an de passer le permis.');
  await page.locator('#f-project-activities').fill('Ateliers code, conduite accompagnée, aide au financement.');
  for (let i = 0; i < 3; i++) await page.locator(`#f-project-rsaBeneficiariesPerYear-${i}`).fill(String(60 + i * 5));
  await choose(page, '#f-project-territories', 'Métropole Lille');
  await page.keyboard.press('Escape');
  await page.locator('#f-project-startDate').fill('2027-01-15');
  await page.locator('#f-project-partners').click();
  await page.locator('#f-project-partners-0-name').fill('Auto-école solidaire');
  await page.locator('#f-project-partners-0-role').fill('Leçons de conduite');
  await page.locator('#f-project-indicators').click();
  await page.locator('#f-project-indicators-0-label').fill('Permis obtenus');
  await page.locator('#f-project-indicators-0-unit').fill('personnes');
  for (let i = 0; i < 3; i++) await page.locator(`#f-project-indicators-0-targets-${i}`).fill(String(30 + i));
  await expectNoAxeViolations(page, 'wizard: project');

  // Step 3: the three-year budget, with live totals
  await page.getByRole('tab', { name: /Budget/ }).click();
  await expect(page.locator('#f-budget-0-charges-c64')).toBeVisible();
  for (let y = 0; y < 3; y++) {
    await page.locator(`#f-budget-${y}-charges-c64`).fill('30 000');
    await page.locator(`#f-budget-${y}-charges-c61`).fill('1 234,50');
    await page.locator(`#f-budget-${y}-products-p74Departement`).fill('21 234,50');
    await page.locator(`#f-budget-${y}-products-p74State`).fill('10 000');
  }
  await page.locator('#f-budget-2-products-p74State').fill('9 000');
  await page.keyboard.press('Tab');
  const lastYear = page.locator('[data-testid^="balance-"]').nth(2);
  await expect(lastYear).toContainText(/Écart/);
  await expectNoAxeViolations(page, 'wizard: unbalanced budget');
  await page.locator('#f-budget-2-products-p74State').fill('10 000');
  await page.keyboard.press('Tab');
  await expect(lastYear).toContainText(/équilibré/i);

  // Step 4: documents, checked by content
  await page.getByRole('tab', { name: /Pièces/ }).click();
  for (const kind of REQUIRED) {
    await page.locator(`#f-documents-${kind}`).setInputFiles({ name: `${kind}.pdf`, mimeType: 'application/pdf', buffer: PDF });
    await expect(page.getByTestId(`doc-row-${kind}`).getByRole('link', { name: `${kind}.pdf` })).toBeVisible();
  }
  await page.locator('#f-documents-other').setInputFiles({ name: 'faux.pdf', mimeType: 'application/pdf', buffer: Buffer.from('pas un pdf du tout') });
  await expect(page.getByTestId('doc-row-other').locator('.notice.error')).toBeVisible();
  await expectNoAxeViolations(page, 'wizard: documents');

  // Step 5: the declaration, with the keyboard alone (from the stepper header to the checkboxes)
  await page.getByRole('tab', { name: /Pièces/ }).focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  await expect(page.locator('#f-declaration-signatoryName')).toBeVisible();
  await tabTo(page, '#f-declaration-signatoryName');
  await page.keyboard.type('Nadia Lambert');
  await tabTo(page, '#f-declaration-signatoryFunction');
  await page.keyboard.type('Présidente');
  for (const box of ['accurate', 'obligationsMet', 'republicanCommitment']) {
    await tabTo(page, `#f-declaration-${box}-input`);
    await page.keyboard.press('Space');
    await expect(page.locator(`#f-declaration-${box}-input`)).toBeChecked();
  }
  await expect(page.getByTestId('save-status')).toContainText(/Enregistré/, { timeout: 15_000 });
  await expectNoAxeViolations(page, 'wizard: declaration');

  // Submission, reference, receipt
  await page.getByTestId('submit').click();
  const submitted = page.getByTestId('submitted');
  await expect(submitted).toBeVisible({ timeout: 15_000 });
  await expect(submitted).toContainText(/AAP\d{4}-FRE-\d{6}/);
  const reference = /AAP\d{4}-FRE-\d{6}/.exec((await submitted.textContent()) ?? '')?.[0] ?? '';
  const download = page.waitForEvent('download');
  await submitted.getByTestId('receipt-link').click();
  const receipt = await download;
  expect(receipt.suggestedFilename()).toBe(`accuse-reception-${reference}.pdf`);
  await expectNoAxeViolations(page, 'submitted');

  // The acknowledgement is in the outbox, and staff see the application
  await admin.goto('/admin/courriels');
  await admin.locator('#mails-to').fill(email);
  await expect(admin.locator('table')).toContainText(`Accusé de réception — candidature ${reference}`);
  await admin.goto('/instruction');
  await admin.locator('#filter-q').fill('Ateliers mobilité et permis');
  // This very application, found by its title: its row links by its reference.
  const row = admin.getByRole('link', { name: reference, exact: true });
  await expect(row).toBeVisible();
  await expectNoAxeViolations(admin, 'staff applications list');
  await row.click();
  await expect(admin.getByRole('heading', { level: 1 })).toHaveText('Ateliers mobilité et permis');
  await expect(admin.locator('.meta')).toContainText(reference);
  await expect(admin.locator('#request-message')).toBeVisible();
  await expectNoAxeViolations(admin, 'staff application page');

  // Admissibility: declared inadmissible with a reason and a comment, from the dialog
  await admin.getByRole('button', { name: 'Irrecevable', exact: true }).click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog.getByRole('heading')).toHaveText('Déclarer irrecevable (1)');
  await choose(admin, '#admissibility-reason', 'Organisme non éligible');
  await admin.locator('#admissibility-comment').fill('Les statuts ne prévoient pas l’accompagnement des publics.');
  await expectNoAxeViolations(admin, 'admissibility dialog');
  await dialog.getByRole('button', { name: 'Irrecevable' }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.locator('tp-application-status').first()).toContainText('Irrecevable');
  await expect(admin.getByRole('button', { name: 'Irrecevable', exact: true })).toHaveCount(0);

  // The association sees why, and downloads the letter
  await page.reload();
  const notice = page.getByTestId('inadmissibility');
  await expect(notice).toContainText('motif : Organisme non éligible.');
  await expect(notice).toContainText('Les statuts ne prévoient pas l’accompagnement des publics.');
  const letterDownload = page.waitForEvent('download');
  await notice.getByTestId('inadmissibility-letter').click();
  expect((await letterDownload).suggestedFilename()).toBe(`irrecevabilite-${reference}.pdf`);
  await expectNoAxeViolations(page, 'inadmissible application');
});
