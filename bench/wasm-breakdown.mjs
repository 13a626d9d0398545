// Where the bytes of the release wasm go: function bodies grouped by crate (and by module for our
// own crate), the data segment split into the bundled data files and everything else; raw and
// gzip -9 per group. A group's gzip size is measured alone, so the column is an upper bound for
// its share in the whole file (shared context compresses better together).
// Input: a wasm optimised exactly like the build but keeping its name section (wasm-opt -g).
// Usage: node bench/wasm-breakdown.mjs <wasm-with-names> [data files to locate...]
import { readFileSync } from 'node:fs';
import { gzip9 } from '../tests/support/first-load.mjs';

function reader(buf) {
  let pos = 0;
  const r = {
    get pos() { return pos; }, set pos(p) { pos = p; },
    byte: () => buf[pos++],
    u32() { let result = 0, shift = 0, b; do { b = buf[pos++]; result |= (b & 0x7f) << shift; shift += 7; } while (b & 0x80); return result >>> 0; },
    bytes(n) { const s = buf.subarray(pos, pos + n); pos += n; return s; },
    name() { return r.bytes(r.u32()).toString('utf8'); },
  };
  return r;
}

/** Function bodies (with their names) and data segments of a wasm module. */
export function parseWasm(buf) {
  const r = reader(buf);
  r.pos = 8;
  let importedFunctions = 0;
  const bodies = [], segments = [], names = new Map();
  while (r.pos < buf.length) {
    const id = r.byte(), size = r.u32(), end = r.pos + size;
    if (id === 2) { // imports: function indices start after the imported functions
      for (let n = r.u32(); n > 0; n--) {
        r.name(); r.name();
        const kind = r.byte();
        if (kind === 0) { r.u32(); importedFunctions++; }
        else if (kind === 1) { r.byte(); const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 2) { const f = r.byte(); r.u32(); if (f & 1) r.u32(); }
        else if (kind === 3) { r.byte(); r.byte(); }
      }
    } else if (id === 10) {
      for (let n = r.u32(), i = 0; i < n; i++) { const len = r.u32(); bodies.push({ index: importedFunctions + i, bytes: r.bytes(len) }); }
    } else if (id === 11) {
      for (let n = r.u32(); n > 0; n--) {
        const flags = r.u32();
        if (flags === 2) r.u32();
        if (flags !== 1) { while (buf[r.pos] !== 0x0b) r.pos++; r.pos++; } // skip the offset expression
        segments.push(r.bytes(r.u32()));
      }
    } else if (id === 0 && r.name() === 'name') {
      while (r.pos < end) {
        const sub = r.byte(), subSize = r.u32(), subEnd = r.pos + subSize;
        if (sub === 1) for (let n = r.u32(); n > 0; n--) { const idx = r.u32(); names.set(idx, r.name()); }
        r.pos = subEnd;
      }
    }
    r.pos = end;
  }
  for (const b of bodies) b.name = names.get(b.index) ?? `func[${b.index}]`;
  return { bodies, segments };
}

function splitAtZeros(buf) {
  const pieces = [];
  let start = 0;
  for (let i = 0; i <= buf.length; i++) {
    if (i === buf.length || (buf[i] === 0 && buf[i + 1] === 0 && buf[i + 2] === 0 && buf[i + 3] === 0)) {
      if (i > start) pieces.push(buf.subarray(start, i));
      while (i < buf.length && buf[i] === 0) i++;
      start = i;
    }
  }
  return pieces.filter((p) => p.length >= 8);
}

// Frameworks and std are grouped per crate; our own crate per module (repere::ui::pages::cohort…).
function group(name) {
  const plain = name.replace(/^<+/, '').replace(/^(&mut |&|dyn )/, '');
  const ours = /^repere::(\w+)::(\w+)/.exec(plain);
  if (ours) return /^h[0-9a-f]{16}$/.test(ours[2]) ? `repere::${ours[1]}` : `repere::${ours[1]}::${ours[2].replace(/^__component_/, '')}`;
  const crate = /^([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/.exec(plain);
  if (crate) return ['core', 'alloc', 'std'].includes(crate[1]) ? 'rust std (core/alloc/std)' : crate[1];
  if (/^(T|F|V|A|E|C|P|Ok|Func|__wbg|wasm_bindgen|js_sys|web_sys)/.test(plain)) return 'generic glue (wasm-bindgen, closures)';
  return 'other';
}

export function breakdown(buf, dataFiles = []) {
  const { bodies, segments } = parseWasm(buf);
  const groups = new Map();
  const add = (key, bytes) => { const g = groups.get(key) ?? { key, parts: [] }; g.parts.push(bytes); groups.set(key, g); };
  for (const b of bodies) add(group(b.name), b.bytes);
  // Locate each bundled data file inside the data segments (include_bytes! keeps them verbatim,
  // but wasm-opt cuts segments at runs of zeros: look for the pieces between such runs).
  let rest = Buffer.concat(segments);
  for (const [label, path] of dataFiles) {
    const needle = readFileSync(path);
    let found = 0;
    for (const piece of splitAtZeros(needle)) {
      const at = rest.indexOf(piece);
      if (at < 0) continue;
      found += piece.length;
      rest = Buffer.concat([rest.subarray(0, at), rest.subarray(at + piece.length)]);
    }
    if (found > 0) add(label, needle);
  }
  add('other constant data (strings, tables)', rest);
  return [...groups.values()].map(({ key, parts }) => {
    const all = Buffer.concat(parts);
    return { key, raw: all.length, gzip: gzip9(all) };
  }).sort((a, b) => b.gzip - a.gzip);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [wasm, ...files] = process.argv.slice(2);
  for (const g of breakdown(readFileSync(wasm), files.map((f) => [f, f]))) console.log(`${String(g.raw).padStart(9)} ${String(g.gzip).padStart(8)}  ${g.key}`);
}
