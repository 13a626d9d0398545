// The snapshot step of the build (SPEC §11, static first paint; scripts/post-build.mjs runs it
// between two passes of the CSP step): renders the staged app's home page in Chromium and puts
// what the app rendered into index.html (scripts/static-home.mjs). A fresh context, empty storage,
// French, service worker blocked: the first visit of a French visitor, which the copy stands for.
//
// Without Chromium (`trunk serve` on a machine without it) the build says so and ships without the
// copy; REPERE_STATIC_HOME=0 does the same on purpose (the benchmark's yardstick). A copy that
// cannot be taken (the app does not start, a violation of its own policy) fails the build.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM, launch } from './chromium.mjs';
import { serveBuild } from './server.mjs';
import { injectStaticHome } from './static-home.mjs';

const TIMEOUT_MS = 60_000;

// In the page, before the app: when the app sets its ready marker (`<html data-app="mounted">`,
// in the task that mounted it, before any frame shows it), copy what it rendered for the first
// paint (header, main, footer; not the skip link, whose `#main` would be a route before the app
// is there) and make the copy safe to show before the app runs:
// - no comments (the framework's markers);
// - every id prefixed `ssg-`, and the references to it, so none collides with the app's;
// - controls disabled (style/main.css hides them and keeps their room): nothing looks live that
//   does not work yet; links are plain anchors and work as they are;
// - no test hooks (`data-testid`): a test can only act on the app.
const CAPTURE = () => {
  const copy = () => {
    const root = document.createElement('div');
    root.append(...[...document.body.children].filter((e) => /^(HEADER|MAIN|FOOTER)$/.test(e.tagName)).map((e) => e.cloneNode(true)));
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
    const comments = [];
    while (walker.nextNode()) comments.push(walker.currentNode);
    for (const c of comments) c.remove();
    const ids = new Map();
    for (const e of root.querySelectorAll('[id]')) { ids.set(e.id, `ssg-${e.id}`); e.id = ids.get(e.id); }
    for (const name of ['aria-controls', 'aria-labelledby', 'aria-describedby', 'aria-owns', 'for']) {
      for (const e of root.querySelectorAll(`[${name}]`)) {
        e.setAttribute(name, e.getAttribute(name).split(/\s+/).map((t) => ids.get(t) ?? t).join(' '));
      }
    }
    for (const e of root.querySelectorAll('button, input, select, textarea')) e.setAttribute('disabled', '');
    for (const e of root.querySelectorAll('[data-testid]')) e.removeAttribute('data-testid');
    return {
      html: root.innerHTML,
      lang: document.documentElement.lang,
      forms: root.querySelectorAll('form').length,
      inPageLinks: [...root.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')).filter((h) => !h.startsWith('#/')),
    };
  };
  new MutationObserver((_, observer) => {
    if (!document.documentElement.dataset.app) return;
    observer.disconnect();
    window.__staticHome = copy();
  }).observe(document, { attributes: true, attributeFilter: ['data-app'], subtree: true });
};

/** The home page's HTML as the app built in `dir` renders it for a French first visit. */
export async function snapshotHome(dir) {
  const server = await serveBuild(dir);
  const browser = await launch();
  try {
    const context = await browser.newContext({ serviceWorkers: 'block', locale: 'fr-FR' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    await page.addInitScript(CAPTURE);
    await page.goto(`${server.origin}/`);
    try {
      await page.waitForFunction(() => window.__staticHome !== undefined, null, { timeout: TIMEOUT_MS });
    } catch {
      throw new Error(`the app did not mark itself ready (<html data-app>) within ${TIMEOUT_MS / 1000} s${errors.length ? `: ${errors.join('; ')}` : ''}`);
    }
    if (errors.length) throw new Error(`the app reported errors while rendering the home: ${errors.join('; ')}`);
    const copy = await page.evaluate(() => window.__staticHome);
    if (copy.lang !== 'fr') throw new Error(`the home rendered in ${copy.lang}, not French`);
    if (copy.forms) throw new Error('the home holds a form: a static copy of it would look live');
    if (copy.inPageLinks.length) throw new Error(`links to ${copy.inPageLinks.join(', ')} would become routes before the app runs`);
    return copy.html;
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The step: the copy of the home into `dir`/index.html; says why when it does not. Returns
 * whether it did (the CSP step must then run again, for the guard's hash). */
export async function addStaticHome(dir) {
  if (process.env.REPERE_STATIC_HOME === '0') {
    console.log('post-build: REPERE_STATIC_HOME=0: no static home in this build');
    return false;
  }
  if (!existsSync(CHROMIUM)) {
    console.warn(`post-build: no Chromium at ${CHROMIUM}: this build ships without the static home (the home shows once the wasm has run; see README, Static first paint)`);
    return false;
  }
  const t0 = Date.now();
  const index = join(dir, 'index.html');
  const before = readFileSync(index, 'utf8');
  const html = injectStaticHome(before, await snapshotHome(dir));
  writeFileSync(index, html);
  const grown = Buffer.byteLength(html) - Buffer.byteLength(before);
  console.log(`post-build: static home in index.html (+${grown} B raw) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return true;
}
