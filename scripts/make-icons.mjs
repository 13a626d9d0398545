// Draws the PWA icons (public/icons/*.png) from the geometry of public/favicon.svg: a blue
// rounded square, a white ring and a yellow dot. Pure Node (zlib), no dependency; the PNGs are
// committed, so this only needs to run again when the logo changes: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const BLUE = [0x1d, 0x4e, 0x89];
const WHITE = [0xff, 0xff, 0xff];
const YELLOW = [0xff, 0xbf, 0x47];

// favicon.svg, viewBox 0 0 64: rect rx 14; ring r 18, stroke 5; dot r 6.
function sample(x, y, { fullBleed, scale }) {
  // x, y in favicon units (0..64); the logo is scaled about the centre by `scale`.
  let colour = null;
  if (fullBleed) colour = BLUE;
  else {
    const r = 14;
    const cx = Math.min(Math.max(x, r), 64 - r);
    const cy = Math.min(Math.max(y, r), 64 - r);
    if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= 0 && y >= 0 && x <= 64 && y <= 64) colour = BLUE;
  }
  const d = Math.hypot(x - 32, y - 32) / scale;
  if (Math.abs(d - 18) <= 2.5) colour = WHITE;
  if (d <= 6) colour = YELLOW;
  return colour;
}

function render(size, opts) {
  const n = 4; // n × n samples per pixel
  const rgba = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < n; sy++) {
        for (let sx = 0; sx < n; sx++) {
          const c = sample(((px + (sx + 0.5) / n) * 64) / size, ((py + (sy + 0.5) / n) * 64) / size, opts);
          if (c) { r += c[0]; g += c[1]; b += c[2]; a += 1; }
        }
      }
      const o = (py * size + px) * 4;
      if (a) { rgba[o] = Math.round(r / a); rgba[o + 1] = Math.round(g / a); rgba[o + 2] = Math.round(b / a); }
      rgba[o + 3] = Math.round((255 * a) / (n * n));
    }
  }
  return png(size, size, rgba);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(width, height, rgba) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const icons = {
  'icon-192.png': [192, { fullBleed: false, scale: 1 }],
  'icon-512.png': [512, { fullBleed: false, scale: 1 }],
  // Maskable: full-bleed background, logo well inside the 80 % safe zone.
  'icon-maskable-512.png': [512, { fullBleed: true, scale: 0.8 }],
  // iOS draws transparent pixels black: an opaque square, rounded by the system.
  'apple-touch-icon.png': [180, { fullBleed: true, scale: 1 }],
};
for (const [name, [size, opts]] of Object.entries(icons)) {
  const data = render(size, opts);
  writeFileSync(new URL(name, out), data);
  console.log(`public/icons/${name}: ${size}×${size}, ${data.length} bytes`);
}
