// `make scorm`: one SCORM 1.2 package per referential and one for all five, from a release build.
// The manifests come from the Rust tool `repere-scorm` (core::scorm::manifest), given the build's
// files (scripts/build-files.mjs); this script writes the zips, with fflate (an npm package of the
// project's setup).
// Usage: node scripts/scorm-package.mjs [build dir] [output dir]   (SCORM_MASTERY=0-100 optional)
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import { buildFiles } from './build-files.mjs';

const dist = resolve(process.argv[2] || 'dist');
const out = resolve(process.argv[3] || 'dist-scorm');
const mastery = process.env.SCORM_MASTERY ?? '';

const plan = JSON.parse(execFileSync('cargo', ['run', '--quiet', '--bin', 'repere-scorm', '--', '--mastery', mastery],
  { encoding: 'utf8', input: buildFiles(dist).join('\n'), stdio: ['pipe', 'pipe', 'inherit'] }));

// A fixed date keeps the zips identical from one build of the same files to the next.
const mtime = new Date('2026-01-01T00:00:00Z');
const contents = Object.fromEntries(plan.files.map((f) => [f, readFileSync(join(dist, f))]));
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
for (const p of plan.packages) {
  const entries = { 'imsmanifest.xml': [new TextEncoder().encode(p.manifest), { level: 9 }] };
  for (const f of plan.files) entries[f] = [contents[f], { level: 9 }];
  const zip = zipSync(entries, { mtime });
  writeFileSync(join(out, p.file), zip);
  console.log(`${p.file.padEnd(44)} ${(zip.length / 1024).toFixed(0).padStart(5)} KiB  ${p.launch}  (${p.title})`);
}
console.log(`${plan.packages.length} SCORM 1.2 packages in ${out}${mastery ? `, mastery score ${mastery}` : ''}`);
