import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newUserPage, screenshot } from './browser.ts';
import type { PageWindow } from './dom.ts';
import { postIn, signIn, startWorld, type World } from './world.ts';

/** A small picture drawn by the browser itself (a gradient with initials) as a PNG. */
async function drawPicture(page: Page): Promise<Buffer> {
  const url = await page.evaluate(() => {
    const canvas = (globalThis as unknown as PageWindow).document.createElement('canvas');
    canvas.width = canvas.height = 128;
    const g = canvas.getContext('2d')!;
    const fill = g.createLinearGradient(0, 0, 128, 128);
    fill.addColorStop(0, '#f59e0b');
    fill.addColorStop(1, '#db2777');
    g.fillStyle = fill;
    g.fillRect(0, 0, 128, 128);
    g.fillStyle = '#fff';
    g.font = 'bold 56px sans-serif';
    g.textAlign = 'center';
    g.textBaseline = 'middle';
    g.fillText('AA', 64, 68);
    return canvas.toDataURL('image/png');
  });
  return Buffer.from(url.split(',')[1], 'base64');
}

/** Records desktop notifications instead of showing them, with permission already granted. */
async function fakeNotifications(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = globalThis as unknown as PageWindow;
    const shown: PageWindow['shown'] = [];
    w.shown = shown;
    class FakeNotification {
      static permission = 'granted';
      static requestPermission = () => Promise.resolve('granted');
      onclick: (() => void) | null = null;
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    w.Notification = FakeNotification;
  });
}

/** Settings (profile, picture, password, notifications, display) and desktop notifications. */
describe('settings and notifications', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  let townSquare: string;
  const errors: string[] = [];
  const dialog = (page: Page) => page.getByRole('dialog', { name: 'Settings' });

  before(async () => {
    world = await startWorld();
    browser = await launchBrowser();
    townSquare = (await world.admin.getChannelByName(world.teamId, 'town-square')).id;
    alice = await signIn(browser, world, 'alice', errors);
    bob = await signIn(browser, world, 'bob', errors, { beforeLoad: fakeNotifications });
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  const openSettings = async (page: Page, tab: string) => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Settings' }).click();
    await dialog(page).getByRole('tab', { name: tab }).click();
  };

  it('edits the profile and uploads a picture', async () => {
    await openSettings(alice, 'Profile');
    const form = dialog(alice).getByRole('form', { name: 'Profile' });
    await form.getByLabel('Last name').fill('Archer');
    await form.getByLabel('Nickname').fill('Ally');
    await form.getByLabel('Position').fill('Founder');
    await form.getByRole('button', { name: 'Save profile' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    await form.getByLabel('Profile picture').setInputFiles({
      name: 'me.png',
      mimeType: 'image/png',
      buffer: await drawPicture(alice),
    });
    await alice.locator('.sidebar-header .avatar img').waitFor();
    await screenshot(alice, 'settings-light');
    const me = await world.admin.getMe();
    assert.equal(me.position, 'Founder');
    assert.equal(me.nickname, 'Ally');
    assert.ok((me.last_picture_update ?? 0) > 0);
    // Bob's app hears of the change (user_updated) and shows the new name.
    await world.admin.createPost({ channel_id: townSquare, message: 'Name check' } as never);
    await postIn(bob, 'Name check').getByRole('button', { name: 'Alice Archer' }).waitFor();
  });

  it('changes the password, refusing a wrong current one', async () => {
    await dialog(alice).getByRole('tab', { name: 'Password' }).click();
    const form = dialog(alice).getByRole('form', { name: 'Password' });
    await form.getByLabel('Current password').fill('not-my-password');
    await form.getByLabel('New password', { exact: true }).fill('new-password-456');
    await form.getByLabel('Confirm new password').fill('new-password-456');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('alert').waitFor();
    await form.getByLabel('Current password').fill('password-123');
    await form.getByLabel('New password', { exact: true }).fill('new-password-456');
    await form.getByLabel('Confirm new password').fill('new-password-456');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    // The change ends alice's other sessions (as upstream), the API client's included.
    await assert.rejects(world.admin.getMe());
    await world.admin.login('alice', 'new-password-456');
  });

  it('saves notification preferences and mutes a channel', async () => {
    await dialog(alice).getByRole('tab', { name: 'Notifications' }).click();
    const form = dialog(alice).getByRole('form', { name: 'Notifications' });
    await form.getByRole('radio', { name: 'For all activity' }).check();
    await form.getByLabel('Other words that mention me').fill('launch, design');
    await form.getByLabel(/channel-wide mentions/).uncheck();
    await form.getByRole('button', { name: 'Save notifications' }).click();
    await form.getByRole('status').getByText('Saved.').waitFor();
    const props = (await world.admin.getMe()).notify_props;
    assert.equal(props.desktop, 'all');
    assert.equal(props.mention_keys, 'launch,design');
    assert.equal(props.channel, 'false');
    await form.getByRole('button', { name: 'Mute Town Square' }).click();
    await form.getByRole('button', { name: 'Unmute Town Square' }).waitFor();
    const member = await world.admin.getMyChannelMember(townSquare);
    assert.equal(member.notify_props.mark_unread, 'mention');
    await form.getByRole('button', { name: 'Unmute Town Square' }).click();
    await form.getByRole('button', { name: 'Mute Town Square' }).waitFor();
  });

  it('switches theme, clock and density, and the choices roam', async () => {
    await dialog(alice).getByRole('tab', { name: 'Display' }).click();
    await dialog(alice).getByRole('radio', { name: 'Dark' }).check();
    await alice.locator('html[data-theme="dark"]').waitFor();
    await dialog(alice)
      .getByRole('radio', { name: /24-hour/ })
      .check();
    await dialog(alice)
      .getByRole('radio', { name: /Compact/ })
      .check();
    await alice.locator('.app-shell.compact-display').waitFor();
    await screenshot(alice, 'settings-dark');
    await alice.keyboard.press('Escape');
    const time = await postIn(alice, 'Name check').locator('.post-header time').first().textContent();
    assert.match(time ?? '', /^\d{2}:\d{2}$/);
    const prefs = (await world.admin.getMyPreferences()) as unknown as Array<Record<string, string>>;
    const value = (category: string, name: string) =>
      prefs.find((p) => p.category === category && p.name === name)?.value;
    assert.equal(value('display_settings', 'use_military_time'), 'true');
    assert.equal(value('display_settings', 'message_display'), 'compact');
    assert.match(value('theme', '') ?? '', /Onyx/);
    // Another session of the same person starts with the same choices.
    const { page: again, context } = await newUserPage(browser);
    await again.goto(`${world.server.url}/login`);
    await again.getByLabel('Email or username').fill('alice');
    await again.getByLabel('Password').fill('new-password-456');
    await again.getByRole('button', { name: 'Log in' }).click();
    await again.locator('html[data-theme="dark"]').waitFor();
    await again.locator('.app-shell.compact-display').waitFor();
    await context.close();
    await openSettings(alice, 'Display');
    await dialog(alice).getByRole('radio', { name: 'Light' }).check();
    await dialog(alice)
      .getByRole('radio', { name: /Standard/ })
      .check();
    await alice.locator('html[data-theme="light"]').waitFor();
    await alice.keyboard.press('Escape');
  });

  it('shows desktop notifications for mentions outside the open channel, and counts them in the title', async () => {
    await bob.getByRole('link', { name: /Off-Topic/ }).click();
    await bob.waitForURL('**/acme/channels/off-topic');
    const shown = () => bob.evaluate(() => (globalThis as unknown as PageWindow).shown);
    await world.admin.createPost({ channel_id: townSquare, message: 'no mention in this one' } as never);
    await world.admin.createPost({ channel_id: townSquare, message: 'hey @bob, look' } as never);
    await bob.waitForFunction(() => (globalThis as unknown as PageWindow).document.title.startsWith('(1) '));
    const notes = await shown();
    assert.equal(notes.length, 1);
    assert.match(notes[0].body, /hey @bob, look/);
    await bob.getByRole('link', { name: /Town Square/ }).click();
    await bob.waitForFunction(() => !(globalThis as unknown as PageWindow).document.title.startsWith('('));
    // The channel I am looking at, in a focused tab: no notification.
    await bob.bringToFront();
    await world.admin.createPost({ channel_id: townSquare, message: '@bob you are here' } as never);
    await postIn(bob, 'you are here').waitFor();
    assert.equal((await shown()).length, 1);
  });

  it('applies the sidebar preferences: unread channels grouped apart, fewer direct messages', async () => {
    const offTopic = (await world.admin.getChannelByName(world.teamId, 'off-topic')).id;
    await openSettings(bob, 'Sidebar');
    await dialog(bob).getByLabel('Show unread channels in their own section').check();
    await world.admin.createPost({ channel_id: offTopic, message: 'something new over here' } as never);
    const unreads = bob.getByRole('region', { name: 'Unreads' });
    await unreads.getByRole('link', { name: /Off-Topic/ }).waitFor();
    const channels = bob.getByRole('region', { name: 'Channels', exact: true });
    assert.equal(await channels.getByRole('link', { name: /Off-Topic/ }).count(), 0);

    // Twelve people write to Bob; the sidebar keeps the ten most recent once he reads them.
    const bobClient = world.server.client();
    await bobClient.login('bob', 'password-123');
    for (let i = 0; i < 12; i++) {
      const other = await world.server.userByAdmin(world.admin, { username: `pal${i}` });
      await bobClient.createDirectChannel([world.bobId, other.user.id]);
    }
    const dms = bob.getByRole('region', { name: 'Direct Messages' }).locator('a.channel-link');
    await dialog(bob).getByLabel('Number of direct messages to show').selectOption('10');
    await bob.reload();
    await bob.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
    await bob.waitForFunction(
      () =>
        (globalThis as unknown as PageWindow).document.querySelectorAll(
          'section[aria-label="Direct Messages"] a',
        ).length === 10,
    );
    await openSettings(bob, 'Sidebar');
    await dialog(bob).getByLabel('Number of direct messages to show').selectOption('10000');
    await bob.waitForFunction(
      () =>
        (globalThis as unknown as PageWindow).document.querySelectorAll(
          'section[aria-label="Direct Messages"] a',
        ).length >= 12,
    );
    assert.ok((await dms.count()) >= 12);
    await screenshot(bob, 'settings-sidebar');
    await bob.keyboard.press('Escape');
    assert.deepEqual(errors, []);
  });
});
