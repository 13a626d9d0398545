// Completes the Content-Security-Policy of a built page (SPEC §8: no inline script or style but the hashed ones): the source page
// carries the policy in a <meta http-equiv="Content-Security-Policy">, without hashes; the build
// adds the sha256 of each inline <script> (trunk's loader, after scripts/split.mjs rewrote it) to
// `script-src` and of each inline <style> to `style-src`. No 'unsafe-inline' is ever needed.
// Inline event handlers and style attributes cannot be allowed by a hash: the build refuses them.
import { createHash } from 'node:crypto';

const META = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i;

const hash = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The hashes of the inline scripts and styles of `html`, as CSP sources. */
export function inlineHashes(html) {
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)]
    .filter(([, attrs]) => !/\bsrc\s*=/i.test(attrs))
    .map(([, , body]) => hash(body));
  const styles = [...html.matchAll(/<style\b[^>]*>([\s\S]*?)<\/style>/gi)].map(([, body]) => hash(body));
  return { scripts, styles };
}

/** Parses a policy into `[[directive, [sources…]], …]`, in order. */
export function parsePolicy(policy) {
  return policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...sources] = d.split(/\s+/);
    return [name.toLowerCase(), sources];
  });
}

export const formatPolicy = (directives) => directives.map(([name, sources]) => [name, ...sources].join(' ')).join('; ');

/** `html` with the hashes of its inline scripts and styles added to its CSP meta. */
export function applyCsp(html, file = 'page') {
  const meta = META.exec(html);
  if (!meta) throw new Error(`csp: ${file} has no Content-Security-Policy meta`);
  if (html.indexOf(meta[0]) > html.search(/<(script|style|link)\b/i)) {
    throw new Error(`csp: ${file}: the policy must come before any script, style or link`);
  }
  const attributes = /<[a-z][^>]*\s(on[a-z]+|style)\s*=/i.exec(html.replace(/<script\b[\s\S]*?<\/script>/gi, ''));
  if (attributes) throw new Error(`csp: ${file}: inline ${attributes[1]}="…" attribute (the policy blocks it): ${attributes[0]}`);
  const directives = parsePolicy(meta[1].replace(/&#39;/g, "'"));
  const { scripts, styles } = inlineHashes(html);
  const add = (name, sources) => {
    if (sources.length === 0) return;
    const d = directives.find(([n]) => n === name);
    if (!d) throw new Error(`csp: ${file}: ${sources.length} inline element(s) need a ${name} directive`);
    for (const s of sources) if (!d[1].includes(s)) d[1].push(s);
  };
  add('script-src', scripts);
  add('style-src', styles);
  for (const [name, sources] of directives) {
    if (sources.includes("'unsafe-inline'") || sources.includes("'unsafe-eval'")) {
      throw new Error(`csp: ${file}: ${name} must not allow 'unsafe-inline' or 'unsafe-eval'`);
    }
  }
  return html.replace(meta[0], `<meta http-equiv="Content-Security-Policy" content="${formatPolicy(directives)}">`);
}
