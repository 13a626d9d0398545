// The static first paint's pure steps (scripts/static-home.mjs): the guard and the injection.
// Run with `node --test tests/build/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { GUARD, firstRenderIsHome, injectStaticHome } from '../../scripts/static-home.mjs';
import { applyCsp, parsePolicy } from '../../scripts/csp.mjs';

const { cases } = JSON.parse(readFileSync(new URL('../fixtures/first-render.json', import.meta.url), 'utf8'));

test('the guard agrees with the app on every case of the fixture (tests/first_render.rs holds the app side)', () => {
  for (const { hash, search, stored, home } of cases) {
    assert.equal(firstRenderIsHome(hash, search, stored), home, `hash ${hash}, query ${search}, stored ${stored}`);
  }
});

/** Runs the guard's text as the page would, with `storage` as localStorage; returns the classes
 * it put on <html> and a way to fire `hashchange` after changing the hash. */
function runGuard({ hash = '', search = '', storage = { getItem: () => null } } = {}) {
  const classes = new Set();
  const listeners = {};
  const location = { hash, search };
  const context = {
    URLSearchParams, location, localStorage: storage,
    document: { documentElement: { classList: { add: (c) => classes.add(c) } } },
    addEventListener: (type, f) => { listeners[type] = f; },
  };
  runInNewContext(GUARD, context);
  return { classes, navigate: (h) => { location.hash = h; listeners.hashchange?.(); } };
}

test('the guard hides the copy before the body is parsed when the first render is not the home', () => {
  assert.deepEqual([...runGuard().classes], []);
  assert.deepEqual([...runGuard({ hash: '#/partage/abc' }).classes], ['deep']);
  assert.deepEqual([...runGuard({ search: '?embed=1&ref=vendeur-web' }).classes], ['deep']);
  assert.deepEqual([...runGuard({ search: '?lms=scorm12' }).classes], ['deep']);
  const english = { getItem: (k) => (k === 'repere.lang' ? 'en' : null) };
  assert.deepEqual([...runGuard({ storage: english }).classes], ['deep']);
});

test('a browser that blocks storage gets the French home, as the app gives it', () => {
  const blocked = { getItem: () => { throw new Error('SecurityError'); } };
  assert.deepEqual([...runGuard({ storage: blocked }).classes], []);
});

test('a link of the copy followed before the app is there hides the copy; the home link does not', () => {
  const page = runGuard();
  page.navigate('#/');
  assert.deepEqual([...page.classes], []);
  page.navigate('#/diagnostic');
  assert.deepEqual([...page.classes], ['deep']);
});

const BUILT = `<!DOCTYPE html><html lang="fr"><head>
  <meta charset="utf-8">
  <meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'">
  <meta name="viewport" content="width=device-width, initial-scale=1">
<script type="module">import init from './repere.js'; await init();</script>
</head>
<body>
  <p id="loading" class="loading">Chargement de Repère…</p>
</body></html>`;
const HOME = '<header class="site-header"><a href="#/">Repère</a></header><main id="ssg-main"><h1>Se situer</h1></main>';

test('the copy goes before the loading message, the guard right after the policy, which then allows it', () => {
  const html = applyCsp(injectStaticHome(applyCsp(BUILT), HOME));
  assert.match(html, /<body>\s*<div id="ssg"><header class="site-header">[\s\S]*<\/main><\/div>\s*<p id="loading"/);
  assert.match(html, /content="[^"]*">\n {2}<script>\(function \(\) \{/);
  const policy = parsePolicy(/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1]);
  const scripts = policy.find(([n]) => n === 'script-src')[1];
  const sha = `'sha256-${createHash('sha256').update(GUARD).digest('base64')}'`;
  assert.ok(scripts.includes(sha), 'the guard is hashed into script-src');
  assert.equal(scripts.length, 4, "'self', 'wasm-unsafe-eval', the loader and the guard");
});

test('the injection refuses what it cannot do right', () => {
  assert.throws(() => injectStaticHome(BUILT, '<main><p>no heading</p></main>'), /no heading/);
  assert.throws(() => injectStaticHome(BUILT.replace('id="loading"', ''), HOME), /no <p id="loading">/);
  assert.throws(() => injectStaticHome(BUILT.replace(/<meta http-equiv[^>]*>/, ''), HOME), /no Content-Security-Policy/);
  assert.throws(() => injectStaticHome(injectStaticHome(BUILT, HOME), HOME), /already has one/);
  // A comment that names the slot is no copy (index.html says where the copy goes).
  assert.match(injectStaticHome(BUILT.replace('<body>', '<body><!-- <div id="ssg"> goes here -->'), HOME), /<div id="ssg"><header/);
  // What the CSP cannot allow by a hash fails the build (scripts/csp.mjs).
  assert.throws(() => applyCsp(injectStaticHome(BUILT, '<main><h1 style="color:red">x</h1></main>')), /inline style/);
});
