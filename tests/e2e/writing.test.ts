import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, screenshot } from './browser.ts';
import type { PageWindow } from './dom.ts';
import { postIn, signIn, startWorld, type World } from './world.ts';

/**
 * Writing: autocomplete (@ ~ :), the emoji picker, code highlighting, pin and save with their lists,
 * permalinks, the new-messages line. Two people in two browser contexts, steps in order.
 */
describe('writing', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  let bob: Page;
  let bobApi: ReturnType<World['server']['client']>;
  let townSquare: string;
  const errors: string[] = [];
  const composer = (page: Page) => page.getByRole('textbox', { name: 'Write to ~Town Square' });
  const suggestions = (page: Page) => page.getByRole('listbox', { name: 'Suggestions' });

  before(async () => {
    world = await startWorld();
    browser = await launchBrowser();
    townSquare = (await world.admin.getChannelByName(world.teamId, 'town-square')).id;
    bobApi = world.server.client();
    await bobApi.login('bob', 'password-123');
    alice = await signIn(browser, world, 'alice', errors);
    bob = await signIn(browser, world, 'bob', errors);
    await alice
      .context()
      .grantPermissions(['clipboard-read', 'clipboard-write'], { origin: world.server.url });
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  it('completes @people, ~channels and :emoji: from the keyboard', async () => {
    const box = composer(alice);
    await box.click();
    await box.pressSequentially('Hi @bo');
    const list = suggestions(alice);
    await list.getByRole('option', { name: /@bob/ }).waitFor();
    assert.equal(await box.getAttribute('aria-controls'), await list.getAttribute('id'));
    await box.press('Tab');
    assert.equal(await box.inputValue(), 'Hi @bob ');
    await box.pressSequentially('see ~town');
    await list.getByRole('option', { name: /Town Square/ }).waitFor();
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'Hi @bob see ~town-square ');
    await box.pressSequentially('and :tad');
    await list.getByRole('option', { name: /:tada:/ }).waitFor();
    await screenshot(alice, 'autocomplete');
    // Arrows move the selection; Escape closes the list and keeps the text.
    const selected = () => list.locator('[aria-selected="true"]').textContent();
    const first = await selected();
    await box.press('ArrowDown');
    assert.notEqual(await selected(), first);
    await box.press('ArrowUp');
    assert.equal(await selected(), first);
    await box.press('Escape');
    await list.waitFor({ state: 'detached' });
    assert.equal(await box.inputValue(), 'Hi @bob see ~town-square and :tad');
    await box.pressSequentially('a');
    await list.getByRole('option', { name: /:tada:/ }).waitFor();
    await box.press('Enter');
    assert.equal(await box.inputValue(), 'Hi @bob see ~town-square and :tada: ');
    await box.press('Enter');
    const onBob = postIn(bob, 'Hi @bob see');
    await onBob.locator('.mention-me', { hasText: '@bob' }).waitFor();
    await onBob.locator('.emoji', { hasText: '🎉' }).waitFor();
  });

  it('picks emoji by search and by category', async () => {
    await composer(bob).click();
    await bob.getByRole('button', { name: 'Insert emoji' }).click();
    const picker = bob.getByRole('dialog', { name: 'Emoji picker' });
    await picker.getByRole('tab', { name: 'Animals & nature' }).click();
    await picker.getByRole('button', { name: 'Insert dog', exact: true }).waitFor();
    await screenshot(bob, 'emoji-picker');
    await picker.getByLabel('Search emoji').fill('rocket');
    await picker.getByRole('button', { name: 'Insert rocket', exact: true }).click();
    await picker.waitFor({ state: 'detached' });
    assert.equal(await composer(bob).inputValue(), ':rocket: ');
    await composer(bob).pressSequentially('Launch day');
    await composer(bob).press('Enter');
    await postIn(alice, 'Launch day').locator('.emoji', { hasText: '🚀' }).waitFor();
  });

  it('highlights code blocks', async () => {
    await bobApi.createPost({
      channel_id: townSquare,
      message: '```ts\nconst answer: number = 42; // the answer\n```',
    } as never);
    const block = postIn(alice, 'const answer').locator('pre code');
    await block.locator('.hljs-keyword', { hasText: 'const' }).waitFor();
    await block.locator('.hljs-comment').waitFor();
  });

  it('pins a message and lists the pinned messages, live for the other person', async () => {
    const target = postIn(alice, 'Launch day');
    await target.hover();
    await target.getByRole('button', { name: 'Pin to channel' }).click();
    await postIn(bob, 'Launch day').locator('.pinned-flag').waitFor();
    await bob.getByRole('button', { name: 'Pinned messages' }).click();
    const panel = bob.getByRole('complementary', { name: 'Pinned messages' });
    await panel.getByText('Launch day').waitFor();
    await screenshot(bob, 'pinned-messages');
    await target.hover();
    await target.getByRole('button', { name: 'Unpin from channel' }).click();
    await panel.getByText('No pinned messages yet').waitFor();
    await bob.getByRole('button', { name: 'Close pinned messages' }).click();
  });

  it('saves a message and finds it under Saved messages', async () => {
    const target = postIn(bob, 'Hi @bob see');
    await target.hover();
    await target.getByRole('button', { name: 'Save message' }).click();
    await target.locator('.saved-flag').waitFor();
    await bob.getByRole('button', { name: 'Account menu' }).click();
    await bob.getByRole('menuitem', { name: 'Saved messages' }).click();
    const panel = bob.getByRole('complementary', { name: 'Saved messages' });
    await panel.getByText('see ~town-square').waitFor();
    await screenshot(bob, 'saved-messages');
    // Saved is a preference (flagged_post): it roams to the same user's other sessions.
    const prefs = await bobApi.getMyPreferences();
    assert.ok((prefs as unknown as Array<{ category: string }>).some((p) => p.category === 'flagged_post'));
    await target.hover();
    await target.getByRole('button', { name: 'Remove from saved' }).click();
    await panel.getByText('No saved messages yet').waitFor();
    await bob.getByRole('button', { name: 'Close saved messages' }).click();
  });

  it('copies a permalink that opens the post in its channel', async () => {
    const target = postIn(alice, 'Launch day');
    const id = await target.getAttribute('data-post-id');
    await target.hover();
    await target.getByRole('button', { name: 'Copy link' }).click();
    await alice.getByRole('status').getByText('Link copied').waitFor();
    const copied = await alice.evaluate(() =>
      (globalThis as unknown as PageWindow).navigator.clipboard.readText(),
    );
    assert.equal(copied, `${world.server.url}/acme/pl/${id}`);
    await bob.getByRole('link', { name: /Off-Topic/ }).click();
    await bob.waitForURL('**/acme/channels/off-topic');
    await bob.goto(copied);
    await bob.waitForURL('**/acme/channels/town-square');
    await bob.locator(`article.post.highlighted[data-post-id="${id}"]`).waitFor();
  });

  it('marks where unread messages start', async () => {
    await bob.getByRole('link', { name: /Off-Topic/ }).click();
    await bob.waitForURL('**/acme/channels/off-topic');
    for (const text of ['Unread one', 'Unread two', 'Unread three'])
      await world.admin.createPost({ channel_id: townSquare, message: text } as never);
    await bob.getByRole('link', { name: /Town Square/ }).click();
    const line = bob.getByRole('separator', { name: 'New messages' });
    await line.waitFor();
    // The line sits directly above the first unread post.
    const next = line.locator('xpath=following-sibling::article[1]');
    assert.match((await next.textContent()) ?? '', /Unread one/);
    assert.deepEqual(errors, []);
  });
});
