import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import { signIn, startWorld, type World } from './world.ts';

/** Browse, create, join, leave, archive; settings and members; keyboard navigation. Two people. */
describe('channels', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const errors: string[] = [];
  const link = (page: Page, name: string) => page.locator(`.sidebar a[data-channel="${name}"]`);
  const title = (page: Page, text: string) => page.locator('.channel-header h1', { hasText: text });

  before(async () => {
    world = await startWorld();
    browser = await launchBrowser();
    alice = await signIn(browser, world, 'alice', errors);
    bob = await signIn(browser, world, 'bob', errors);
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  it('creates a public channel', async () => {
    await alice.getByRole('button', { name: 'Add channels' }).click();
    await alice.getByRole('menuitem', { name: 'Create new channel' }).click();
    const form = alice.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name').fill('Design Team');
    await form.getByLabel('Purpose (optional)').fill('Pixels and type');
    await form.getByRole('button', { name: 'Create channel' }).click();
    await alice.waitForURL('**/acme/channels/design-team');
    await title(alice, 'Design Team').waitFor();
    await link(alice, 'design-team').waitFor();
  });

  it('another person browses and joins it, and the member count follows', async () => {
    await bob.getByRole('button', { name: 'Add channels' }).click();
    await bob.getByRole('menuitem', { name: 'Browse channels' }).click();
    const dialog = bob.getByRole('dialog', { name: 'Browse channels' });
    await dialog.getByLabel('Search channels').fill('design');
    const row = dialog.locator('[data-channel="design-team"]');
    await row.getByText('Pixels and type').waitFor();
    await screenshot(bob, 'browse-channels');
    await row.getByRole('button', { name: 'Join' }).click();
    await bob.waitForURL('**/acme/channels/design-team');
    await link(bob, 'design-team').waitFor();
    await alice.getByRole('button', { name: '2 members' }).waitFor();
  });

  it('renames a channel and sets its header; the other person sees it live', async () => {
    await alice.getByRole('button', { name: 'Design Team channel menu' }).click();
    await alice.getByRole('menuitem', { name: 'Channel settings' }).click();
    const form = alice.getByRole('form', { name: 'Channel settings' });
    await form.getByLabel('Channel name').fill('Design');
    await form.getByLabel('Header').fill('Specs live in [the wiki](https://example.com/wiki)');
    await form.getByRole('button', { name: 'Save' }).click();
    await title(alice, 'Design').waitFor();
    await bob.locator('.channel-about a[href="https://example.com/wiki"]').waitFor();
    await title(bob, 'Design').waitFor();
  });

  it('lists members, removes and adds one', async () => {
    await alice.getByRole('button', { name: '2 members' }).click();
    const panel = alice.getByRole('complementary', { name: 'Members' });
    await panel.locator('[data-username="bob"]').waitFor();
    await panel.getByRole('button', { name: 'Remove bob' }).click();
    await panel.locator('[data-username="bob"]').waitFor({ state: 'detached' });
    await link(bob, 'design-team').waitFor({ state: 'detached' });
    await panel.getByLabel('Add people').fill('bo');
    await panel.getByRole('button', { name: /Bob Stone/ }).click();
    await panel.locator('[data-username="bob"]').waitFor();
    await link(bob, 'design-team').waitFor();
    await screenshot(alice, 'members-panel');
    await alice.getByRole('button', { name: 'Close members' }).click();
  });

  it('a private channel stays out of the public list', async () => {
    await alice.getByRole('button', { name: 'Add channels' }).click();
    await alice.getByRole('menuitem', { name: 'Create new channel' }).click();
    const form = alice.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name').fill('Secret Plans');
    await form.locator('input[type="checkbox"]').check({ force: true });
    await form.getByRole('button', { name: 'Create channel' }).click();
    await alice.waitForURL('**/acme/channels/secret-plans');
    await bob.getByRole('button', { name: 'Add channels' }).click();
    await bob.getByRole('menuitem', { name: 'Browse channels' }).click();
    const dialog = bob.getByRole('dialog', { name: 'Browse channels' });
    await dialog.locator('[data-channel="off-topic"]').waitFor();
    assert.equal(await dialog.locator('[data-channel="secret-plans"]').count(), 0);
    await bob.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
  });

  it('switches channels with Ctrl+K and Alt+Up/Down', async () => {
    await bob.keyboard.press('Control+k');
    await bob.getByLabel('Find a channel').fill('off');
    await bob.keyboard.press('Enter');
    await bob.waitForURL('**/acme/channels/off-topic');
    await title(bob, 'Off-Topic').waitFor();
    // Sidebar order (alphabetical): Design, Off-Topic, Town Square.
    await bob.keyboard.press('Alt+ArrowDown');
    await title(bob, 'Town Square').waitFor();
    await bob.keyboard.press('Alt+ArrowUp');
    await title(bob, 'Off-Topic').waitFor();
    await bob.keyboard.press('Alt+ArrowUp');
    await title(bob, 'Design').waitFor();
  });

  it('Escape marks the open channel read', async () => {
    const viewed = bob.waitForRequest((r) => r.url().includes('/channels/members/me/view'));
    await bob.locator('.post-list').click();
    await bob.keyboard.press('Escape');
    await viewed;
  });

  it('leaves a channel, and archives one', async () => {
    await bob.getByRole('button', { name: 'Design channel menu' }).click();
    await bob.getByRole('menuitem', { name: 'Leave channel' }).click();
    await bob.waitForURL('**/acme/channels/town-square');
    await link(bob, 'design-team').waitFor({ state: 'detached' });
    await link(alice, 'design-team').click();
    await alice.getByRole('button', { name: 'Design channel menu' }).click();
    await alice.getByRole('menuitem', { name: 'Archive channel' }).click();
    await alice.waitForURL('**/acme/channels/town-square');
    await link(alice, 'design-team').waitFor({ state: 'detached' });
    assert.deepEqual(errors, []);
  });
});
