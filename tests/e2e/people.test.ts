import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { postIn, signIn, startWorld, type World } from './world.ts';

/** The Threads view, group messages, presence and the profile card, with two people live. */
describe('threads and people', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  let bobApi: ReturnType<World['server']['client']>;
  let townSquare: string;
  let rootId: string;
  const errors: string[] = [];

  before(async () => {
    world = await startWorld();
    browser = await launchBrowser();
    const carol = await world.admin.createUser(
      {
        username: 'carol',
        email: 'carol@example.com',
        password: 'password-123',
        first_name: 'Carol',
      } as never,
      '',
      '',
    );
    await world.admin.addToTeam(world.teamId, carol.id);
    townSquare = (await world.admin.getChannelByName(world.teamId, 'town-square')).id;
    const root = await world.admin.createPost({
      channel_id: townSquare,
      message: 'Plan for the launch?',
    } as never);
    rootId = root.id;
    bobApi = world.server.client();
    await bobApi.login('bob', 'password-123');
    await bobApi.createPost({ channel_id: townSquare, root_id: rootId, message: 'Ship on Friday' } as never);
    alice = await signIn(browser, world, 'alice', errors);
    bob = await signIn(browser, world, 'bob', errors);
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  it('shows followed threads with unread replies, and opening one reads it', async () => {
    const threadsLink = alice.getByRole('link', { name: /Threads/ });
    await threadsLink.locator('.dot').waitFor();
    await threadsLink.click();
    await alice.waitForURL('**/acme/threads');
    const row = alice.locator(`.thread-row[data-thread="${rootId}"]`);
    await row.getByText('Plan for the launch?').waitFor();
    await row.getByText('1 reply · 1 new').waitFor();
    await alice.getByRole('tab', { name: 'Unread' }).click();
    await row.waitFor();
    await screenshot(alice, 'threads-light');
    await row.click();
    const panel = alice.getByRole('complementary', { name: 'Thread' });
    await panel.getByText('Ship on Friday').waitFor();
    await row.waitFor({ state: 'detached' });
    await alice.getByText('No unread threads. You are all caught up.').waitFor();
    await threadsLink.locator('.dot').waitFor({ state: 'detached' });
  });

  it('a new reply from someone else shows up in the Threads view live', async () => {
    await alice.getByRole('tab', { name: 'Followed threads' }).click();
    await alice.getByRole('button', { name: 'Close thread' }).click();
    const row = alice.locator(`.thread-row[data-thread="${rootId}"]`);
    await row.getByText('1 reply').waitFor();
    await bobApi.createPost({ channel_id: townSquare, root_id: rootId, message: 'Or Monday' } as never);
    await row.getByText('2 replies · 1 new').waitFor();
    await alice.evaluate(() => localStorage.setItem('parley.theme', 'dark'));
    await alice.reload();
    await row.getByText('2 replies · 1 new').waitFor();
    await screenshot(alice, 'threads-dark');
    await alice.evaluate(() => localStorage.setItem('parley.theme', 'light'));
    await alice.reload();
    await row.waitFor();
  });

  it('starts a group message from the user picker', async () => {
    await alice.locator('a[data-channel="town-square"]').click();
    await alice.getByRole('button', { name: 'Write a direct message' }).click();
    const dialog = alice.getByRole('dialog', { name: 'Direct or group message' });
    await dialog.getByRole('button', { name: 'Add bob to a group' }).click();
    await dialog.getByLabel('Search people').fill('carol');
    await dialog.getByRole('button', { name: /Carol/ }).first().click();
    await alice.locator('.channel-header h1', { hasText: 'bob' }).waitFor();
    const composer = alice.getByRole('textbox', { name: /^Write to/ });
    await composer.fill('Hello both of you');
    await composer.press('Enter');
    const gm = bob.locator('.category[aria-label="Direct Messages"] a.channel-link', { hasText: 'carol' });
    await gm.waitFor();
    await gm.click();
    await postIn(bob, 'Hello both of you').waitFor();
  });

  it('shows presence and changes it from the status menu', async () => {
    await bob.locator('a[data-channel="town-square"]').click();
    await bob.getByRole('textbox', { name: 'Write to ~Town Square' }).fill('Status check');
    await bob.getByRole('textbox', { name: 'Write to ~Town Square' }).press('Enter');
    await alice.locator('a[data-channel="town-square"]').click();
    const bobPost = postIn(alice, 'Status check');
    await bobPost.locator('.presence[data-status="online"]').waitFor();
    await bob.getByRole('button', { name: 'Account menu' }).click();
    await bob.getByRole('menuitemradio', { name: 'Do not disturb' }).click();
    // Others' statuses are polled (every minute, and when the window regains focus).
    await bob.locator('.me-button .presence[data-status="dnd"]').waitFor();
    await alice.evaluate("window.dispatchEvent(new Event('focus'))");
    await bobPost.locator('.presence[data-status="dnd"]').waitFor();
    await bob.getByRole('button', { name: 'Account menu' }).click();
    assert.equal(
      await bob.getByRole('menuitemradio', { name: 'Do not disturb' }).getAttribute('aria-checked'),
      'true',
    );
    await bob.getByRole('menuitemradio', { name: 'Away' }).click();
    await bob.locator('.me-button .presence[data-status="away"]').waitFor();
    await alice.evaluate("window.dispatchEvent(new Event('focus'))");
    await bobPost.locator('.presence[data-status="away"]').waitFor();
  });

  it('opens a profile card from a name and messages the person', async () => {
    const bobPost = postIn(alice, 'Status check');
    await bobPost.getByRole('button', { name: 'Bob Stone' }).click();
    const card = alice.getByRole('dialog', { name: 'Profile of Bob Stone' });
    await card.getByText('@bob').waitFor();
    await card.getByText('Away').waitFor();
    await screenshot(alice, 'profile-popover');
    await card.getByRole('button', { name: 'Message' }).click();
    await alice.locator('.channel-header h1', { hasText: 'Bob Stone' }).waitFor();
    assert.deepEqual(errors, []);
  });
});
