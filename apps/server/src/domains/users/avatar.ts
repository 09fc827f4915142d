import { crc32, deflateSync } from 'node:zlib';

// Default profile images are drawn here rather than with a canvas/font library: CI and production
// machines have no fonts we can rely on and we want no native build steps, so the glyphs come from a
// tiny bitmap font below and the PNG is encoded by hand (zlib does the compression and the CRCs).

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const SIZE = 128;
/** Pixels per font cell; a 5x7 glyph becomes 30x42 px, two of them fill about half the image. */
const CELL = 6;
/** Stroke radius in cells. 0.5 would be as fat as the bitmap; a little less reads as a lighter weight. */
const RADIUS = 0.46;
const GLYPH_W = 5;
const GLYPH_H = 7;
/** Empty columns between two initials. */
const GAP = 1;

// Backgrounds dark enough for white text to stay readable; which one a user gets depends only on the id.
const PALETTE = [
  0x1e88e5, 0x3949ab, 0x5e35b1, 0x8e24aa, 0xd81b60, 0xe53935, 0xf4511e, 0x6d4c41, 0x00897b, 0x43a047,
  0x546e7a, 0x0097a7,
];

// 5x7 font: each string is one row, '#' is ink. Only what initials need; anything else draws as '?'.
const FONT: Record<string, string[]> = {
  A: ['.###.', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  B: ['####.', '#...#', '#...#', '####.', '#...#', '#...#', '####.'],
  C: ['.###.', '#...#', '#....', '#....', '#....', '#...#', '.###.'],
  D: ['####.', '#...#', '#...#', '#...#', '#...#', '#...#', '####.'],
  E: ['#####', '#....', '#....', '####.', '#....', '#....', '#####'],
  F: ['#####', '#....', '#....', '####.', '#....', '#....', '#....'],
  G: ['.###.', '#...#', '#....', '#.###', '#...#', '#...#', '.###.'],
  H: ['#...#', '#...#', '#...#', '#####', '#...#', '#...#', '#...#'],
  I: ['.###.', '..#..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  J: ['..###', '...#.', '...#.', '...#.', '...#.', '#..#.', '.##..'],
  K: ['#...#', '#..#.', '#.#..', '##...', '#.#..', '#..#.', '#...#'],
  L: ['#....', '#....', '#....', '#....', '#....', '#....', '#####'],
  M: ['#...#', '##.##', '#.#.#', '#.#.#', '#...#', '#...#', '#...#'],
  N: ['#...#', '#...#', '##..#', '#.#.#', '#..##', '#...#', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  P: ['####.', '#...#', '#...#', '####.', '#....', '#....', '#....'],
  Q: ['.###.', '#...#', '#...#', '#...#', '#.#.#', '#..#.', '.##.#'],
  R: ['####.', '#...#', '#...#', '####.', '#.#..', '#..#.', '#...#'],
  S: ['.####', '#....', '#....', '.###.', '....#', '....#', '####.'],
  T: ['#####', '..#..', '..#..', '..#..', '..#..', '..#..', '..#..'],
  U: ['#...#', '#...#', '#...#', '#...#', '#...#', '#...#', '.###.'],
  V: ['#...#', '#...#', '#...#', '#...#', '#...#', '.#.#.', '..#..'],
  W: ['#...#', '#...#', '#...#', '#.#.#', '#.#.#', '#.#.#', '.#.#.'],
  X: ['#...#', '#...#', '.#.#.', '..#..', '.#.#.', '#...#', '#...#'],
  Y: ['#...#', '#...#', '.#.#.', '..#..', '..#..', '..#..', '..#..'],
  Z: ['#####', '....#', '...#.', '..#..', '.#...', '#....', '#####'],
  '0': ['.###.', '#...#', '#..##', '#.#.#', '##..#', '#...#', '.###.'],
  '1': ['..#..', '.##..', '..#..', '..#..', '..#..', '..#..', '.###.'],
  '2': ['.###.', '#...#', '....#', '...#.', '..#..', '.#...', '#####'],
  '3': ['#####', '...#.', '..#..', '...#.', '....#', '#...#', '.###.'],
  '4': ['...#.', '..##.', '.#.#.', '#..#.', '#####', '...#.', '...#.'],
  '5': ['#####', '#....', '####.', '....#', '....#', '#...#', '.###.'],
  '6': ['..##.', '.#...', '#....', '####.', '#...#', '#...#', '.###.'],
  '7': ['#####', '....#', '...#.', '..#..', '.#...', '.#...', '.#...'],
  '8': ['.###.', '#...#', '#...#', '.###.', '#...#', '#...#', '.###.'],
  '9': ['.###.', '#...#', '#...#', '.####', '....#', '...#.', '.##..'],
  '?': ['.###.', '#...#', '....#', '...#.', '..#..', '.....', '..#..'],
};

/** A stroke between two points, in font-cell units of the whole text block. */
type Segment = [x1: number, y1: number, x2: number, y2: number];

/**
 * Turns a bitmap glyph into strokes: every ink cell is a dot, joined to its ink neighbours. Diagonal
 * joins are only made where no orthogonal path exists, so curves and slants come out smooth instead
 * of as staircases, without thickening the corners of squares.
 */
function glyphSegments(rows: string[], offsetX: number): Segment[] {
  const ink = (x: number, y: number) => rows[y]?.[x] === '#';
  const segments: Segment[] = [];
  for (let y = 0; y < GLYPH_H; y++) {
    for (let x = 0; x < GLYPH_W; x++) {
      if (!ink(x, y)) continue;
      const cx = offsetX + x + 0.5;
      const cy = y + 0.5;
      segments.push([cx, cy, cx, cy]);
      if (ink(x + 1, y)) segments.push([cx, cy, cx + 1, cy]);
      if (ink(x, y + 1)) segments.push([cx, cy, cx, cy + 1]);
      if (ink(x + 1, y + 1) && !ink(x + 1, y) && !ink(x, y + 1)) segments.push([cx, cy, cx + 1, cy + 1]);
      if (ink(x - 1, y + 1) && !ink(x - 1, y) && !ink(x, y + 1)) segments.push([cx, cy, cx - 1, cy + 1]);
    }
  }
  return segments;
}

function distanceToSegment(px: number, py: number, [x1, y1, x2, y2]: Segment): number {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const lengthSq = dx * dx + dy * dy;
  const t = lengthSq === 0 ? 0 : Math.max(0, Math.min(1, ((px - x1) * dx + (py - y1) * dy) / lengthSq));
  return Math.hypot(px - (x1 + t * dx), py - (y1 + t * dy));
}

/** Up to two drawable characters: accents dropped (É -> E), lower case raised, unknown ones as '?'. */
function glyphsFor(initials: string): string[][] {
  const chars = Array.from(
    initials
      .normalize('NFD')
      .replace(/[\p{M}\s]/gu, '')
      .toUpperCase(),
  ).slice(0, 2);
  if (chars.length === 0) chars.push('?');
  return chars.map((c) => FONT[c] ?? FONT['?']);
}

/** FNV-1a: a stable, cheap hash so a user keeps the same colour across restarts and servers. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, crc]);
}

/** A PNG (128x128) of the user's initials in white on a colour picked from the user id, like Mattermost's default profile image. */
export function defaultProfileImage(userId: string, initials: string): Buffer {
  const background = PALETTE[hash(userId) % PALETTE.length];
  const bg = [(background >> 16) & 0xff, (background >> 8) & 0xff, background & 0xff];

  const glyphs = glyphsFor(initials);
  const segments = glyphs.flatMap((rows, i) => glyphSegments(rows, i * (GLYPH_W + GAP)));
  // Centre the text block (monospaced advance boxes) in the image.
  const blockW = glyphs.length * GLYPH_W + (glyphs.length - 1) * GAP;
  const originX = (SIZE - blockW * CELL) / 2;
  const originY = (SIZE - GLYPH_H * CELL) / 2;

  // Raw scanlines: a filter-type byte (0 = none) then RGB triples.
  const stride = 1 + SIZE * 3;
  const raw = Buffer.alloc(SIZE * stride);
  for (let y = 0; y < SIZE; y++) {
    raw[y * stride] = 0;
    const v = (y + 0.5 - originY) / CELL;
    for (let x = 0; x < SIZE; x++) {
      const u = (x + 0.5 - originX) / CELL;
      let distance = Infinity;
      if (u > -1 && u < blockW + 1 && v > -1 && v < GLYPH_H + 1) {
        for (const segment of segments) distance = Math.min(distance, distanceToSegment(u, v, segment));
      }
      // Distance to the stroke edge in pixels gives the coverage, i.e. anti-aliased edges for free.
      const ink = Math.max(0, Math.min(1, (RADIUS - distance) * CELL + 0.5));
      const at = y * stride + 1 + x * 3;
      for (let c = 0; c < 3; c++) raw[at + c] = Math.round(bg[c] + (255 - bg[c]) * ink);
    }
  }

  const header = Buffer.alloc(13);
  header.writeUInt32BE(SIZE, 0);
  header.writeUInt32BE(SIZE, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: truecolour RGB
  // compression, filter and interlace methods stay 0
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Sizes of the BMP info headers that exist (core, v2..v5 and OS/2 variants). */
const BMP_INFO_SIZES = new Set([12, 16, 40, 52, 56, 64, 108, 124]);

/** 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp' | 'image/bmp' when the bytes start like that format, else null. */
export function sniffImageType(bytes: Buffer): string | null {
  const ascii = (start: number, text: string) =>
    bytes.toString('latin1', start, start + text.length) === text;
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  // "BM" alone would also match ordinary text ("BMW..."), so require a plausible info-header size too.
  if (ascii(0, 'BM') && bytes.length >= 18 && BMP_INFO_SIZES.has(bytes.readUInt32LE(14))) return 'image/bmp';
  return null;
}
