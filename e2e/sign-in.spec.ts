import { expect, test } from '@playwright/test';
import { password, signInAs } from './people';

test.describe('signed out', () => {
  test('pages redirect to sign-in and the API answers 401', async ({ page, request }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
    await page.screenshot({ path: 'test-results/screens/sign-in.png', fullPage: true });

    const api = await request.get('/api/cases');
    expect(api.status()).toBe(401);
    expect(await api.json()).toEqual({ error: 'not signed in' });
  });

  test('a forged session cookie gets nowhere', async ({ page, context }) => {
    await context.addCookies([{ name: 'dw_session', value: 'forged-token', domain: 'localhost', path: '/' }]);
    await page.goto('/');
    await expect(page).toHaveURL(/\/sign-in$/);
    expect((await page.request.get('/api/me')).status()).toBe(401);
  });

  test('a wrong password shows an error and keeps you out', async ({ page }) => {
    await page.goto('/sign-in');
    await page.getByLabel('Name').fill('analyst');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // Next.js mounts its own empty role=alert route announcer after navigation, so name ours.
    await expect(page.getByRole('alert').filter({ hasText: 'Wrong name or password.' })).toBeVisible();
    await expect(page).toHaveURL(/\/sign-in\?error=invalid/);
    await page.screenshot({ path: 'test-results/screens/sign-in-error.png' });
  });
});

test('the analyst signs in, sees the workbench with their name, and signs out', async ({ page }) => {
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });

  const response = await page.goto('/sign-in');
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("object-src 'none'");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');

  await signInAs(page, 'analyst');
  await expect(page).toHaveURL(/\/$/);
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const link of ['Overview', 'Alerts', 'Cases', 'Intel']) await expect(nav.getByRole('link', { name: link })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('signed-in-user')).toContainText('analyst');
  await page.screenshot({ path: 'test-results/screens/signed-in.png', fullPage: true });
  // Next's scripts ran under the nonce policy (the page hydrated): window.next is set by its runtime.
  expect(await page.evaluate(() => typeof (window as { next?: { version?: string } }).next?.version)).toBe('string');

  // The API knows the session; a change without the CSRF token is refused.
  const me = await page.request.get('/api/me');
  expect(await me.json()).toMatchObject({ user: { name: 'analyst', role: 'analyst' } });
  const forged = await page.request.post('/api/tokens', { data: { label: 'x' } });
  expect(forged.status()).toBe(403);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  expect((await page.request.get('/api/me')).status()).toBe(401);
  expect(cspViolations).toEqual([]);
});

test('sign-in returns to the page that was asked for, and never off-site', async ({ page }) => {
  await page.goto('/?view=compact');
  await expect(page).toHaveURL(/\/sign-in\?next=%2F%3Fview%3Dcompact$/);
  await page.getByLabel('Name').fill('lead');
  await page.getByLabel('Password').fill(password('lead'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/\?view=compact$/);
  await expect(page.getByTestId('signed-in-user')).toContainText('lead');

  await page.context().clearCookies();
  await page.goto('/sign-in?next=https%3A%2F%2Fevil.example%2F');
  await page.getByLabel('Name').fill('legal');
  await page.getByLabel('Password').fill(password('legal'));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/localhost:\d+\/$/);
});
