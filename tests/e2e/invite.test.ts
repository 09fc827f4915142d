import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newUserPage, screenshot } from './browser.ts';
import type { PageWindow } from './dom.ts';
import { postIn, signIn, startWorld, type World } from './world.ts';

/** Bringing people into a team: the invite link on a closed server, and adding existing accounts. */
describe('inviting people', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  const errors: string[] = [];

  before(async () => {
    world = await startWorld({ TeamSettings: { EnableOpenServer: false } });
    browser = await launchBrowser();
    alice = await signIn(browser, world, 'alice', errors);
    await alice
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.server.url });
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  it('a newcomer signs up through the copied invite link, lands in the team and chats live', async () => {
    await alice.getByRole('button', { name: 'Team menu' }).click();
    await alice.getByRole('menuitem', { name: 'Invite people' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Invite people to Acme' });
    const field = dialog.getByLabel('Invite link');
    await field.waitFor();
    await dialog.getByRole('button', { name: 'Copy link' }).click();
    await dialog.getByRole('status').getByText('Link copied.').waitFor();
    const link = await alice.evaluate(() =>
      (globalThis as unknown as PageWindow).navigator.clipboard.readText(),
    );
    assert.equal(link, await field.inputValue());
    assert.match(link, /\/signup_user_complete\/\?id=[a-z0-9]{26}$/);
    await screenshot(alice, 'invite-people');
    await dialog.getByRole('button', { name: 'Close' }).click();

    // Without the invite, sign-up is closed on this server.
    const dana = await newUserPage(browser);
    dana.page.on('pageerror', (e) => errors.push(`dana: ${e.message}`));
    await dana.page.goto(`${world.server.url}/signup_user_complete`);
    await dana.page.getByRole('heading', { name: 'Sign-up is closed' }).waitFor();

    await dana.page.goto(link);
    await dana.page.getByRole('heading', { name: 'Create your account' }).waitFor();
    await dana.page.getByText('You were invited to Acme.').waitFor();
    await dana.page.getByLabel('Email').fill('dana@example.com');
    await dana.page.getByLabel('Username').fill('dana');
    await dana.page.getByLabel('Password').fill('password-123');
    await dana.page.getByRole('button', { name: 'Create account' }).click();
    await dana.page.waitForURL('**/acme/channels/town-square');
    await dana.page.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();

    await dana.page.getByRole('textbox', { name: /Write to/ }).fill('Hello from the invite link');
    await dana.page.keyboard.press('Enter');
    await postIn(alice, 'Hello from the invite link').waitFor();
    await alice.getByRole('textbox', { name: /Write to/ }).fill('Welcome, Dana!');
    await alice.keyboard.press('Enter');
    await postIn(dana.page, 'Welcome, Dana!').waitFor();
    await dana.context.close();
  });

  it('adds people who already have an account to the team', async () => {
    await world.admin.createUser(
      { username: 'erin', email: 'erin@example.com', password: 'password-123' } as never,
      '',
      '',
    );
    await alice.getByRole('button', { name: 'Team menu' }).click();
    await alice.getByRole('menuitem', { name: 'Add members' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Add members to Acme' });
    await dialog.getByLabel('Search people').fill('eri');
    await dialog.getByRole('button', { name: /@erin/ }).click();
    await dialog.getByRole('button', { name: 'Add', exact: true }).click();
    await dialog.getByRole('status').getByText('Added @erin to the team.').waitFor();
    const members = await world.admin.getTeamMembers(world.teamId, 0, 100);
    const erin = await world.admin.getUserByUsername('erin');
    assert.ok(members.some((m) => m.user_id === erin.id));
    await dialog.getByRole('button', { name: 'Close' }).click();
    assert.deepEqual(errors, []);
  });
});
