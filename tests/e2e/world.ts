import type { Browser, Page } from 'playwright-core';
import { startTestServer, type TestServer } from '../../apps/server/test/harness.ts';
import { newUserPage } from './browser.ts';

/**
 * A server with an administrator (alice), a team (Acme) and a second person (bob, Bob Stone), made
 * through the API so that each test file starts from the same small world on a fresh database.
 */
export interface World {
  server: TestServer;
  admin: ReturnType<TestServer['client']>;
  teamId: string;
  bobId: string;
}

export async function startWorld(config: Record<string, unknown> = {}): Promise<World> {
  const server = await startTestServer(config);
  const alice = await server.newUser({ username: 'alice', email: 'alice@example.com', first_name: 'Alice' });
  const admin = alice.client;
  const team = await admin.createTeam({ name: 'acme', display_name: 'Acme', type: 'O' } as never);
  const bob = await admin.createUser(
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
  await admin.addToTeam(team.id, bob.id);
  return { server, admin, teamId: team.id, bobId: bob.id };
}

/** Logs a person in through the login page of their own browser context; errors are collected. */
export async function signIn(
  browser: Browser,
  world: World,
  username: string,
  errors: string[],
  opts: { width?: number; height?: number; dark?: boolean; beforeLoad?: (page: Page) => Promise<void> } = {},
): Promise<Page> {
  const { page } = await newUserPage(browser, opts.width, opts.height);
  page.on('pageerror', (e) => errors.push(`${username}: ${e.message}`));
  if (opts.dark) await page.addInitScript(() => localStorage.setItem('parley.theme', 'dark'));
  await opts.beforeLoad?.(page);
  await page.goto(`${world.server.url}/login`);
  await page.getByLabel('Email or username').fill(username);
  await page.getByLabel('Password').fill('password-123');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL('**/acme/channels/town-square');
  await page.locator('.channel-header h1', { hasText: 'Town Square' }).waitFor();
  return page;
}

export const postIn = (page: Page, text: string) =>
  page.locator('.post-list article.post', { hasText: text });
