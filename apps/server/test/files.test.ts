import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Channel } from '@mattermost/types/channels';
import { channelWorld, eventsNamed, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { bombPng, fetchWithToken, fileInfo, jpeg, png, upload } from './files-setup.ts';
import { clientError, raw } from './harness.ts';

describe('files', () => {
  let w: ChannelWorld;
  let channel: Channel;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-files-'));
    w = await channelWorld({
      FileSettings: { Directory: dir, MaxFileSize: 2 * 1024 * 1024, EnablePublicLink: true },
    });
    // A private channel of alice's: bob is on the team but not in it.
    channel = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
  });
  after(async () => {
    await w.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('upload an image and a PDF, attach them to a post, read them back', async () => {
    const image = await jpeg(400, 200);
    const pdf = Buffer.from('%PDF-1.4\n% a tiny document\n%%EOF\n');
    const res = await upload(w.alice.client, channel.id, [
      { name: 'photo.jpg', data: image, type: 'image/jpeg' },
      { name: 'report.pdf', data: pdf, type: 'application/pdf' },
    ]);
    assert.deepEqual(res.client_ids, ['client-0', 'client-1']);
    const [img, doc] = res.file_infos;
    assert.equal(img.name, 'photo.jpg');
    assert.equal(img.extension, 'jpg');
    assert.equal(img.mime_type, 'image/jpeg');
    assert.equal(img.size, image.length);
    assert.equal(img.width, 400);
    assert.equal(img.height, 200);
    assert.equal(img.has_preview_image, true);
    assert.equal(img.user_id, w.alice.user.id);
    assert.equal(img.channel_id, channel.id);
    assert.ok(typeof img.mini_preview === 'string' && img.mini_preview.length > 0);
    assert.equal(doc.mime_type, 'application/pdf');
    assert.equal(doc.has_preview_image, false);
    assert.equal(doc.width, 0);

    const from = w.events.length;
    const post = await w.alice.client.createPost({
      channel_id: channel.id,
      message: 'files',
      file_ids: [img.id, doc.id],
    } as never);
    // The posted event carries the files, so other clients show them at once.
    const posted = eventsNamed(w, 'posted', from).map((e) => JSON.parse(e.data.post as string));
    assert.deepEqual(
      posted[0].metadata.files.map((f: { id: string }) => f.id),
      [img.id, doc.id],
    );
    assert.deepEqual(post.file_ids, [img.id, doc.id]);
    assert.deepEqual(
      post.metadata.files!.map((f) => f.id),
      [img.id, doc.id],
    );
    // Lists carry metadata.files too.
    const list = await w.alice.client.getPosts(channel.id);
    assert.deepEqual(
      list.posts[post.id].metadata.files!.map((f) => f.name),
      ['photo.jpg', 'report.pdf'],
    );
    const again = await w.alice.client.getPost(post.id);
    assert.equal(again.metadata.files!.length, 2);
    const infos = await w.alice.client.getFileInfosForPost(post.id);
    assert.deepEqual(
      infos.map((f) => f.post_id),
      [post.id, post.id],
    );
    const info = await fileInfo(w.alice.client, img.id);
    assert.equal(info.json.post_id, post.id);

    const file = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(img.id, 0));
    assert.equal(file.res.status, 200);
    assert.ok(file.body.equals(image));
    assert.equal(file.res.headers.get('content-type'), 'image/jpeg');
    assert.match(file.res.headers.get('content-disposition')!, /^inline; filename="photo.jpg"/);
    assert.equal(file.res.headers.get('content-length'), String(image.length));
    assert.equal(file.res.headers.get('x-content-type-options'), 'nosniff');

    const download = await fetchWithToken(
      w.alice.client,
      `${w.alice.client.getFileUrl(img.id, 0)}?download=1`,
    );
    assert.match(download.res.headers.get('content-disposition')!, /^attachment;/);

    const pdfRes = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(doc.id, 0));
    assert.match(pdfRes.res.headers.get('content-disposition')!, /^attachment; filename="report.pdf"/);
    assert.ok(pdfRes.body.equals(pdf));

    // A byte range of the file.
    const part = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(doc.id, 0), {
      Range: 'bytes=0-7',
    });
    assert.equal(part.res.status, 206);
    assert.equal(part.body.toString(), '%PDF-1.4');
    assert.equal(part.res.headers.get('content-range'), `bytes 0-7/${pdf.length}`);
    const bad = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(doc.id, 0), {
      Range: `bytes=${pdf.length + 10}-`,
    });
    assert.equal(bad.res.status, 416);
  });

  test('thumbnails and previews have the expected size and follow EXIF orientation', async () => {
    // Stored 400x200, EXIF says rotate 90°: displayed 200x400.
    const rotated = await jpeg(400, 200, 6);
    const big = await png(2400, 600, true);
    const res = await upload(w.alice.client, channel.id, [
      { name: 'rotated.jpg', data: rotated },
      { name: 'wide.png', data: big },
    ]);
    const [r, wide] = res.file_infos;
    assert.equal(r.width, 200);
    assert.equal(r.height, 400);
    const thumb = await fetchWithToken(w.alice.client, w.alice.client.getFileThumbnailUrl(r.id, 0));
    assert.equal(thumb.res.status, 200);
    assert.equal(thumb.res.headers.get('content-type'), 'image/jpeg');
    const tm = await sharp(thumb.body).metadata();
    // Portrait after rotation: fits the box's width (120), keeps the ratio.
    assert.deepEqual([tm.width, tm.height], [120, 240]);
    const preview = await fetchWithToken(w.alice.client, w.alice.client.getFilePreviewUrl(r.id, 0));
    const pm = await sharp(preview.body).metadata();
    assert.deepEqual([pm.width, pm.height], [200, 400]);

    // Wider than the box: fits its height; a transparent PNG keeps PNG renditions.
    const wt = await fetchWithToken(w.alice.client, w.alice.client.getFileThumbnailUrl(wide.id, 0));
    assert.equal(wt.res.headers.get('content-type'), 'image/png');
    const wm = await sharp(wt.body).metadata();
    assert.deepEqual([wm.width, wm.height], [400, 100]);
    const wp = await sharp(
      (await fetchWithToken(w.alice.client, w.alice.client.getFilePreviewUrl(wide.id, 0))).body,
    ).metadata();
    assert.deepEqual([wp.width, wp.height], [1920, 480]);
  });

  test('a file without preview answers 400 on /thumbnail', async () => {
    const res = await upload(w.alice.client, channel.id, [{ name: 'notes.txt', data: Buffer.from('hello') }]);
    const r = await raw(w.server, `/api/v4/files/${res.file_infos[0].id}/thumbnail`, {
      headers: { Authorization: `Bearer ${w.alice.token}` },
    });
    assert.equal(r.status, 400);
    assert.equal(r.json.id, 'api.file.get_file_thumbnail.no_thumbnail.app_error');
  });

  test('non-members cannot upload to, read, or attach files of a channel', async () => {
    const up = await clientError(() =>
      upload(w.bob.client, channel.id, [{ name: 'a.txt', data: Buffer.from('x') }]),
    );
    assert.equal(up.status_code, 403);
    const res = await upload(w.alice.client, channel.id, [
      { name: 'secret.txt', data: Buffer.from('secret') },
    ]);
    const id = res.file_infos[0].id;
    await w.alice.client.createPost({ channel_id: channel.id, message: 's', file_ids: [id] } as never);
    for (const url of [
      w.bob.client.getFileUrl(id, 0),
      w.bob.client.getFileThumbnailUrl(id, 0),
      w.bob.client.getFilePreviewUrl(id, 0),
      `${w.bob.client.getFileUrl(id, 0)}/info`,
      `${w.bob.client.getFileUrl(id, 0)}/link`,
    ]) {
      const r = await fetchWithToken(w.bob.client, url);
      assert.equal(r.res.status, 403, url);
      assert.equal(JSON.parse(r.body.toString()).id, 'api.context.permissions.app_error');
    }
    assert.equal((await fileInfo(w.bob.client, id)).status, 403);
    // Nor may anyone else attach alice's unattached upload to their own post: the id is dropped.
    const town = await w.admin.client.getChannelByName(w.team.id, 'town-square');
    const mine = await upload(w.alice.client, town.id, [{ name: 'mine.txt', data: Buffer.from('m') }]);
    const stolen = await w.bob.client.createPost({
      channel_id: town.id,
      message: 'steal',
      file_ids: [mine.file_infos[0].id],
    } as never);
    assert.equal(stolen.file_ids, undefined);
    assert.deepEqual(stolen.metadata.files, []);
    assert.equal((await fileInfo(w.alice.client, mine.file_infos[0].id)).json.post_id, '');
    // An unattached upload is its uploader's only.
    const r = await fetchWithToken(w.bob.client, w.bob.client.getFileUrl(mine.file_infos[0].id, 0));
    assert.equal(r.res.status, 403);
    // Files of another channel cannot be attached either.
    const post = await w.alice.client.createPost({
      channel_id: channel.id,
      message: 'wrong channel',
      file_ids: [mine.file_infos[0].id],
    } as never);
    assert.equal(post.file_ids, undefined);
    // Unknown and malformed ids.
    assert.equal((await fileInfo(w.alice.client, 'nope')).status, 400);
    assert.equal((await fileInfo(w.alice.client, 'a'.repeat(26))).status, 404);
  });

  test("a deleted post's files are gone for readers", async () => {
    const res = await upload(w.alice.client, channel.id, [{ name: 'gone.txt', data: Buffer.from('bye') }]);
    const id = res.file_infos[0].id;
    const post = await w.alice.client.createPost({
      channel_id: channel.id,
      message: 'x',
      file_ids: [id],
    } as never);
    await w.alice.client.deletePost(post.id);
    const r = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(id, 0));
    assert.equal(r.res.status, 404);
    assert.equal((await fileInfo(w.alice.client, id)).status, 404);
    assert.equal((await clientError(() => w.alice.client.getFileInfosForPost(post.id))).status_code, 404);
  });

  test('editing a post changes its files: new ones attached, removed ones deleted', async () => {
    const res = await upload(w.alice.client, channel.id, [
      { name: 'one.txt', data: Buffer.from('1') },
      { name: 'two.txt', data: Buffer.from('2') },
    ]);
    const [one, two] = res.file_infos.map((f) => f.id);
    const post = await w.alice.client.createPost({
      channel_id: channel.id,
      message: 'e',
      file_ids: [one],
    } as never);
    const patched = await w.alice.client.patchPost({ id: post.id, file_ids: [two] } as never);
    assert.deepEqual(patched.file_ids, [two]);
    assert.deepEqual(
      patched.metadata.files!.map((f) => f.id),
      [two],
    );
    assert.equal((await fileInfo(w.alice.client, one)).status, 404);
  });

  test('HTML and SVG are downloaded as attachments, never run', async () => {
    const html = Buffer.from('<html><script>alert(document.cookie)</script></html>');
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const res = await upload(w.alice.client, channel.id, [
      { name: 'page.html', data: html, type: 'text/html' },
      { name: 'pic.svg', data: svg, type: 'image/svg+xml' },
    ]);
    const [h, s] = res.file_infos;
    assert.equal(h.mime_type, 'text/html');
    const page = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(h.id, 0));
    assert.equal(page.res.status, 200);
    assert.equal(page.res.headers.get('content-type'), 'text/plain');
    assert.match(page.res.headers.get('content-disposition')!, /^attachment; filename="page.html"/);
    assert.equal(page.res.headers.get('x-content-type-options'), 'nosniff');
    assert.match(page.res.headers.get('content-security-policy')!, /sandbox/);
    const pic = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(s.id, 0));
    assert.match(pic.res.headers.get('content-disposition')!, /^attachment;/);
    assert.equal(s.has_preview_image, false);
  });

  test('public links work with the right hash only, and only when enabled', async () => {
    const data = await png(50, 50);
    const res = await upload(w.alice.client, channel.id, [{ name: 'pub.png', data }]);
    const id = res.file_infos[0].id;
    // Not attached to a post yet: no public link.
    assert.equal((await clientError(() => w.alice.client.getFilePublicLink(id))).status_code, 400);
    await w.alice.client.createPost({ channel_id: channel.id, message: 'p', file_ids: [id] } as never);
    const { link } = await w.alice.client.getFilePublicLink(id);
    assert.ok(link.startsWith(`${w.server.url}/files/${id}/public?h=`), link);
    const ok = await fetch(link);
    assert.equal(ok.status, 200);
    assert.ok(Buffer.from(await ok.arrayBuffer()).equals(data));
    assert.equal(ok.headers.get('x-content-type-options'), 'nosniff');
    const wrong = await raw(w.server, `/files/${id}/public?h=${'A'.repeat(43)}`);
    assert.equal(wrong.status, 400);
    assert.equal(wrong.json.id, 'api.file.get_file.public_invalid.app_error');
    const none = await raw(w.server, `/files/${id}/public`);
    assert.equal(none.status, 400);

    await w.admin.client.patchConfig({ FileSettings: { EnablePublicLink: false } } as never);
    try {
      assert.equal((await fetch(link)).status, 501);
      assert.equal((await clientError(() => w.alice.client.getFilePublicLink(id))).status_code, 501);
    } finally {
      await w.admin.client.patchConfig({ FileSettings: { EnablePublicLink: true } } as never);
    }
  });

  test('an oversized file is refused with 413', async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 1);
    const err = await clientError(() => upload(w.alice.client, channel.id, [{ name: 'big.bin', data: big }]));
    assert.equal(err.status_code, 413);
    assert.equal(err.server_error_id, 'api.file.upload_file.too_large_detailed.app_error');
  });

  test('a decompression bomb is refused from its header, quickly', async () => {
    const bomb = bombPng(100_000, 100_000);
    const started = Date.now();
    const err = await clientError(() =>
      upload(w.alice.client, channel.id, [{ name: 'bomb.png', data: bomb }]),
    );
    assert.equal(err.status_code, 400);
    assert.equal(err.server_error_id, 'app.upload.upload_data.large_image.app_error');
    assert.ok(Date.now() - started < 5000);
  });

  test('raw uploads with ?channel_id=&filename=', async () => {
    const r = await raw(w.server, `/api/v4/files?channel_id=${channel.id}&filename=raw.txt&client_id=c1`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}`, 'Content-Type': 'application/octet-stream' },
      body: Buffer.from('raw body bytes'),
    });
    assert.equal(r.status, 201);
    const body = r.json as unknown as {
      file_infos: { id: string; name: string; size: number }[];
      client_ids: string[];
    };
    assert.equal(body.file_infos[0].name, 'raw.txt');
    assert.equal(body.file_infos[0].size, 14);
    assert.deepEqual(body.client_ids, ['c1']);
    const got = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(body.file_infos[0].id, 0));
    assert.equal(got.body.toString(), 'raw body bytes');
    const noName = await raw(w.server, `/api/v4/files?channel_id=${channel.id}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: 'x',
    });
    assert.equal(noName.status, 400);
    const foreign = await raw(w.server, `/api/v4/files?channel_id=${channel.id}&filename=a.txt`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.bob.token}` },
      body: 'x',
    });
    assert.equal(foreign.status, 403);
    const big = await raw(w.server, `/api/v4/files?channel_id=${channel.id}&filename=big.bin`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${w.alice.token}` },
      body: Buffer.alloc(3 * 1024 * 1024),
    });
    assert.equal(big.status, 413);
  });

  test('uploads are refused when file attachments are off', async () => {
    await w.admin.client.patchConfig({ FileSettings: { EnableFileAttachments: false } } as never);
    try {
      const err = await clientError(() =>
        upload(w.alice.client, channel.id, [{ name: 'a.txt', data: Buffer.from('a') }]),
      );
      assert.equal(err.status_code, 501);
    } finally {
      await w.admin.client.patchConfig({ FileSettings: { EnableFileAttachments: true } } as never);
    }
  });
});
