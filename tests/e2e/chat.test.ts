import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../apps/server/test/harness.ts';
import { launchBrowser, newUserPage, screenshot } from './browser.ts';

/**
 * The web app in a real Chromium against a real Parley on a fresh database: the first run, then two
 * people (two browser contexts, so two sessions) chatting. The steps build on each other, in order.
 */
describe('web app', () => {
  let server: TestServer;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  const errors: string[] = [];

  before(async () => {
    server = await startTestServer({ TeamSettings: { EnableOpenServer: false } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  // A failing step leaves pictures of both screens for whoever reads the log.
  afterEach(async (t) => {
    if (!process.env.E2E_DEBUG_DIR) return;
    const name = t.name.replace(/\W+/g, '-');
    await alice
      ?.screenshot({ path: `${process.env.E2E_DEBUG_DIR}/${name}-alice.png` })
      .catch(() => undefined);
    await bob?.screenshot({ path: `${process.env.E2E_DEBUG_DIR}/${name}-bob.png` }).catch(() => undefined);
  });

  const post = (page: Page, text: string) => page.locator('.post-list article.post', { hasText: text });

  it('serves the app for client-side routes and keeps the API its own', async () => {
    const page = await fetch(`${server.url}/acme/channels/town-square`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(page.headers.get('x-content-type-options'), 'nosniff');
    const html = await page.text();
    const asset = /src="(\/static\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(asset, 'index.html loads a hashed script from /static/assets/');
    const js = await fetch(server.url + asset);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('cache-control') ?? '', /immutable/);
    const api = await fetch(`${server.url}/api/v4/nothing-here`);
    assert.equal(api.status, 404);
    assert.match(api.headers.get('content-type') ?? '', /application\/json/);
    assert.equal((await fetch(`${server.url}/static/missing.js`)).status, 404);
    assert.equal((await fetch(`${server.url}/static/..%2f..%2fpackage.json`)).status, 404);
  });

  it('first run: creates the administrator and the first team', async () => {
    const a = await newUserPage(browser);
    alice = a.page;
    alice.on('pageerror', (e) => errors.push(e.message));
    await alice.goto(server.url);
    await alice.getByRole('heading', { name: 'Set up Parley' }).waitFor();
    await alice.getByLabel('Email').fill('alice@example.com');
    await alice.getByLabel('Username').fill('alice');
    await alice.getByLabel('Password').fill('password-123');
    await alice.getByRole('button', { name: 'Create administrator' }).click();
    await alice.getByRole('heading', { name: 'Create your first team' }).waitFor();
    await alice.getByLabel('Team name').fill('Acme');
    await alice.getByRole('button', { name: 'Create team' }).click();
    await alice.waitForURL('**/acme/channels/town-square');
    await alice.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
    const me = (await alice.evaluate(() => fetch('/api/v4/users/me').then((r) => r.json()))) as {
      roles: string;
    };
    assert.match(me.roles, /system_admin/);
  });

  it('shows the login page, and says so when sign-up is closed', async () => {
    const { page, context } = await newUserPage(browser);
    await page.goto(`${server.url}/signup_user_complete`);
    await page.getByRole('heading', { name: 'Sign-up is closed' }).waitFor();
    await page.getByRole('button', { name: 'Back to log in' }).click();
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.getByLabel('Email or username').fill('alice');
    await screenshot(page, 'login');
    await page.getByLabel('Password').fill('wrong-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.locator('.form-error[role="alert"]').waitFor();
    await context.close();
  });

  it('a second user logs in and lands in the team', async () => {
    const admin = server.client();
    await admin.login('alice', 'password-123');
    const created = await admin.createUser(
      {
        username: 'bob',
        email: 'bob@example.com',
        password: 'password-123',
        first_name: 'Bob',
        last_name: 'Stone',
      } as never,
      '',
      '',
    );
    const team = await admin.getTeamByName('acme');
    await admin.addToTeam(team.id, created.id);
    const townSquare = await admin.getChannelByName(team.id, 'town-square');
    await admin.patchChannel(townSquare.id, { purpose: 'Company-wide announcements and **chatter**' });
    const b = await newUserPage(browser);
    bob = b.page;
    bob.on('pageerror', (e) => errors.push(e.message));
    await bob.goto(`${server.url}/acme/channels/town-square`);
    await bob.waitForURL('**/login?redirect_to=*');
    await bob.getByLabel('Email or username').fill('bob@example.com');
    await bob.getByLabel('Password').fill('password-123');
    await bob.getByRole('button', { name: 'Log in' }).click();
    await bob.waitForURL('**/acme/channels/town-square');
    await bob.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
    await bob.locator('.channel-about strong', { hasText: 'chatter' }).waitFor();
  });

  it('two users chat in real time in a channel, with typing and Markdown', async () => {
    const composerA = alice.getByRole('textbox', { name: 'Write to ~Town Square' });
    await composerA.fill('Hello from Alice');
    await bob.getByText('alice is typing…').waitFor();
    await composerA.press('Enter');
    await post(bob, 'Hello from Alice').waitFor();
    const composerB = bob.getByRole('textbox', { name: 'Write to ~Town Square' });
    await composerB.fill('Hi @alice, **welcome**');
    await composerB.press('Shift+Enter');
    await bob.keyboard.insertText('```\nconst x = 1;\n```');
    await composerB.press('Enter');
    const reply = post(alice, 'welcome');
    await reply.waitFor();
    assert.equal(await reply.locator('strong').textContent(), 'welcome');
    assert.equal(await reply.locator('.mention-me').textContent(), '@alice');
    assert.equal(await reply.locator('pre code').textContent(), 'const x = 1;\n');
  });

  it('never runs HTML or script links from a message', async () => {
    const composerA = alice.getByRole('textbox', { name: 'Write to ~Town Square' });
    await composerA.fill(
      '<img src=x onerror="window.__pwned=1"> <script>window.__pwned=2</script> [click](javascript:window.__pwned=3) unsafe-html-check',
    );
    await composerA.press('Enter');
    const shown = post(bob, 'unsafe-html-check');
    await shown.waitFor();
    assert.equal(await shown.locator('img[onerror], script').count(), 0);
    assert.equal(await shown.locator('a[href^="javascript"]').count(), 0);
    assert.equal(await bob.evaluate('typeof window.__pwned'), 'undefined');
    await shown.hover();
    await shown.getByRole('button', { name: 'Delete message' }).waitFor({ state: 'detached' });
    const mine = post(alice, 'unsafe-html-check');
    await mine.hover();
    await mine.getByRole('button', { name: 'Delete message' }).click();
    await shown.waitFor({ state: 'detached' });
  });

  it('replies in a thread', async () => {
    const root = post(alice, 'Hello from Alice');
    await root.hover();
    await root.getByRole('button', { name: 'Reply in thread' }).click();
    const thread = alice.getByRole('complementary', { name: 'Thread' });
    await thread.getByRole('textbox', { name: 'Reply to thread…' }).fill('A reply in the thread');
    await thread.getByRole('textbox', { name: 'Reply to thread…' }).press('Enter');
    await thread.getByText('A reply in the thread').waitFor();
    const count = post(bob, 'Hello from Alice').getByRole('button', { name: '1 reply' });
    await count.waitFor();
    await count.click();
    await bob.getByRole('complementary', { name: 'Thread' }).getByText('A reply in the thread').waitFor();
    await screenshot(alice, 'thread-panel');
    await bob.getByRole('button', { name: 'Close thread' }).click();
    await alice.getByRole('button', { name: 'Close thread' }).click();
  });

  it('adds and toggles a reaction', async () => {
    const target = post(bob, 'Hello from Alice');
    await target.hover();
    await target.getByRole('button', { name: 'Add reaction' }).click();
    await bob.getByRole('button', { name: 'React with +1' }).first().click();
    const onAlice = post(alice, 'Hello from Alice').locator('.reaction');
    await onAlice.getByText('1', { exact: true }).waitFor();
    await onAlice.click();
    await post(bob, 'Hello from Alice').locator('.reaction .count', { hasText: '2' }).waitFor();
    await onAlice.click();
    await post(bob, 'Hello from Alice').locator('.reaction .count', { hasText: '1' }).waitFor();
  });

  it('edits and deletes a message', async () => {
    const composerA = alice.getByRole('textbox', { name: 'Write to ~Town Square' });
    await composerA.fill('Message with a typo');
    await composerA.press('Enter');
    await composerA.fill('Message to delete');
    await composerA.press('Enter');
    await post(bob, 'Message to delete').waitFor();

    const typo = post(alice, 'Message with a typo');
    await typo.hover();
    await typo.getByRole('button', { name: 'Edit message' }).click();
    const edit = alice.getByRole('textbox', { name: 'Edit message' });
    await edit.fill('Message without a typo');
    await edit.press('Enter');
    const edited = post(bob, 'Message without a typo');
    await edited.waitFor();
    await edited.getByText('(edited)').waitFor();

    const doomed = post(alice, 'Message to delete');
    await doomed.hover();
    await doomed.getByRole('button', { name: 'Delete message' }).click();
    await post(bob, 'Message to delete').waitFor({ state: 'detached' });
    await post(alice, 'Message to delete').waitFor({ state: 'detached' });
    // Up in the empty composer edits the last own message.
    await alice.getByRole('textbox', { name: 'Write to ~Town Square' }).press('ArrowUp');
    const upEdit = alice.getByRole('textbox', { name: 'Edit message' });
    assert.equal(await upEdit.inputValue(), 'Message without a typo');
    await upEdit.press('Escape');
    await upEdit.waitFor({ state: 'detached' });
  });

  it('marks a channel unread with a mention badge, and clears it when opened', async () => {
    await bob.locator('a[data-channel="off-topic"]').click();
    await bob.locator('.channel-header h1', { hasText: 'Off-Topic' }).waitFor();
    const composerA = alice.getByRole('textbox', { name: 'Write to ~Town Square' });
    await composerA.fill('@bob are you there?');
    await composerA.press('Enter');
    const link = bob.locator('a[data-channel="town-square"]');
    await link.locator('.badge', { hasText: '1' }).waitFor();
    assert.match((await link.getAttribute('class')) ?? '', /unread/);
    await link.click();
    await post(bob, 'are you there?').waitFor();
    await link.locator('.badge').waitFor({ state: 'detached' });
    assert.doesNotMatch((await link.getAttribute('class')) ?? '', /unread/);
    await screenshot(bob, 'channel-light');
    // At phone width the sidebar hides behind the menu button.
    await bob.setViewportSize({ width: 390, height: 844 });
    await screenshot(bob, 'channel-phone');
    await bob.getByRole('button', { name: 'Show channels' }).click();
    await bob.locator('a[data-channel="off-topic"]').waitFor({ state: 'visible' });
    await screenshot(bob, 'sidebar-phone');
    await bob.locator('a[data-channel="town-square"]').click();
    await bob.setViewportSize({ width: 1280, height: 800 });
  });

  it('starts a direct message from the user picker and chats in it', async () => {
    await alice.getByRole('button', { name: 'Write a direct message' }).click();
    await alice.getByLabel('Search people').fill('bob');
    // Scoped to the dialog: names on messages are buttons too (they open the profile card).
    await alice
      .getByRole('dialog')
      .getByRole('button', { name: /Bob Stone/ })
      .click();
    await alice.locator('.channel-header h1', { hasText: 'Bob Stone' }).waitFor();
    const composer = alice.getByRole('textbox', { name: 'Write to Bob Stone' });
    await composer.fill('A private hello');
    await composer.press('Enter');
    const dmLink = bob.locator('.category[aria-label="Direct Messages"] a.channel-link', {
      hasText: 'alice',
    });
    await dmLink.locator('.badge', { hasText: '1' }).waitFor();
    await dmLink.click();
    await post(bob, 'A private hello').waitFor();
    await bob.getByRole('textbox', { name: 'Write to alice' }).fill('Private hello back');
    await bob.getByRole('textbox', { name: 'Write to alice' }).press('Enter');
    await post(alice, 'Private hello back').waitFor();
  });

  it('keeps the user on the same channel after a reload', async () => {
    const before = new URL(bob.url()).pathname;
    assert.match(before, /^\/acme\/channels\/[a-z0-9]+__[a-z0-9]+$/);
    await bob.reload();
    await bob.locator('.channel-header h1', { hasText: 'alice' }).waitFor();
    await post(bob, 'A private hello').waitFor();
    assert.equal(new URL(bob.url()).pathname, before);
  });

  it('switches to the dark theme', async () => {
    await bob.locator('a[data-channel="town-square"]').click();
    await post(bob, 'are you there?').waitFor();
    await bob.getByRole('button', { name: 'Account menu' }).click();
    await bob.getByRole('menuitem', { name: 'Dark theme' }).click();
    assert.equal(await bob.locator('html').getAttribute('data-theme'), 'dark');
    await screenshot(bob, 'channel-dark');
    await bob.reload();
    await post(bob, 'are you there?').waitFor();
    assert.equal(await bob.locator('html').getAttribute('data-theme'), 'dark');
  });

  it('sends the user back to the login page when the session ends', async () => {
    await bob.getByRole('button', { name: 'Account menu' }).click();
    await bob.getByRole('menuitem', { name: 'Log out' }).click();
    await bob.getByRole('heading', { name: 'Log in' }).waitFor();
    // Alice's session is revoked elsewhere: the app notices (a 401) and shows the login page.
    const admin = server.client();
    await admin.login('alice', 'password-123');
    const me = await admin.getMe();
    await admin.revokeAllSessionsForUser(me.id);
    // The server closes her websocket; the failing reconnect makes the app check the session (no click needed).
    await alice.getByRole('heading', { name: 'Log in' }).waitFor();
    assert.match((await alice.locator('.notice').textContent()) ?? '', /session has expired/);
    assert.deepEqual(errors, []);
  });
});
