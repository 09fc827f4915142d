import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { ServerEvent } from '../src/realtime/bus.ts';
import { firstLink, isRestricted, parseOpenGraph } from '../src/domains/linkpreviews/opengraph.ts';
import { notifyWorld, sleep, until, type NotifyWorld } from './notifications-setup.ts';

/**
 * Link previews: the first link's OpenGraph data fetched through the outbound client (loopback
 * allow-listed for the page server only), stored with the post and sent with `post_edited`.
 */

describe('link previews', () => {
  let site: Server;
  let canary: Server;
  let base = '';
  let canaryBase = '';
  const hits: string[] = [];
  let canaryHits = 0;
  let w: NotifyWorld;
  const edited: ServerEvent[] = [];

  before(async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3366ff' } })
      .png()
      .toBuffer();
    site = createServer((req, res) => {
      hits.push(req.url ?? '');
      const html = (head: string) => {
        res.setHeader('Content-Type', 'text/html; charset=utf-8');
        res.end(`<!doctype html><html><head>${head}</head><body><p>body</p></body></html>`);
      };
      switch (req.url) {
        case '/page':
          return html(`<title>Fallback</title>
            <meta property="og:title" content="The &amp; Title">
            <meta property="og:description" content="What the page is about">
            <meta property="og:site_name" content="Example Site">
            <meta property="og:type" content="article">
            <meta content="/img.png" property="og:image">`);
        case '/sized':
          return html(`<meta property="og:title" content="Sized">
            <meta property="og:image" content="${base}/img.png">
            <meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">`);
        case '/img.png':
          res.setHeader('Content-Type', 'image/png');
          return res.end(png);
        case '/big':
          res.setHeader('Content-Type', 'text/html');
          return res.end(
            `<html><head><meta property="og:title" content="Big"></head>${'x'.repeat(1_100_000)}</html>`,
          );
        default:
          res.statusCode = 404;
          return res.end();
      }
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', () => resolve()));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    canary = createServer((_req, res) => {
      canaryHits += 1;
      res.end('<html><head><meta property="og:title" content="Internal"></head></html>');
    });
    await new Promise<void>((resolve) => canary.listen(0, '127.0.0.2', () => resolve()));
    canaryBase = `http://127.0.0.2:${(canary.address() as AddressInfo).port}`;
    w = await notifyWorld({
      ServiceSettings: { EnableLinkPreviews: true, AllowedUntrustedInternalConnections: '127.0.0.1' },
      EmailSettings: { SendEmailNotifications: false, SendPushNotifications: false },
    });
    w.server.parley.app.events.subscribe((e) => {
      if (e.event === 'post_edited') edited.push(e);
    });
  });
  after(async () => {
    await w.server.close();
    await new Promise((resolve) => site.close(resolve));
    await new Promise((resolve) => canary.close(resolve));
  });

  interface SentPost {
    id: string;
    update_at: number;
    metadata: { embeds: unknown[]; images: Record<string, { width: number }> };
  }
  const editedPost = (postId: string) =>
    edited.map((e) => JSON.parse(String(e.data.post)) as SentPost).find((p) => p.id === postId);

  test('the first link gets an OpenGraph embed with image dimensions, sent with post_edited', async () => {
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `read ${base}/page. and also ${base}/sized`,
    } as never);
    await until(() => editedPost(post.id) !== undefined, 'post_edited');
    const sent = editedPost(post.id)!;
    assert.equal(
      edited.find((e) => JSON.parse(String(e.data.post)).id === post.id)!.broadcast.channelId,
      w.channel.id,
    );
    const img = `${base}/img.png`;
    assert.deepEqual(sent.metadata.embeds, [
      {
        type: 'opengraph',
        url: `${base}/page`,
        data: {
          type: 'article',
          url: `${base}/page`,
          title: 'The & Title',
          description: 'What the page is about',
          determiner: '',
          site_name: 'Example Site',
          locale: '',
          locales_alternate: null,
          images: [{ url: img, width: 40, height: 30 }],
          audios: null,
          videos: null,
        },
      },
    ]);
    assert.deepEqual(sent.metadata.images, {
      [img]: { width: 40, height: 30, format: 'png', frame_count: 1 },
    });
    assert.ok(sent.update_at > post.update_at);
    // Stored: a later read shows the same preview.
    const read = await w.bob.client.getPost(post.id);
    assert.deepEqual(read.metadata.embeds, sent.metadata.embeds);
    assert.deepEqual(read.metadata.images, sent.metadata.images);
    assert.ok(!hits.includes('/sized'), 'only the first link is fetched');
    // An edit that drops the link drops its preview.
    const patched = await w.alice.client.patchPost({ id: post.id, message: 'no link any more' } as never);
    assert.deepEqual(patched.metadata.embeds, []);
    assert.deepEqual(patched.metadata.images, {});
  });

  test('declared image sizes are used without fetching the image; a direct image link is an image embed', async () => {
    const before = hits.length;
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `${base}/sized`,
    } as never);
    await until(() => editedPost(post.id) !== undefined, 'post_edited');
    assert.deepEqual(editedPost(post.id)!.metadata.images[`${base}/img.png`], {
      width: 1200,
      height: 630,
      format: '',
      frame_count: 0,
    });
    assert.deepEqual(hits.slice(before), ['/sized']);

    const pic = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `${base}/img.png`,
    } as never);
    await until(() => editedPost(pic.id) !== undefined, 'post_edited');
    assert.deepEqual(editedPost(pic.id)!.metadata.embeds, [{ type: 'image', url: `${base}/img.png` }]);
    assert.equal(editedPost(pic.id)!.metadata.images[`${base}/img.png`].width, 40);
  });

  test('an internal address that is not allow-listed is never contacted', async () => {
    const post = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `${canaryBase}/admin`,
    } as never);
    await sleep(500);
    assert.equal(canaryHits, 0);
    assert.equal(editedPost(post.id), undefined);
    assert.deepEqual((await w.alice.client.getPost(post.id)).metadata.embeds, []);
  });

  test('restricted domains, oversized pages, code and disabled previews give nothing', async () => {
    await w.server.parley.app.config.patch({
      ServiceSettings: { RestrictLinkPreviews: 'example.org, 127.0.0.1' },
    });
    let before = hits.length;
    const restricted = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `${base}/page`,
    } as never);
    await w.server.parley.app.config.patch({ ServiceSettings: { RestrictLinkPreviews: '' } });

    const big = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `${base}/big`,
    } as never);
    const code = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `\`${base}/page\``,
    } as never);
    await until(() => hits.slice(before).includes('/big'), 'the big page request');
    await sleep(300);
    assert.deepEqual(hits.slice(before), ['/big']);
    for (const p of [restricted, big, code]) assert.equal(editedPost(p.id), undefined);

    await w.server.parley.app.config.patch({ ServiceSettings: { EnableLinkPreviews: false } });
    before = hits.length;
    const off = await w.alice.client.createPost({
      channel_id: w.channel.id,
      message: `${base}/page`,
    } as never);
    await sleep(300);
    assert.equal(hits.length, before);
    assert.equal(editedPost(off.id), undefined);
    await w.server.parley.app.config.patch({ ServiceSettings: { EnableLinkPreviews: true } });
  });

  test('parsing: first link, restriction list, OpenGraph fallbacks', () => {
    assert.equal(firstLink('see (https://a.example/x).'), 'https://a.example/x');
    assert.equal(firstLink('```\nhttps://code.example\n```\nthen http://b.example/'), 'http://b.example/');
    assert.equal(firstLink('ftp://nope.example and nothing'), null);
    assert.equal(isRestricted('https://sub.example.org/a', 'example.org'), true);
    assert.equal(isRestricted('https://notexample.org/a', 'example.org'), false);
    const og = parseOpenGraph(
      '<head><title> Plain  title </title><meta name="description" content="Desc &#x27;q&#x27;"></head>',
      'https://p.example/',
    );
    assert.equal(og.title, 'Plain title');
    assert.equal(og.description, "Desc 'q'");
    assert.equal(og.url, 'https://p.example/');
    assert.equal(og.images, null);
  });
});
