import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './browser.ts';
import type { PageElement, PageWindow } from './dom.ts';
import { signIn, startWorld, type World } from './world.ts';

const TOTAL = 10_000;
const BATCH = 100;

/**
 * A channel with 10,000 messages: the list stays virtualized (a bounded number of rows in the DOM
 * however many pages are loaded), scrolling up loads older pages without losing the reader's place,
 * and "Jump to recent" goes back to the newest message.
 */
describe('a channel with 10,000 messages', () => {
  let world: World;
  let browser: Browser;
  let alice: Page;
  const errors: string[] = [];

  before(async () => {
    world = await startWorld();
    browser = await launchBrowser();
    const channel = await world.admin.createChannel({
      team_id: world.teamId,
      name: 'history',
      display_name: 'History',
      type: 'O',
    } as never);
    // Through the API, in parallel batches; varied lengths give rows of different heights.
    for (let i = 0; i < TOTAL; i += BATCH) {
      await Promise.all(
        Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, j) => {
          const n = i + j + 1;
          const message =
            n % 7 === 0
              ? `Message ${n}\\nwith a second line\\nand a third`
              : n % 5 === 0
                ? `Message ${n} ${'with a longer text that wraps on narrow screens '.repeat(4)}`
                : `Message ${n}`;
          return world.admin.createPost({ channel_id: channel.id, message } as never);
        }),
      );
    }
    alice = await signIn(browser, world, 'alice', errors);
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  const rows = () => alice.locator('.post-list article.post').count();
  const scroller = () => alice.getByTestId('post-list');

  it('opens at the newest message with a bounded DOM', async () => {
    await alice.goto(`${world.server.url}/acme/channels/history`);
    await alice.locator('.post-list article.post', { hasText: `Message ${TOTAL}` }).waitFor();
    assert.ok((await rows()) < 60, `rows in the DOM: ${await rows()}`);
    const atBottom = await scroller().evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    assert.ok(atBottom < 80, `distance from the bottom: ${atBottom}`);
  });

  it('loads older pages while scrolling up, keeps the place and stays responsive', async () => {
    const loaded = () =>
      alice.evaluate(
        () => (globalThis as unknown as PageWindow).document.querySelectorAll('.post-list .post-row').length,
      );
    let slowest = 0;
    for (let round = 0; round < 8; round++) {
      // Scroll to the very top; the post shown there must stay in view once the older page is in.
      const before = await scroller().evaluate(async (node) => {
        const w = globalThis as unknown as PageWindow;
        const el = node as unknown as PageElement;
        el.scrollTop = 0;
        await new Promise<void>((r) => w.requestAnimationFrame(() => w.requestAnimationFrame(r)));
        const box = el.getBoundingClientRect();
        const top = [...el.querySelectorAll('article.post')].find(
          (a) => a.getBoundingClientRect().bottom > box.top && a.getBoundingClientRect().top < box.bottom,
        );
        return top?.dataset.postId ?? '';
      });
      assert.ok(before, 'a post is in view at the top');
      await alice.waitForFunction((id) => {
        const el = (globalThis as unknown as PageWindow).document.querySelector('[data-testid="post-list"]')!;
        const post = el.querySelector(`[data-post-id="${id}"]`);
        if (el.scrollTop < 1000 || !post) return false;
        const box = el.getBoundingClientRect();
        const at = post.getBoundingClientRect();
        return at.bottom > box.top && at.top < box.bottom;
      }, before);
      // A frame after the scroll: a long task here would be a janky list.
      const frame = await alice.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const w = globalThis as unknown as PageWindow;
            const el = w.document.querySelector('[data-testid="post-list"]')!;
            const t0 = performance.now();
            el.scrollTop -= 400;
            w.requestAnimationFrame(() => w.requestAnimationFrame(() => resolve(performance.now() - t0)));
          }),
      );
      slowest = Math.max(slowest, frame);
      assert.ok((await loaded()) < 80, `rows in the DOM after ${round + 1} pages: ${await loaded()}`);
    }
    const inStore = await alice.evaluate(
      () =>
        (globalThis as unknown as PageWindow).document
          .querySelector('[data-testid="post-list"] .post-rows')!
          .getBoundingClientRect().height,
    );
    assert.ok(inStore > 20_000, `the list holds many pages (height ${inStore}px)`);
    assert.ok(slowest < 250, `slowest scroll frame ${slowest.toFixed(0)} ms`);
  });

  it('jumps back to the most recent message', async () => {
    await alice.getByRole('button', { name: /Jump to recent/ }).click();
    await alice.locator('.post-list article.post', { hasText: `Message ${TOTAL}` }).waitFor();
    await alice.getByRole('button', { name: /Jump to recent/ }).waitFor({ state: 'detached' });
    assert.ok((await rows()) < 60);
    assert.deepEqual(errors, []);
  });
});
