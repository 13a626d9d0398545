// Writes a synthetic RNCP export (flux 4.1) of about the size of the real one, for the browser
// benchmark of the scan (SPEC §13): the fiches of tests/fixtures/rncp/export-extrait.xml repeated,
// each copy renumbered, written as a stream. Made at bench time, never committed.
//   node bench/rncp-synthetic.mjs [output, default bench/.tmp-rncp/export.xml] [MB, default 500]
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { once } from "node:events";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const output = process.argv[2] ?? join(root, "bench/.tmp-rncp/export.xml");
const megabytes = Number(process.argv[3] ?? 500);
if (!Number.isFinite(megabytes) || megabytes <= 0) {
  console.error("usage: node bench/rncp-synthetic.mjs [output] [size in MB]");
  process.exit(2);
}
const target = megabytes * 1e6;

const extract = readFileSync(join(root, "tests/fixtures/rncp/export-extrait.xml"), "utf8");
const fiches = [...extract.matchAll(/<FICHE>[\s\S]*?<\/FICHE>/g)].map((m) => {
  const number = /<NUMERO_FICHE>(RNCP\d+)<\/NUMERO_FICHE>/.exec(m[0])[1];
  return { text: m[0], number };
});
if (fiches.length === 0) throw new Error("no fiche in the fixture");

mkdirSync(dirname(output), { recursive: true });
const out = createWriteStream(output);
const write = async (s) => {
  if (!out.write(s)) await once(out, "drain");
};

let written = 0;
let count = 0;
let next = 100000;
const head = '<?xml version="1.0" encoding="UTF-8"?>\n<FICHES>\n<VERSION_FLUX>4.1</VERSION_FLUX>\n';
await write(head);
written += Buffer.byteLength(head);
while (written < target) {
  for (const f of fiches) {
    const copy = f.text.split(f.number).join(`RNCP${next}`) + "\n";
    next += 1;
    count += 1;
    written += Buffer.byteLength(copy);
    await write(copy);
  }
}
await write("</FICHES>\n");
out.end();
await once(out, "finish");
console.log(`${output}: ${(written / 1e6).toFixed(1)} MB, ${count} fiches`);
