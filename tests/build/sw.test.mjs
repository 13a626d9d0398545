// The service worker step (scripts/build-sw.mjs): sw.js and precache.json list the same files,
// every built file but the worker; precache.json, which the page reads to build a brought
// referential's SCORM package (core::scorm::package), names itself. Run with `node --test tests/build/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServiceWorker } from '../../scripts/build-sw.mjs';

function build(files) {
  const dir = mkdtempSync(join(tmpdir(), 'repere-sw-'));
  for (const [name, body] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), body);
  }
  return dir;
}

const precacheOf = (dir) => JSON.parse(/const PRECACHE = (\[[^\]]*\]);/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'))[1]);

test('precache.json lists exactly what the worker precaches, itself included', () => {
  const dir = build({ 'index.html': '<!DOCTYPE html>', 'repere-0123456789abcdef_bg.wasm': 'w', 'icons/icon 192.png': 'p', '.stage/x': 'hidden' });
  try {
    const { files } = buildServiceWorker(dir);
    const list = JSON.parse(readFileSync(join(dir, 'precache.json'), 'utf8'));
    assert.equal(list.format, 'repere.precache');
    assert.equal(list.version, 1);
    assert.deepEqual(list.files, ['icons/icon 192.png', 'index.html', 'precache.json', 'repere-0123456789abcdef_bg.wasm']);
    assert.deepEqual(files, list.files);
    assert.deepEqual(precacheOf(dir), list.files.map((f) => './' + f.split('/').map(encodeURIComponent).join('/')));
    // A second run (the hook runs again on a rebuild) gives the same list and the same worker.
    const worker = readFileSync(join(dir, 'sw.js'), 'utf8');
    buildServiceWorker(dir);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, 'precache.json'), 'utf8')).files, list.files);
    assert.equal(readFileSync(join(dir, 'sw.js'), 'utf8'), worker);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a folder without index.html is refused', () => {
  const dir = build({ 'a.js': '' });
  try {
    assert.throws(() => buildServiceWorker(dir), /no index\.html/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
