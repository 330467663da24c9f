import { expect, test, type Page } from '@playwright/test';
import { expectNoAxeViolations, login } from './support';

// A phone: 390 × 844 CSS pixels (the size of a current mid-range phone).
const PHONE = { width: 390, height: 844 };
test.use({ viewport: PHONE });

/**
 * The page fits the phone: nothing wider than the screen (wide tables scroll inside their own box),
 * and nothing below the footer (no tall blank tail left by hidden content). Checked with axe too.
 */
async function expectFitsPhone(page: Page, label: string): Promise<void> {
  await expect(page.locator('footer.app-footer')).toBeVisible();
  // Let transitions (stepper, expansion panels) settle before measuring.
  await page.waitForTimeout(400);
  const size = await page.evaluate(() => {
    const footer = document.querySelector('footer.app-footer');
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      footerBottom: footer ? Math.ceil(footer.getBoundingClientRect().bottom + window.scrollY) : 0,
    };
  });
  if (process.env['E2E_SCREENSHOTS']) {
    await page.screenshot({ path: `test-results/web-e2e/mobile/${label.replace(/[^a-z0-9]+/gi, '-')}.png`, fullPage: true });
  }
  expect(size.scrollWidth, `${label}: page width`).toBeLessThanOrEqual(PHONE.width);
  // The footer ends the page: at most a pixel of rounding below it.
  expect(size.scrollHeight - size.footerBottom, `${label}: blank space below the footer`).toBeLessThanOrEqual(1);
  await expectNoAxeViolations(page, `${label} at 390 px`);
}

async function heading(page: Page): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}

test('public pages fit a 390 px phone', async ({ page }) => {
  await page.goto('/');
  await heading(page);
  await expectFitsPhone(page, 'home');
  await page.getByRole('link', { name: /Voir le détail.*2016/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('2016');
  await expectFitsPhone(page, 'call 2016');
  for (const path of ['/connexion', '/inscription', '/accessibilite', '/mentions-legales', '/donnees-personnelles', '/contact']) {
    await page.goto(path);
    await heading(page);
    await expectFitsPhone(page, path);
  }
});

test('the association pages and every wizard step fit a 390 px phone', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'association1@demo.tremplin.fr');
  await page.goto('/candidatures');
  await heading(page);
  await expect(page.getByRole('table')).toBeVisible();
  await expectFitsPhone(page, 'my applications');

  // The draft on the open call: the five steps of the wizard, one after the other.
  await page.getByRole('row').filter({ hasText: 'Brouillon' }).getByRole('link').first().click();
  await expect(page.locator('mat-stepper')).toBeVisible();
  const headers = page.locator('mat-step-header');
  await expect(headers).toHaveCount(5);
  for (let step = 0; step < 5; step++) {
    await headers.nth(step).click();
    await expect(headers.nth(step)).toHaveAttribute('aria-expanded', 'true');
    await expectFitsPhone(page, `wizard step ${step + 1}`);
  }
  // The budget table scrolls inside its own box and says so.
  await headers.nth(2).click();
  const scroller = page.locator('tp-budget-step .table-scroll').first();
  await expect(scroller).toBeVisible();
  const box = await scroller.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth, tabIndex: el.tabIndex }));
  expect(box.client).toBeLessThanOrEqual(PHONE.width);
  // A scrolling region is reachable by keyboard (WCAG 2.1.1).
  if (box.scroll > box.client) expect(box.tabIndex).toBe(0);

  // A submitted application, read-only.
  await page.goto('/candidatures');
  await page.getByRole('row').filter({ hasText: /AAP2016-/ }).getByRole('link').first().click();
  await heading(page);
  await expectFitsPhone(page, 'submitted application');

  await page.goto('/mon-organisation');
  await heading(page);
  await expectFitsPhone(page, 'organisation');
});

test('the staff and admin pages fit a 390 px phone', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'admin@demo.tremplin.fr');
  await page.goto('/instruction');
  await heading(page);
  await expect(page.getByRole('table')).toBeVisible();
  await expectFitsPhone(page, 'instruction list');
  await page.getByRole('table').getByRole('link').first().click();
  await heading(page);
  await expectFitsPhone(page, 'instruction page');

  for (const path of ['/admin/appels', '/admin/comptes', '/audit', '/admin/courriels']) {
    await page.goto(path);
    await heading(page);
    await expectFitsPhone(page, path);
  }
  await page.goto('/admin/appels');
  await page.getByRole('link', { name: /2016/ }).first().click();
  await heading(page);
  await expectFitsPhone(page, 'call editor (locked)');
});
