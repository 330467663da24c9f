import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'Tremplin-2016!';

/** RGAA 4 / WCAG 2.1 AA rules, on the page as it is now. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  expect(summary, `axe violations on ${label}`).toEqual([]);
}

export async function login(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/connexion');
  await page.locator('#login-email').fill(email);
  await page.locator('#login-password').fill(password);
  await page.getByRole('button', { name: /^(se connecter|sign in)$/i }).click();
  await expect(page.getByRole('button', { name: /menu du compte|account menu/i })).toBeVisible();
}

/** French typography uses narrow no-break spaces in numbers; compare on plain spaces. */
export const normalizeSpaces = (text: string | null) => (text ?? '').replace(/[\u00a0\u202f]/g, ' ');

/** The main navigation's link texts. */
export async function navLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('navigation', { name: /navigation principale|main navigation/i });
  // Each link is an icon (aria-hidden SVG) and a label span.
  return (await nav.locator('a span').allInnerTexts()).map((t) => t.trim());
}
