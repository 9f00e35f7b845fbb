import { expect, test } from '@playwright/test';
import { signInAs } from './people';

test('an admin adds a user, changes their role, disables and enables them, and resets their password; the new password signs in', async ({ page, browser }) => {
  await signInAs(page, 'admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Administration' })).toBeVisible();
  const tabs = page.getByRole('navigation', { name: 'Administration' });
  await expect(tabs.getByRole('link', { name: 'API tokens' })).toHaveAttribute('href', '/tokens');
  await expect(tabs.getByRole('link', { name: 'Webhooks' })).toHaveAttribute('href', '/admin/webhooks');

  await page.getByLabel('Name').fill('newbie');
  await page.getByLabel('New user’s role').selectOption('analyst');
  await page.getByRole('button', { name: 'Add user' }).click();
  await expect(page.getByTestId('admin-notice')).toContainText('Added newbie (analyst)');
  const first = (await page.getByTestId('new-password').textContent())!;
  expect(first.length).toBeGreaterThanOrEqual(12);
  const row = page.getByTestId('user-row').filter({ hasText: 'newbie' });
  await expect(row).toContainText('active');

  await row.getByLabel('Role of newbie').selectOption('lead');
  await expect(page.getByTestId('admin-notice')).toContainText('newbie is now lead');
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(row).toContainText('disabled');
  await expect(row.getByRole('button', { name: 'Reset password' })).toBeDisabled();
  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: 'Reset password' }).click();
  await expect(page.getByTestId('admin-notice')).toContainText('New password for newbie');
  const second = (await page.getByTestId('new-password').textContent())!;
  expect(second).not.toBe(first);
  // The admin cannot lock themselves out.
  const me = page.getByTestId('user-row').filter({ hasText: '(you)' });
  await expect(me.getByRole('button', { name: 'Disable' })).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/admin.png', fullPage: true });

  // The old password no longer signs in; the new one does, with the new role.
  const other = await browser.newContext({ baseURL: new URL(page.url()).origin });
  const p2 = await other.newPage();
  await p2.goto('/sign-in');
  await p2.getByLabel('Name').fill('newbie');
  await p2.getByLabel('Password').fill(first);
  await p2.getByRole('button', { name: 'Sign in' }).click();
  await expect(p2.getByText('Wrong name or password.')).toBeVisible();
  await p2.goto('/sign-in');
  await p2.getByLabel('Name').fill('newbie');
  await p2.getByLabel('Password').fill(second);
  await p2.getByRole('button', { name: 'Sign in' }).click();
  await expect(p2.getByTestId('signed-in-user')).toContainText('newbie');
  await expect(p2.getByTestId('signed-in-user')).toContainText('lead');
  await other.close();
});

test('only admins manage users: an analyst is refused on the page and by the API', async ({ page }) => {
  await signInAs(page, 'analyst');
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })).toHaveCount(0);
  await page.goto('/admin');
  await expect(page.getByTestId('admin-refused')).toContainText('Only admins manage users');
  expect((await page.request.get('/api/users')).status()).toBe(403);
  const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content'))!;
  const origin = new URL(page.url()).origin;
  const post = await page.request.post('/api/users', { data: { name: 'sneaky', role: 'admin' }, headers: { 'x-csrf-token': csrf, origin } });
  expect(post.status()).toBe(403);
});

test('the Intel page shows the sharing key’s state and who shares before anyone clicks', async ({ page }) => {
  await signInAs(page, 'lead', '/intel');
  const sharing = page.getByTestId('sharing-status');
  // The fixture sets DISTILLWATCH_SHARING_KEY: its fingerprint shows, the buttons are on.
  await expect(sharing.getByTestId('sharing-key-state')).toContainText('set');
  await expect(sharing.getByTestId('sharers')).toContainText('lead and legal export and import');
  await expect(sharing.getByTestId('sharers')).toContainText('lead (lead)');
  await expect(page.getByRole('button', { name: 'Export indicators' })).toBeEnabled();
  await expect(page.getByTestId('intel-disabled-why')).toHaveCount(0);
});
