import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, newUserPage } from './browser.ts';
import { startWorld, type World } from './world.ts';

/** Custom terms of service: shown after login until accepted; declining signs out. */
describe('custom terms of service', () => {
  let world: World;
  let browser: Browser;
  const errors: string[] = [];

  before(async () => {
    world = await startWorld();
    browser = await launchBrowser();
    await world.admin.createTermsOfService('Be **kind** to each other.');
    await world.admin.patchConfig({ SupportSettings: { CustomTermsOfServiceEnabled: true } } as never);
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
  });

  const logIn = async (page: Page) => {
    await page.goto(`${world.server.url}/login`);
    await page.getByLabel('Email or username').fill('bob');
    await page.getByLabel('Password').fill('password-123');
    await page.getByRole('button', { name: 'Log in' }).click();
  };
  const terms = (page: Page) => page.getByRole('heading', { name: 'Terms of Service' });

  it('asks after login; disagreeing goes back to the login page', async () => {
    const { page } = await newUserPage(browser);
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page);
    await terms(page).waitFor();
    await page.getByRole('document', { name: 'Terms of service text' }).getByText('kind').waitFor();
    await page.getByRole('button', { name: 'I disagree' }).click();
    await page.getByRole('button', { name: 'Log in' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    await page.context().close();
  });

  it('agreeing continues to the chat, and the next login does not ask again', async () => {
    const { page } = await newUserPage(browser);
    page.on('pageerror', (e) => errors.push(e.message));
    await logIn(page);
    await terms(page).waitFor();
    await page.getByRole('button', { name: 'I agree' }).click();
    await page.waitForURL('**/acme/channels/town-square');
    await page.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
    await page.context().close();

    const { page: next } = await newUserPage(browser);
    next.on('pageerror', (e) => errors.push(e.message));
    await logIn(next);
    await next.waitForURL('**/acme/channels/town-square');
    await next.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
    assert.equal(await terms(next).count(), 0);
    await next.context().close();
    assert.deepEqual(errors, []);
  });
});
