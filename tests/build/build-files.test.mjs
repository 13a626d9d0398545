// The one walk over a build (scripts/build-files.mjs), which the service worker's precache list,
// the SCORM packages, the static server, the size guard and the benchmark all take.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { buildFiles } from '../../scripts/build-files.mjs';

test('every file under the folder, nested ones as a/b, sorted; dot entries and links left out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'build-files-'));
  try {
    for (const d of ['a', 'icons', 'icons/deep', '.stage', '.stage/x']) mkdirSync(join(dir, d));
    // 'a-b' sorts before 'a/z' ('-' < '/'), which a walk of folder `a` first gives after it.
    for (const f of ['a/z', 'a-b', 'sw.js', 'index.html', 'icons/a.png', 'icons/deep/b.png', '.stage/repere.wasm', '.stage/x/y', '.DS_Store', 'split_x-0123456789abcdef.wasm']) {
      writeFileSync(join(dir, f), f);
    }
    symlinkSync(join(dir, 'index.html'), join(dir, 'link.html'));
    assert.deepEqual(buildFiles(dir), ['a-b', 'a/z', 'icons/a.png', 'icons/deep/b.png', 'index.html', 'split_x-0123456789abcdef.wasm', 'sw.js']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
