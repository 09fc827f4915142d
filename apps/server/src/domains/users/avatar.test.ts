import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32, inflateSync } from 'node:zlib';
import { defaultProfileImage, sniffImageType } from './avatar.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Minimal decoder for what the generator writes: 8-bit RGB, unfiltered scanlines. Checks every CRC. */
function decode(png: Buffer) {
  assert.deepEqual(png.subarray(0, 8), PNG_SIGNATURE);
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    assert.equal(
      png.readUInt32BE(at + 8 + length),
      crc32(png.subarray(at + 4, at + 8 + length)),
      `${type} CRC`,
    );
    chunks.push({ type, data });
    at += 12 + length;
  }
  assert.deepEqual(
    chunks.map((c) => c.type).filter((t, i, all) => t !== all[i - 1]),
    ['IHDR', 'IDAT', 'IEND'],
  );
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  assert.deepEqual([...ihdr.subarray(8)], [8, 2, 0, 0, 0], 'bit depth 8, RGB, no interlace');

  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  const stride = 1 + width * 3;
  assert.equal(raw.length, height * stride);
  const pixel = (x: number, y: number) => {
    const at = y * stride + 1 + x * 3;
    return (raw[at] << 16) | (raw[at + 1] << 8) | raw[at + 2];
  };
  for (let y = 0; y < height; y++) assert.equal(raw[y * stride], 0, 'filter type none');
  return { width, height, pixel };
}

/** Background colour, and the bounding box of the pure-white (fully inked) pixels. */
function inspect(png: Buffer) {
  const { width, height, pixel } = decode(png);
  const background = pixel(0, 0);
  const colours = new Set<number>();
  let [left, right, top, bottom] = [width, -1, height, -1];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p = pixel(x, y);
      colours.add(p);
      if (p !== 0xffffff) continue;
      [left, right, top, bottom] = [
        Math.min(left, x),
        Math.max(right, x),
        Math.min(top, y),
        Math.max(bottom, y),
      ];
    }
  }
  return { width, height, background, colours, left, right, top, bottom };
}

test('profile image is a 128x128 RGB PNG with white initials drawn on a coloured background', () => {
  const image = inspect(defaultProfileImage('u1abcdefghijklmnopqrstuvwx', 'JD'));
  assert.equal(image.width, 128);
  assert.equal(image.height, 128);
  assert.notEqual(image.background, 0xffffff);
  assert.ok(image.colours.has(0xffffff), 'initials are drawn in white');
  assert.ok(image.colours.size > 2, 'edges are anti-aliased');
  assert.ok(image.right - image.left > 40, 'two letters side by side');
  // Centred: margins agree to within a pixel or two.
  assert.ok(Math.abs(image.left - (127 - image.right)) <= 2, 'centred horizontally');
  assert.ok(Math.abs(image.top - (127 - image.bottom)) <= 2, 'centred vertically');
});

test('profile image is deterministic, and its colour follows the user id', () => {
  assert.deepEqual(defaultProfileImage('someuser', 'AB'), defaultProfileImage('someuser', 'AB'));
  const backgrounds = new Set(
    Array.from({ length: 20 }, (_, i) => inspect(defaultProfileImage(`user${i}`, 'AB')).background),
  );
  assert.ok(backgrounds.size >= 5, `only ${backgrounds.size} colours for 20 users`);
  // Same id, different initials: same background.
  assert.equal(
    inspect(defaultProfileImage('someuser', 'AB')).background,
    inspect(defaultProfileImage('someuser', 'XY')).background,
  );
});

test('one or two initials, lower case, digits and unknown characters', () => {
  const draw = (initials: string) => defaultProfileImage('same-user', initials);
  const one = inspect(draw('J'));
  const two = inspect(draw('JD'));
  assert.ok(one.colours.has(0xffffff));
  assert.ok(one.right - one.left < two.right - two.left, 'one letter is narrower than two');
  assert.ok(Math.abs(one.left - (127 - one.right)) <= 2, 'a single letter is centred too');

  assert.deepEqual(draw('jd'), draw('JD'), 'lower case is drawn as upper case');
  assert.deepEqual(draw('Éz'), draw('EZ'), 'accents are dropped');
  assert.deepEqual(draw('JDX'), draw('JD'), 'at most two initials');

  const digits = inspect(draw('42'));
  assert.ok(digits.colours.has(0xffffff));
  assert.notDeepEqual(draw('42'), draw('??'), 'digits have glyphs');

  // No glyph: falls back to '?', and nothing at all still draws something.
  assert.deepEqual(draw('李'), draw('?'));
  assert.deepEqual(draw('😀ä'), draw('?A'));
  assert.ok(inspect(draw('')).colours.has(0xffffff));
});

test('sniffImageType recognises formats by their magic bytes', () => {
  const bytes = (...parts: (string | number[])[]) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  const bmp = Buffer.alloc(54);
  bmp.write('BM', 0, 'latin1');
  bmp.writeUInt32LE(54, 2);
  bmp.writeUInt32LE(54, 10);
  bmp.writeUInt32LE(40, 14);

  assert.equal(sniffImageType(defaultProfileImage('x', 'A')), 'image/png');
  assert.equal(sniffImageType(bytes([0xff, 0xd8, 0xff, 0xe0], '\0\x10JFIF\0')), 'image/jpeg');
  assert.equal(sniffImageType(bytes('GIF89a', [1, 0, 1, 0])), 'image/gif');
  assert.equal(sniffImageType(bytes('GIF87a', [1, 0, 1, 0])), 'image/gif');
  assert.equal(sniffImageType(bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')), 'image/webp');
  assert.equal(sniffImageType(bmp), 'image/bmp');
});

test('sniffImageType rejects anything else', () => {
  assert.equal(sniffImageType(Buffer.alloc(0)), null);
  assert.equal(sniffImageType(Buffer.from('hello, this is plain text')), null);
  assert.equal(sniffImageType(Buffer.from('BMW is a car company, not a bitmap')), null);
  assert.equal(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
  assert.equal(sniffImageType(Buffer.from('RIFF\0\0\0\0WAVEfmt ', 'latin1')), null);
  assert.equal(sniffImageType(Buffer.from([0x89, 0x50, 0x4e, 0x47])), null, 'truncated PNG signature');
  assert.equal(sniffImageType(Buffer.from([0xff, 0xd8])), null, 'truncated JPEG marker');
  assert.equal(sniffImageType(Buffer.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15])), null);
});
