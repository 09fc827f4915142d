import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Client4 } from '@mattermost/client';
import { channelWorld, eventsNamed, type ChannelWorld } from './channels-setup.ts';
import { animatedGif, fetchWithToken, png } from './files-setup.ts';
import { clientError, raw, unique } from './harness.ts';

function imageFile(data: Buffer, name: string, type: string): File {
  return new File([new Uint8Array(data)], name, { type });
}

async function create(client: Client4, creatorId: string, name: string, data?: Buffer) {
  const image = data ?? (await png(64, 64));
  return client.createCustomEmoji({ name, creator_id: creatorId }, imageFile(image, 'e.png', 'image/png'));
}

describe('custom emoji', () => {
  let w: ChannelWorld;
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-emoji-'));
    w = await channelWorld({ FileSettings: { Directory: dir } });
  });
  after(async () => {
    await w.server.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('create, get by id and name, image, and the emoji_added event', async () => {
    const from = w.events.length;
    const name = unique('party').toLowerCase();
    const emoji = await create(w.alice.client, w.alice.user.id, name);
    assert.equal(emoji.name, name);
    assert.equal(emoji.creator_id, w.alice.user.id);
    assert.equal(emoji.delete_at, 0);
    assert.deepEqual(await w.bob.client.getCustomEmoji(emoji.id), emoji);
    assert.deepEqual(await w.bob.client.getCustomEmojiByName(name), emoji);
    const [added] = eventsNamed(w, 'emoji_added', from);
    assert.deepEqual(JSON.parse(added.data.emoji as string), emoji);
    assert.deepEqual(added.broadcast, {});
    const img = await fetchWithToken(w.bob.client, w.bob.client.getCustomEmojiImageUrl(emoji.id));
    assert.equal(img.res.status, 200);
    assert.equal(img.res.headers.get('content-type'), 'image/png');
    assert.equal((await sharp(img.body).metadata()).width, 64);
  });

  test('large images are fitted into 128 px, GIF animation kept', async () => {
    const big = await create(w.alice.client, w.alice.user.id, unique('big'), await png(600, 300));
    const img = await fetchWithToken(w.alice.client, w.alice.client.getCustomEmojiImageUrl(big.id));
    const m = await sharp(img.body).metadata();
    assert.deepEqual([m.width, m.height], [128, 64]);
    const gif = await animatedGif(256, 256, 3);
    const anim = await w.alice.client.createCustomEmoji(
      { name: unique('anim'), creator_id: w.alice.user.id },
      imageFile(gif, 'a.gif', 'image/gif'),
    );
    const g = await fetchWithToken(w.alice.client, w.alice.client.getCustomEmojiImageUrl(anim.id));
    assert.equal(g.res.headers.get('content-type'), 'image/gif');
    const gm = await sharp(g.body, { animated: true }).metadata();
    assert.equal(gm.pages, 3);
    assert.equal(gm.width, 128);
  });

  test('list, names, search and autocomplete', async () => {
    const prefix = unique('zz').toLowerCase();
    const a = await create(w.alice.client, w.alice.user.id, `${prefix}_apple`);
    const b = await create(w.bob.client, w.bob.user.id, `${prefix}_banana`);
    const all = await w.alice.client.getCustomEmojis(0, 200, 'name');
    const names = all.map((e) => e.name);
    assert.ok(names.includes(a.name) && names.includes(b.name));
    assert.deepEqual(names, [...names].sort());
    const page = await w.alice.client.getCustomEmojis(0, 1);
    assert.equal(page.length, 1);
    const byNames = await w.alice.client.getCustomEmojisByNames([a.name, b.name, 'missing_one']);
    assert.deepEqual(byNames.map((e) => e.id).sort(), [a.id, b.id].sort());
    const found = await w.alice.client.searchCustomEmoji('banana');
    assert.deepEqual(
      found.map((e) => e.id),
      [b.id],
    );
    assert.deepEqual(await w.alice.client.searchCustomEmoji('banana', { prefix_only: true }), []);
    const auto = await w.alice.client.autocompleteCustomEmoji(prefix);
    assert.deepEqual(
      auto.map((e) => e.name),
      [a.name, b.name],
    );
    const tooMany = await clientError(() =>
      w.alice.client.getCustomEmojisByNames(Array.from({ length: 201 }, (_, i) => `n${i}`)),
    );
    assert.equal(tooMany.status_code, 400);
    assert.equal(tooMany.server_error_id, 'api.emoji.get_multiple_by_name.too_many_names.app_error');
    assert.equal((await clientError(() => w.alice.client.searchCustomEmoji(''))).status_code, 400);
  });

  test('bad names, clashes, other creators and bad images are refused', async () => {
    const cases: [string, number, string][] = [
      ['has space', 400, 'model.emoji.name.app_error'],
      ['smile', 400, 'model.emoji.name.app_error'],
      ['x'.repeat(65), 400, 'model.emoji.name.app_error'],
    ];
    for (const [name, status, id] of cases) {
      const err = await clientError(() => create(w.alice.client, w.alice.user.id, name));
      assert.equal(err.status_code, status, name);
      assert.equal(err.server_error_id, id, name);
    }
    const taken = await create(w.alice.client, w.alice.user.id, unique('taken'));
    const dup = await clientError(() => create(w.bob.client, w.bob.user.id, taken.name));
    assert.equal(dup.server_error_id, 'api.emoji.create.duplicate.app_error');
    const other = await clientError(() => create(w.bob.client, w.alice.user.id, unique('other')));
    assert.equal(other.status_code, 403);
    const text = await clientError(() =>
      w.alice.client.createCustomEmoji(
        { name: unique('txt'), creator_id: w.alice.user.id },
        imageFile(Buffer.from('not an image'), 'x.png', 'image/png'),
      ),
    );
    assert.equal(text.server_error_id, 'api.emoji.upload.image.app_error');
    const huge = await clientError(() =>
      w.alice.client.createCustomEmoji(
        { name: unique('huge'), creator_id: w.alice.user.id },
        imageFile(Buffer.alloc(1100 * 1024, 7), 'x.png', 'image/png'),
      ),
    );
    assert.equal(huge.status_code, 413);
    const wideImage = await png(2000, 10);
    const tooWide = await clientError(() =>
      create(w.alice.client, w.alice.user.id, unique('wide'), wideImage),
    );
    assert.equal(tooWide.server_error_id, 'api.emoji.upload.large_image.too_large.app_error');
    assert.equal((await clientError(() => w.alice.client.getCustomEmoji('bad'))).status_code, 400);
    assert.equal((await clientError(() => w.alice.client.getCustomEmoji('a'.repeat(26)))).status_code, 404);
    assert.equal(
      (await clientError(() => w.alice.client.getCustomEmojiByName('nope_nope'))).status_code,
      404,
    );
  });

  test('delete: own with delete_emojis, others only with delete_others_emojis', async () => {
    const mine = await create(w.alice.client, w.alice.user.id, unique('mine'));
    const forbidden = await clientError(() => w.bob.client.deleteCustomEmoji(mine.id));
    assert.equal(forbidden.status_code, 403);
    await w.alice.client.deleteCustomEmoji(mine.id);
    assert.equal((await clientError(() => w.alice.client.getCustomEmoji(mine.id))).status_code, 404);
    const img = await raw(w.server, `/api/v4/emoji/${mine.id}/image`, {
      headers: { Authorization: `Bearer ${w.alice.token}` },
    });
    assert.equal(img.status, 404);
    // The name is free again; an administrator may delete anyone's.
    const again = await create(w.bob.client, w.bob.user.id, mine.name);
    await w.admin.client.deleteCustomEmoji(again.id);
    assert.equal((await clientError(() => w.bob.client.deleteCustomEmoji(again.id))).status_code, 404);
  });

  test('custom emoji off: 501', async () => {
    await w.admin.client.patchConfig({ ServiceSettings: { EnableCustomEmoji: false } } as never);
    try {
      assert.equal((await clientError(() => w.alice.client.getCustomEmojis())).status_code, 501);
      assert.equal(
        (await clientError(() => create(w.alice.client, w.alice.user.id, unique('off')))).status_code,
        501,
      );
    } finally {
      await w.admin.client.patchConfig({ ServiceSettings: { EnableCustomEmoji: true } } as never);
    }
  });
});
