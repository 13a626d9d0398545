// What each page adds to the first load (gzip -9): builds the app again with only the home page
// routed (every other route shows the not-found page, so the compiler drops the other pages), then
// with home + one page at a time. Shows what a first load could be with lazy-loaded routes, which
// trunk 0.21 cannot build: evidence for the SPEC §11 size budget, not part of `make bench`.
// Needs a clean working tree of src/ui/mod.rs; takes about a minute per build.
// Usage: node bench/page-cost.mjs        (run through `make bench-pages`)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { firstLoad } from '../scripts/first-load.mjs';

const root = resolve('.');
const tree = join(root, 'bench/.tmp-pages');
const targetDir = join(root, 'target/page-cost');
const KiB = (n) => (n / 1024).toFixed(1);

// The page arms of `App`'s route match in src/ui/mod.rs, one per line.
const source = readFileSync('src/ui/mod.rs', 'utf8');
const start = source.indexOf('{move || match page.get() {');
const end = source.indexOf('}}', start);
if (start < 0 || end < 0) throw new Error('route match not found in src/ui/mod.rs');
const arms = source.slice(start, end).split('\n').filter((l) => /^\s*Route::\w+.*=> view!/.test(l));
const home = arms.find((l) => /Route::Home\b/.test(l));
const notFound = arms.find((l) => /Route::NotFound\b/.test(l));
if (!home || !notFound) throw new Error('home or not-found arm not found in src/ui/mod.rs');
const fallback = notFound.replace(/Route::NotFound\([^)]*\)/, '_');

function build(kept) {
  const body = ['{move || match page.get() {', ...kept, fallback, ''].join('\n');
  writeFileSync(join(tree, 'src/ui/mod.rs'), source.slice(0, start) + body + source.slice(end));
  execFileSync('trunk', ['build', '--release', '--offline', '--public-url', './'], {
    cwd: tree, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CARGO_TARGET_DIR: targetDir },
  });
  return firstLoad(join(tree, 'dist')).total.gzip;
}

if (existsSync(tree)) execFileSync('git', ['worktree', 'remove', '--force', tree]);
execFileSync('git', ['worktree', 'add', '--detach', tree, 'HEAD'], { stdio: 'ignore' });
try {
  symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'));
  const all = firstLoad('dist').total.gzip;
  const base = build([home]);
  console.log('| build | first load gzip -9 | added to shell + home |\n|---|---:|---:|');
  console.log(`| every page (the release build, dist/) | ${KiB(all)} KiB | ${KiB(all - base)} KiB |`);
  console.log(`| shell + home page only | ${KiB(base)} KiB | — |`);
  for (const arm of arms.filter((a) => a !== home && a !== notFound)) {
    const name = /Route::(\w+)/.exec(arm)[1];
    const size = build([home, arm]);
    console.log(`| shell + home + ${name} | ${KiB(size)} KiB | ${KiB(size - base)} KiB |`);
  }
} finally {
  execFileSync('git', ['worktree', 'remove', '--force', tree]);
  rmSync(tree, { recursive: true, force: true });
}
