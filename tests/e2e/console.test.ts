import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newUserPage, screenshot } from './browser.ts';
import { signIn, startWorld, type World } from './world.ts';

/** The system console: only for administrators, its own chunk, and its settings take effect. */
describe('system console', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const errors: string[] = [];
  const consoleChunks: string[] = [];

  before(async () => {
    world = await startWorld({ TeamSettings: { EnableOpenServer: true } });
    browser = await launchBrowser();
    alice = await signIn(browser, world, 'alice', errors);
    bob = await signIn(browser, world, 'bob', errors);
    bob.on('request', (r) => {
      if (/\/static\/assets\/Console-[^/]+\.js$/.test(r.url())) consoleChunks.push(r.url());
    });
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  it('is not offered to, nor downloaded by, a person without manage_system', async () => {
    await bob.getByRole('button', { name: 'Account menu' }).click();
    await bob.getByRole('menuitem', { name: 'Log out' }).waitFor();
    assert.equal(await bob.getByRole('menuitem', { name: 'System console' }).count(), 0);
    await bob.keyboard.press('Escape');
    await bob.goto(`${world.server.url}/admin_console/users`);
    await bob.getByRole('heading', { name: 'Not allowed' }).waitFor();
    assert.deepEqual(consoleChunks, []);
    await bob.getByRole('button', { name: 'Back to chat' }).click();
    await bob.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
  });

  it('opens from the account menu and shows site statistics', async () => {
    await alice.getByRole('button', { name: 'Account menu' }).click();
    await alice.getByRole('menuitem', { name: 'System console' }).click();
    await alice.waitForURL('**/admin_console');
    await alice.getByRole('heading', { name: 'Site statistics' }).waitFor();
    const users = alice.locator('[data-stat="unique_user_count"] .stat-value');
    await users.waitFor();
    assert.equal(await users.textContent(), '2');
    assert.equal(await alice.locator('[data-stat="team_count"] .stat-value').textContent(), '1');
  });

  it('lists, searches and creates users, changes roles and deactivates', async () => {
    await alice.getByRole('link', { name: 'Users' }).click();
    await alice.getByRole('heading', { name: 'Users' }).waitFor();
    const bobRow = alice.locator('tr[data-username="bob"]');
    await bobRow.waitFor();
    await alice.getByLabel('Search users').fill('ali');
    await bobRow.waitFor({ state: 'detached' });
    await alice.locator('tr[data-username="alice"]').waitFor();
    await alice.getByLabel('Search users').fill('');
    await bobRow.waitFor();

    await alice.getByRole('button', { name: 'Add user' }).click();
    const form = alice.getByRole('form', { name: 'New user' });
    await form.getByLabel('Username').fill('carol');
    await form.getByLabel('Email').fill('carol@example.com');
    await form.getByLabel('Password').fill('password-123');
    await form.getByRole('button', { name: 'Create user' }).click();
    await alice.getByText('Created @carol.').waitFor();
    await alice.locator('tr[data-username="carol"]').waitFor();

    await bobRow.getByRole('button', { name: 'Make admin' }).click();
    await bobRow.locator('.pill', { hasText: 'System admin' }).waitFor();
    await bobRow.getByRole('button', { name: 'Make member' }).click();
    await bobRow.locator('.pill', { hasText: 'Member' }).waitFor();

    const carolRow = alice.locator('tr[data-username="carol"]');
    await carolRow.getByRole('button', { name: 'Deactivate' }).click();
    await carolRow.locator('.pill', { hasText: 'Deactivated' }).waitFor();
    await screenshot(alice, 'console-users-light');
    await carolRow.getByRole('button', { name: 'Activate' }).click();
    await carolRow.locator('.pill', { hasText: 'Active' }).waitFor();
  });

  it('revokes sessions: the other person is sent to the login page', async () => {
    await alice.locator('tr[data-username="bob"]').getByRole('button', { name: 'Revoke sessions' }).click();
    await alice.getByText('Signed @bob out everywhere.').waitFor();
    await bob.getByRole('heading', { name: 'Log in' }).waitFor();
  });

  it('lists the teams', async () => {
    await alice.getByRole('link', { name: 'Teams' }).click();
    const row = alice.getByRole('table', { name: 'Teams' }).locator('tr', { hasText: 'Acme' });
    await row.waitFor();
    assert.match((await row.textContent()) ?? '', /\/acme/);
  });

  it('lists channels of every team, archives, unarchives and changes privacy', async () => {
    await world.admin.createChannel({
      team_id: world.teamId,
      name: 'launch',
      display_name: 'Launch',
      type: 'O',
    } as never);
    await alice.getByRole('link', { name: 'Channels', exact: true }).click();
    const table = alice.getByRole('table', { name: 'Channels' });
    const row = table.locator('tr[data-channel="launch"]');
    await row.waitFor();
    await table.locator('tr[data-channel="town-square"]').waitFor();
    await alice.getByLabel('Search channels').fill('laun');
    await table.locator('tr[data-channel="town-square"]').waitFor({ state: 'detached' });
    assert.match((await row.textContent()) ?? '', /Acme/);

    await row.getByRole('button', { name: 'Make private' }).click();
    await row.locator('.pill', { hasText: 'Private' }).waitFor();
    await row.getByRole('button', { name: 'Make public' }).click();
    await row.locator('.pill', { hasText: 'Public' }).waitFor();

    await row.getByRole('button', { name: 'Archive' }).click();
    await row.locator('.pill', { hasText: 'Archived' }).waitFor();
    const launchId = (await world.admin.getChannelByName(world.teamId, 'launch', true)).id;
    assert.ok((await world.admin.getChannel(launchId)).delete_at > 0);
    await screenshot(alice, 'console-channels-light');
    await row.getByRole('button', { name: 'Unarchive' }).click();
    await row.locator('.pill', { hasText: 'Active' }).waitFor();
    assert.equal((await world.admin.getChannel(launchId)).delete_at, 0);
  });

  it('saves settings through the config patch', async () => {
    await alice.getByRole('link', { name: 'Site', exact: true }).click();
    await alice.getByLabel('Site name').fill('Acme Chat');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.getByRole('status').getByText('Settings saved').waitFor();
    await alice.getByRole('link', { name: 'Sessions' }).click();
    const length = alice.getByLabel('Web session length (hours)');
    assert.equal(await length.inputValue(), '720');
    await length.fill('0');
    await alice.getByRole('button', { name: 'Save' }).click();
    // The server refuses an invalid value and the console says why.
    await alice.locator('.form-error[role="alert"]').waitFor();
    await length.fill('240');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.getByRole('status').getByText('Settings saved').waitFor();
    const config = (await world.admin.getConfig()) as unknown as {
      TeamSettings: { SiteName: string };
      ServiceSettings: { SessionLengthWebInHours: number };
    };
    assert.equal(config.TeamSettings.SiteName, 'Acme Chat');
    assert.equal(config.ServiceSettings.SessionLengthWebInHours, 240);
  });

  it('the admin disables sign-up and the sign-up page says so', async () => {
    const visitor = await newUserPage(browser);
    await visitor.page.goto(`${world.server.url}/signup_user_complete`);
    await visitor.page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await alice.getByRole('link', { name: 'Sign-up', exact: true }).click();
    const toggle = alice.getByLabel('Allow creating accounts');
    assert.equal(await toggle.isChecked(), true);
    await toggle.click({ force: true });
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.getByRole('status').getByText('Settings saved').waitFor();
    await screenshot(alice, 'console-settings-light');
    await visitor.page.reload();
    await visitor.page.getByRole('heading', { name: 'Sign-up is closed' }).waitFor();
    assert.match((await visitor.page.locator('.brand').textContent()) ?? '', /Acme Chat/);
    await visitor.context.close();
  });

  it('looks right in the dark theme', async () => {
    await alice.evaluate(() => localStorage.setItem('parley.theme', 'dark'));
    await alice.reload();
    await alice.getByRole('link', { name: 'Users' }).click();
    await alice.locator('tr[data-username="carol"]').waitFor();
    await screenshot(alice, 'console-users-dark');
    await alice.evaluate(() => localStorage.setItem('parley.theme', 'light'));
    assert.deepEqual(errors, []);
  });
});
