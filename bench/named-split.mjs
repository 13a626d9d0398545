// For the benchmark's size breakdown: splits the release wasm again, exactly as the build does
// (scripts/split.mjs), but keeping the name section (wasm-bindgen --keep-debug, wasm-opt -g), so
// that bench/wasm-breakdown.mjs can say which crate and module each byte of each piece is from.
// The pieces are byte-identical to the build's apart from names. Usage: node bench/named-split.mjs <dir>
import { mkdirSync, rmSync } from 'node:fs';
import { cargoWasm, runTools } from '../scripts/split.mjs';

const dir = process.argv[2] || 'bench/.tmp-breakdown';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const files = await runTools(cargoWasm('.', 'release'), dir, { names: true });
console.log(`named-split: ${Object.keys(files).filter((f) => f.endsWith('.wasm')).length} wasm files in ${dir}`);
