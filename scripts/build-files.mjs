// The one walk over a build folder: every regular file under it, as sorted `/`-separated paths
// relative to it. Entries whose name starts with a dot are not part of the build (trunk's
// `.stage` while it builds, editor files). Used by the build steps (the service worker's
// precache list, the SCORM packages' file list) and by everything that reads a build (the static
// server, the size guard, the benchmark, the browser tests).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export function buildFiles(dir) {
  const out = [];
  const walk = (prefix) => {
    for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) walk(`${path}/`);
      else if (entry.isFile()) out.push(path);
    }
  };
  walk('');
  return out.sort();
}

