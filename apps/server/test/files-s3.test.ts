import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { CreateBucketCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import sharp from 'sharp';
import { channelWorld, newChannelFields, type ChannelWorld } from './channels-setup.ts';
import { fetchWithToken, jpeg, upload } from './files-setup.ts';

/**
 * The S3 file store against a real S3-compatible server: moto's (PyPI `moto[server]`), started
 * here on a free port. CI installs it (.ci/run) and names it in MOTO_SERVER; elsewhere the suite
 * runs when `moto_server` is on the PATH and is skipped, saying why, when it is not.
 */
const MOTO = process.env.MOTO_SERVER || 'moto_server';
const motoAvailable = spawnSync(MOTO, ['--help'], { stdio: 'ignore' }).status === 0;
if (!motoAvailable && process.env.CI) throw new Error(`CI needs moto's S3 server: ${MOTO} did not run`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

async function waitUntilUp(url: string): Promise<void> {
  for (let i = 0; i < 100; i += 1) {
    try {
      await fetch(url);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`moto did not start at ${url}`);
}

describe('files on S3 (moto)', { skip: motoAvailable ? false : `${MOTO} not found` }, () => {
  let moto: ChildProcess;
  let w: ChannelWorld;
  let s3: S3Client;
  const bucket = 'parley-files';
  before(async () => {
    const port = await freePort();
    moto = spawn(MOTO, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
    const endpoint = `127.0.0.1:${port}`;
    await waitUntilUp(`http://${endpoint}/`);
    s3 = new S3Client({
      region: 'us-east-1',
      endpoint: `http://${endpoint}`,
      forcePathStyle: true,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    w = await channelWorld({
      FileSettings: {
        DriverName: 'amazons3',
        AmazonS3Endpoint: endpoint,
        AmazonS3SSL: false,
        AmazonS3Bucket: bucket,
        AmazonS3Region: 'us-east-1',
        AmazonS3PathPrefix: 'parley',
        AmazonS3AccessKeyId: 'test',
        AmazonS3SecretAccessKey: 'test',
      },
    });
  });
  after(async () => {
    await w?.server.close();
    s3?.destroy();
    moto?.kill('SIGTERM');
  });

  test('an upload lands in the bucket and comes back with its thumbnail and ranges', async () => {
    const channel = await w.alice.client.createChannel(newChannelFields(w.team.id, 'P'));
    const image = await jpeg(300, 150);
    const res = await upload(w.alice.client, channel.id, [{ name: 'photo.jpg', data: image }]);
    const info = res.file_infos[0];
    const listed = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: 'parley/' }));
    const keys = (listed.Contents ?? []).map((o) => o.Key!);
    const original = keys.find((k) => k.endsWith(`/${info.id}/photo.jpg`));
    assert.ok(original, keys.join(', '));
    assert.ok(keys.some((k) => k.endsWith(`/${info.id}/${info.id}_thumb.jpg`)));
    const stored = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: original }));
    assert.ok(Buffer.from(await stored.Body!.transformToByteArray()).equals(image));

    const file = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(info.id, 0));
    assert.equal(file.res.status, 200);
    assert.ok(file.body.equals(image));
    assert.equal(file.res.headers.get('content-length'), String(image.length));
    const part = await fetchWithToken(w.alice.client, w.alice.client.getFileUrl(info.id, 0), {
      Range: 'bytes=2-11',
    });
    assert.equal(part.res.status, 206);
    assert.ok(part.body.equals(image.subarray(2, 12)));
    const thumb = await fetchWithToken(w.alice.client, w.alice.client.getFileThumbnailUrl(info.id, 0));
    const m = await sharp(thumb.body).metadata();
    assert.deepEqual([m.width, m.height], [200, 100]);
    // Bob is not in the channel: the bucket being elsewhere changes nothing.
    const refused = await fetchWithToken(w.bob.client, w.bob.client.getFileUrl(info.id, 0));
    assert.equal(refused.res.status, 403);
  });

  test('custom emoji images are stored in the bucket too', async () => {
    const image = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#00f' } })
      .png()
      .toBuffer();
    const emoji = await w.alice.client.createCustomEmoji(
      { name: 'blue_square_s3', creator_id: w.alice.user.id },
      new File([new Uint8Array(image)], 'e.png', { type: 'image/png' }),
    );
    const got = await s3.send(
      new GetObjectCommand({ Bucket: bucket, Key: `parley/emoji/${emoji.id}/image` }),
    );
    assert.ok(Buffer.from(await got.Body!.transformToByteArray()).equals(image));
    const img = await fetchWithToken(w.bob.client, w.bob.client.getCustomEmojiImageUrl(emoji.id));
    assert.ok(img.body.equals(image));
  });
});
