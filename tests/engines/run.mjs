// `make engines`: the candidate's journey (journey.mjs) and the trainer's (trainer.mjs: an RNCP
// export to a referential candidates rate) in Debian's Firefox ESR and WebKitGTK,
// against the build served by the one static server under the tests' sub-path. The page the
// journey opens, `index.html`, is served with tests/engines/page-errors.js loaded first, so that
// errors are seen whatever the WebDriver. Fails on the first broken step of any engine; prints
// each step's time. Usage (WebKit needs a display):
//   xvfb-run -a node tests/engines/run.mjs [dist] [firefox] [webkit]
import { copyFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SUB_PATH, TYPES, startServer } from '../../scripts/server.mjs';
import { openFirefox } from './firefox.mjs';
import { journey } from './journey.mjs';
import { EXPORT_FIXTURE, EXPORT_NAME, trainerJourney } from './trainer.mjs';
import { openWebKit } from './webkit.mjs';

const ENGINES = { firefox: openFirefox, webkit: openWebKit };
// Per condition, not for the whole journey: a busy 2-core machine compiles the wasm slowly.
const TIMEOUT = 60_000;

const args = process.argv.slice(2);
const dist = resolve(args.find((a) => !(a in ENGINES)) ?? 'dist');
const chosen = args.filter((a) => a in ENGINES);
const engines = chosen.length ? chosen : Object.keys(ENGINES);

const ERRORS_SCRIPT = fileURLToPath(new URL('./page-errors.js', import.meta.url));
const html = readFileSync(join(dist, 'index.html'), 'utf8');
if (!html.includes('<head>')) throw new Error(`${dist}/index.html has no <head>`);
// First in <head>: it runs before the app's loader (a same-origin script, which the page's
// Content-Security-Policy allows).
const instrumented = html.replace('<head>', '<head><script src="page-errors.js"></script>');

const server = await startServer({
  mounts: {
    [SUB_PATH]: { dir: dist },
    [`${SUB_PATH}index.html`]: { read: (rest) => (rest === '' ? instrumented : undefined), type: TYPES['.html'] },
    [`${SUB_PATH}page-errors.js`]: { file: ERRORS_SCRIPT },
  },
});
const base = `${server.origin}${SUB_PATH}`;
const exportPath = join(mkdtempSync(join(tmpdir(), 'repere-engines-')), EXPORT_NAME);
copyFileSync(EXPORT_FIXTURE, exportPath);

let failed = false;
try {
  for (const name of engines) {
    const start = Date.now();
    console.log(`${name}: the candidate's journey, then the trainer's`);
    let engine;
    try {
      engine = await ENGINES[name]({ timeout: TIMEOUT });
      await journey(engine, base, (line) => console.log(line));
      // A fresh start for the trainer: the candidate's answers stay in this profile, as they
      // would in a trainer's own browser.
      await trainerJourney(engine, base, exportPath, (line) => console.log(line));
      console.log(`${name}: passed in ${((Date.now() - start) / 1000).toFixed(1)} s`);
    } catch (e) {
      failed = true;
      console.error(`${name}: FAILED after ${((Date.now() - start) / 1000).toFixed(1)} s: ${e.stack ?? e}`);
    } finally {
      await engine?.close().catch((e) => console.error(`${name}: closing: ${e.message}`));
    }
  }
} finally {
  await server.close();
}
process.exit(failed ? 1 : 0);
