import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import type { Browser } from 'playwright-core';
import { launchBrowser, newUserPage } from './browser.ts';
import { signIn, startWorld, type World } from './world.ts';

/** The little of the page the browser-side functions read (this project compiles without the DOM library). */
interface BrandPageWindow {
  document: { querySelector(selector: string): { complete: boolean; naturalWidth: number } | null };
}

/** Custom branding: what an admin sets over the API shows on the login page; the console edits it. */
describe('custom branding', () => {
  let world: World;
  let browser: Browser;
  let dir: string;
  const errors: string[] = [];

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-e2e-brand-'));
    world = await startWorld({ FileSettings: { Directory: dir } });
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    await world?.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('shows no custom brand and no support links by default, only the site name', async () => {
    const { page } = await newUserPage(browser);
    await page.goto(`${world.server.url}/login`);
    await page.getByRole('heading', { name: 'Log in' }).waitFor();
    await page.locator('.brand', { hasText: 'Parley' }).waitFor();
    assert.equal(await page.getByTestId('custom-brand').count(), 0);
    assert.equal(await page.getByRole('navigation', { name: 'Support' }).count(), 0);
    await page.context().close();
  });

  it('shows the brand image, texts, site name and links an admin set over the API', async () => {
    const logo = await sharp({
      create: { width: 240, height: 80, channels: 3, background: { r: 200, g: 40, b: 90 } },
    })
      .png()
      .toBuffer();
    await world.admin.uploadBrandImage(new File([new Uint8Array(logo)], 'logo.png', { type: 'image/png' }));
    await world.admin.patchConfig({
      TeamSettings: {
        SiteName: 'Acme Chat',
        EnableCustomBrand: true,
        CustomBrandText: 'Only for Acme staff',
        CustomDescriptionText: 'Where Acme talks',
      },
      SupportSettings: {
        HelpLink: 'https://help.acme.example/',
        PrivacyPolicyLink: '',
        SupportEmail: 'it@acme.example',
      },
    } as never);

    const { page, errors: pageErrors } = await newUserPage(browser);
    await page.goto(`${world.server.url}/login`);
    const brand = page.getByTestId('custom-brand');
    await brand.waitFor();
    await page.locator('.brand', { hasText: 'Acme Chat' }).waitFor();
    await brand.getByText('Where Acme talks').waitFor();
    await brand.getByText('Only for Acme staff').waitFor();
    const image = brand.getByRole('img', { name: 'Brand image' });
    await image.waitFor();
    // The image really loaded (a broken image would still be in the DOM).
    const loadedWidth = () =>
      page.evaluate(() => {
        const img = (globalThis as unknown as BrandPageWindow).document.querySelector('.custom-brand-image');
        return img && img.complete ? img.naturalWidth : 0;
      });
    await page.waitForFunction(() => {
      const img = (globalThis as unknown as BrandPageWindow).document.querySelector('.custom-brand-image');
      return img !== null && img.complete && img.naturalWidth > 0;
    });
    assert.equal(await loadedWidth(), 240);

    const support = page.getByRole('navigation', { name: 'Support' });
    assert.equal(
      await support.getByRole('link', { name: 'Help' }).getAttribute('href'),
      'https://help.acme.example/',
    );
    assert.equal(await support.getByRole('link', { name: 'Privacy' }).count(), 0);
    assert.equal(
      await support.getByRole('link', { name: 'Contact support' }).getAttribute('href'),
      'mailto:it@acme.example',
    );
    assert.deepEqual(pageErrors, []);
    await page.context().close();
  });

  it('lets the admin change the brand text and remove the image in the console', async () => {
    const alice = await signIn(browser, world, 'alice', errors);
    await alice.goto(`${world.server.url}/admin_console/branding`);
    await alice.getByRole('heading', { name: 'Branding' }).waitFor();
    await alice.getByRole('img', { name: 'Current brand image' }).waitFor();
    await alice.getByLabel('Brand text').fill('Acme staff only');
    await alice.getByRole('button', { name: 'Save' }).click();
    await alice.getByRole('status').getByText('Settings saved').waitFor();
    await alice.getByRole('button', { name: 'Remove image' }).click();
    await alice.getByText('No brand image uploaded.').waitFor();
    await alice.context().close();

    const { page } = await newUserPage(browser);
    await page.goto(`${world.server.url}/login`);
    const brand = page.getByTestId('custom-brand');
    await brand.getByText('Acme staff only').waitFor();
    assert.equal(await brand.getByRole('img').count(), 0);
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
