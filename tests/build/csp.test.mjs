// The build's Content-Security-Policy step (scripts/csp.mjs). Run with `node --test tests/build/`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { applyCsp, inlineHashes, parsePolicy } from '../../scripts/csp.mjs';

const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; object-src 'none'; base-uri 'none'";
const LOADER = "\nimport init from './repere-0123456789abcdef.js';\nawait init();\n";
const page = (head = '', body = '') => `<!DOCTYPE html><html><head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${POLICY}">
${head}<script type="module">${LOADER}</script>
</head><body>${body}</body></html>`;
const sha256 = (text) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
const policyOf = (html) => parsePolicy(/http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)[1]);
const directive = (html, name) => policyOf(html).find(([n]) => n === name)[1];

test('the hash of the inline loader is added to script-src, the rest of the policy kept', () => {
  const html = applyCsp(page());
  assert.deepEqual(directive(html, 'script-src'), ["'self'", "'wasm-unsafe-eval'", sha256(LOADER)]);
  assert.deepEqual(policyOf(html).map(([n]) => n), ['default-src', 'script-src', 'style-src', 'object-src', 'base-uri']);
  assert.deepEqual(directive(html, 'object-src'), ["'none'"]);
  // Idempotent: a second run adds nothing.
  assert.equal(applyCsp(html), html);
});

test('inline styles get a style-src hash; external scripts need none', () => {
  const css = 'body { color: #123; }';
  const html = applyCsp(page(`<style>${css}</style>`, '<script src="embed.js" defer></script>'));
  assert.deepEqual(directive(html, 'style-src'), ["'self'", sha256(css)]);
  assert.deepEqual(inlineHashes(html).scripts, [sha256(LOADER)]);
});

test('what a hash cannot allow is refused', () => {
  assert.throws(() => applyCsp(page('', '<button onclick="go()">x</button>')), /inline onclick/);
  assert.throws(() => applyCsp(page('', '<p style="color: red">x</p>')), /inline style/);
  assert.throws(() => applyCsp(page().replace("'wasm-unsafe-eval'", "'unsafe-inline'")), /must not allow/);
  assert.throws(() => applyCsp(page().replace(/<meta http-equiv[^>]*>/, '')), /no Content-Security-Policy/);
  assert.throws(() => applyCsp(page().replace(" style-src 'self';", '').replace('</head>', '<style>p{}</style></head>')), /style-src directive/);
  const late = page().replace(/(<meta http-equiv[^>]*>)\n(<script[\s\S]*?<\/script>)/, '$2\n$1');
  assert.throws(() => applyCsp(late), /must come before/);
});

test("the source pages carry a strict policy for the build to complete", () => {
  for (const file of ['index.html', 'public/embed-demo.html']) {
    const html = readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');
    const policy = Object.fromEntries(policyOf(html));
    assert.deepEqual(policy['default-src'], ["'self'"], file);
    assert.deepEqual(policy['object-src'], ["'none'"], file);
    assert.deepEqual(policy['base-uri'], ["'none'"], file);
    assert.ok(policy['script-src'].includes("'self'") && !policy['script-src'].some((s) => s === "'unsafe-inline'" || s === "'unsafe-eval'"), file);
    assert.doesNotThrow(() => applyCsp(html, file));
  }
});
