import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { bombPng, jpeg, png } from './files-setup.ts';
import { clientError, raw, startTestServer, unique, type LoggedIn, type TestServer } from './harness.ts';

const file = (data: Buffer, name = 'brand.png', type = 'image/png') =>
  new File([new Uint8Array(data)], name, { type });

describe('custom branding', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let alice: LoggedIn;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-brand-'));
    server = await startTestServer({ FileSettings: { Directory: dir } });
    admin = await server.newUser();
    alice = await server.userByAdmin(admin.client);
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('no image yet: GET answers 404 to anyone, DELETE 404 to the admin', async () => {
    const res = await raw(server, '/api/v4/brand/image');
    assert.equal(res.status, 404);
    assert.equal(res.json.status_code, 404);
    const err = await clientError(() => admin.client.deleteBrandImage());
    assert.equal(err.status_code, 404);
    assert.equal(err.server_error_id, 'api.admin.delete_brand_image.storage.not_found');
  });

  test('an admin uploads an image; anyone, signed in or not, gets it back as PNG', async () => {
    assert.deepEqual(
      await admin.client.uploadBrandImage(file(await jpeg(300, 120), 'logo.jpg', 'image/jpeg')),
      {
        status: 'OK',
      },
    );
    const url = new URL(admin.client.getBrandImageUrl(String(Date.now())));
    const res = await fetch(url);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/png');
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
    const meta = await sharp(Buffer.from(await res.arrayBuffer())).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 300, 120]);
    // A second upload replaces the first.
    await admin.client.uploadBrandImage(file(await png(40, 40, true)));
    const again = await fetch(url);
    assert.equal((await sharp(Buffer.from(await again.arrayBuffer())).metadata()).width, 40);
  });

  test('refusals: non-admin 403, not an image 400, no image part 400, too big 413, bomb 400', async () => {
    const image = file(await png(10, 10));
    const forbidden = await clientError(() => alice.client.uploadBrandImage(image));
    assert.equal(forbidden.status_code, 403);
    assert.equal((await clientError(() => alice.client.deleteBrandImage())).status_code, 403);
    assert.equal((await clientError(() => server.client().uploadBrandImage(image))).status_code, 401);

    const text = await clientError(() =>
      admin.client.uploadBrandImage(
        file(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'x.svg', 'image/svg+xml'),
      ),
    );
    assert.equal(text.status_code, 400);
    assert.equal(text.server_error_id, 'brand.save_brand_image.decode.app_error');

    const bomb = await clientError(() => admin.client.uploadBrandImage(file(bombPng(100_000, 100_000))));
    assert.equal(bomb.status_code, 400);
    assert.equal(bomb.server_error_id, 'brand.save_brand_image.check_image_limits.app_error');

    const headers = { Authorization: `Bearer ${admin.token}`, 'X-Requested-With': 'XMLHttpRequest' };
    const form = new FormData();
    form.append('other', file(await png(10, 10)));
    const noImage = await raw(server, '/api/v4/brand/image', { method: 'POST', headers, body: form });
    assert.equal(noImage.status, 400);
    assert.equal(noImage.json.id, 'api.admin.upload_brand_image.no_file.app_error');

    const notForm = await raw(server, '/api/v4/brand/image', {
      method: 'POST',
      headers: { ...headers, 'Content-Type': 'application/json' },
      body: '{}',
    });
    assert.equal(notForm.status, 400);

    const huge = await clientError(() =>
      admin.client.uploadBrandImage(file(Buffer.alloc(11 * 1024 * 1024, 1), 'big.png')),
    );
    assert.equal(huge.status_code, 413);
    assert.equal(huge.server_error_id, 'api.admin.upload_brand_image.too_large.app_error');

    // The refused uploads left the stored image alone.
    assert.equal((await fetch(new URL(admin.client.getBrandImageUrl('1')))).status, 200);
  });

  test('the admin deletes the image; it is gone', async () => {
    await admin.client.uploadBrandImage(file(await png(20, 20)));
    assert.deepEqual(await admin.client.deleteBrandImage(), { status: 'OK' });
    assert.equal((await fetch(new URL(admin.client.getBrandImageUrl('2')))).status, 404);
  });

  test('brand settings and support links reach the logged-out client config', async () => {
    await admin.client.patchConfig({
      TeamSettings: {
        SiteName: 'Acme Chat',
        EnableCustomBrand: true,
        CustomBrandText: 'Welcome to Acme',
        CustomDescriptionText: 'Talk to your team',
      },
      SupportSettings: { HelpLink: 'https://help.example.com/', SupportEmail: 'help@example.com' },
    } as never);
    const limited = (await server.client().getClientConfig()) as unknown as Record<string, string>;
    assert.equal(limited.SiteName, 'Acme Chat');
    assert.equal(limited.EnableCustomBrand, 'true');
    assert.equal(limited.CustomBrandText, 'Welcome to Acme');
    assert.equal(limited.CustomDescriptionText, 'Talk to your team');
    assert.equal(limited.HelpLink, 'https://help.example.com/');
    assert.equal(limited.SupportEmail, 'help@example.com');
    for (const key of ['AboutLink', 'PrivacyPolicyLink', 'TermsOfServiceLink', 'ReportAProblemLink'])
      assert.equal(typeof limited[key], 'string', key);
  });

  test('defaults: brand off, site name Parley', async () => {
    const fresh = await startTestServer();
    try {
      const limited = (await fresh.client().getClientConfig()) as unknown as Record<string, string>;
      assert.equal(limited.EnableCustomBrand, 'false');
      assert.equal(limited.CustomBrandText, '');
      assert.equal(limited.SiteName, 'Parley');
    } finally {
      await fresh.close();
    }
  });
});

describe('in-product notices', () => {
  let server: TestServer;
  let admin: LoggedIn;
  let member: LoggedIn;
  let outsider: LoggedIn;
  let teamId: string;
  before(async () => {
    server = await startTestServer();
    admin = await server.newUser();
    member = await server.userByAdmin(admin.client);
    outsider = await server.userByAdmin(admin.client);
    const team = await admin.client.createTeam({
      name: unique('t').toLowerCase(),
      display_name: 'Notices',
      type: 'O',
    } as never);
    teamId = team.id;
    await admin.client.addToTeam(teamId, member.user.id);
  });
  after(() => server.close());

  test('a team member and an admin get no notices', async () => {
    assert.deepEqual(await member.client.getInProductNotices(teamId, 'web', '10.0.0'), []);
    assert.deepEqual(await admin.client.getInProductNotices(teamId, 'desktop', '5.0.0'), []);
  });

  test('refusals: outsider 403, bad team id or client 400, no session 401', async () => {
    assert.equal(
      (await clientError(() => outsider.client.getInProductNotices(teamId, 'web', '1'))).status_code,
      403,
    );
    assert.equal(
      (await clientError(() => member.client.getInProductNotices('nope', 'web', '1'))).status_code,
      400,
    );
    const badClient = await clientError(() => member.client.getInProductNotices(teamId, 'toaster', '1'));
    assert.equal(badClient.status_code, 400);
    assert.equal(badClient.server_error_id, 'api.context.invalid_param.app_error');
    assert.equal(
      (await clientError(() => server.client().getInProductNotices(teamId, 'web', '1'))).status_code,
      401,
    );
  });

  test('marking notices viewed answers OK; a body that is not an array of ids is 400', async () => {
    assert.deepEqual(await member.client.updateNoticesAsViewed(['n1', 'n2']), { status: 'OK' });
    assert.deepEqual(await member.client.updateNoticesAsViewed([]), { status: 'OK' });
    const bad = await clientError(() => member.client.updateNoticesAsViewed({ id: 'x' } as never));
    assert.equal(bad.status_code, 400);
    assert.equal(bad.server_error_id, 'api.payload.parse_error');
    assert.equal(
      (await clientError(() => member.client.updateNoticesAsViewed([1] as never))).status_code,
      400,
    );
    assert.equal((await clientError(() => server.client().updateNoticesAsViewed([]))).status_code, 401);
  });
});
