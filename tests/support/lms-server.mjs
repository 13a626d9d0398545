// A same-origin test LMS for the SCORM e2e tests: serves tests/support/lms/ (player page and
// runtime), scorm-again from node_modules, and every package of dist-scorm/ unzipped in memory
// under a deep Moodle-like path, with `.wasm` as `application/octet-stream` as LMSs serve it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { startServer, TYPES } from '../../scripts/server.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
// What an LMS answers: the usual types, but `.wasm` (a type it does not know) as
// application/octet-stream.
const LMS_TYPES = Object.fromEntries(Object.entries(TYPES).filter(([ext]) => ext !== '.wasm'));
export const CONTENT = '/lms/pluginfile.php/42/mod_scorm/content/';

/** A SCORM package's zip (bytes) as the test LMS holds it: { files: Map(path → bytes),
 * manifest, launch } (the launch href of its resource, unescaped). */
export function readPackage(zip) {
  const files = new Map(Object.entries(unzipSync(zip)));
  const manifest = strFromU8(files.get('imsmanifest.xml'));
  const launch = /<resource [^>]*href="([^"]+)"/.exec(manifest)[1].replaceAll('&amp;', '&');
  return { files, manifest, launch };
}

/** Every package of `dir`: name → `readPackage`'s form. */
export function readPackages(dir = join(ROOT, 'dist-scorm')) {
  return new Map(readdirSync(dir).filter((f) => f.endsWith('.zip'))
    .map((zip) => [zip.replace(/\.zip$/, ''), readPackage(readFileSync(join(dir, zip)))]));
}

/** The test LMS on a port of its own: `{ origin, close() }`. */
export async function startLms(packages) {
  const support = join(ROOT, 'tests/support/lms');
  const server = await startServer({
    types: LMS_TYPES,
    mounts: {
      '/lms/scorm12.js': { file: join(ROOT, 'node_modules/scorm-again/dist/scorm12.js') },
      '/lms/player.html': { file: join(support, 'player.html') },
      '/lms/player.js': { file: join(support, 'player.js') },
      [CONTENT]: {
        read: (rest) => {
          const [name, ...path] = rest.split('/');
          return packages.get(name)?.files.get(path.join('/'));
        },
      },
    },
  });
  return { origin: server.origin, close: () => server.close() };
}

/** The player page of the LMS at `origin` launching `launch` of package `pkg`, with the
 * learner's data `cmi`, the API calls told to fail (`fail`), and no API at all when `api` is false. */
export function playerUrl(origin, pkg, launch, { cmi = {}, fail = [], api = true } = {}) {
  const q = new URLSearchParams({ pkg, launch, cmi: JSON.stringify(cmi), fail: JSON.stringify(fail) });
  if (!api) q.set('api', '0');
  return `${origin}/lms/player.html?${q}`;
}

/** The test LMS on `make scorm`'s packages for the tests of one file or `describe` block
 * (Playwright's `test`): started before them, stopped after. */
export function testLms(test) {
  let packages;
  let server;
  test.beforeAll(async () => {
    packages = readPackages();
    server = await startLms(packages);
  });
  test.afterAll(async () => server?.close());
  return {
    get packages() { return packages; },
    get origin() { return server.origin; },
    /** A package of `make scorm` in the player page (options as `playerUrl`'s). */
    player: (pkg, options) => playerUrl(server.origin, pkg, packages.get(pkg).launch, options),
  };
}
