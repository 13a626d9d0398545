// The static first paint (SPEC §11): index.html carries a copy of the home page as the app renders
// it (scripts/snapshot-home.mjs takes it), so that its heading and text show before the wasm has
// arrived; the app removes the copy in the same task as it mounts (ui::mount).
//
// The copy sits in `<div id="ssg">` before the loading message; style/main.css shows one or the
// other. A small inline script, right after the Content-Security-Policy (scripts/csp.mjs hashes
// it), adds the class `deep` to <html> whenever the first render will not be the French default
// home, before the body is parsed: the copy never paints on a deep link (a share link is one), for
// a stored English preference, in embed or LMS mode. Pure steps, tested by
// tests/build/static-home.test.mjs.

/** Whether the app's first render is the French default home, as `ui::start` decides it from the
 * URL's `hash` and `search` and the stored language `lang` (tests/fixtures/first-render.json,
 * checked against the Rust code by tests/first_render.rs). Runs in the page: plain ES2015. */
export function firstRenderIsHome(hash, search, lang) {
  var query = new URLSearchParams(search);
  var page = hash.slice(1).split('?')[0].replace(/^\/+|\/+$/g, '');
  return !page && query.get('embed') !== '1' && !query.has('lms') && lang !== 'en';
}

/** The guard's text (hashed into the policy by scripts/csp.mjs). Reading storage may throw (a
 * browser that blocks it): the app then starts in French, and so does the guard. A plain link of
 * the copy followed before the app is there hides the copy too: the loading message says the
 * page is coming. */
export const GUARD = `(function () {
var home = ${firstRenderIsHome};
var lang = null;
try { lang = localStorage.getItem('repere.lang'); } catch (e) {}
var hide = function () { document.documentElement.classList.add('deep'); };
if (!home(location.hash, location.search, lang)) hide();
addEventListener('hashchange', function () { if (!home(location.hash, '', null)) hide(); });
})();`;

const CSP_META = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i;
const LOADING = /<p id="loading"/;

/** `html` (a built index.html) with `fragment` (the home's HTML) in `<div id="ssg">` before the
 * loading message and the guard right after the policy. */
export function injectStaticHome(html, fragment) {
  if (/<div id="ssg"/.test(html.replace(/<!--[\s\S]*?-->/g, ''))) throw new Error('static home: index.html already has one');
  if (!CSP_META.test(html)) throw new Error('static home: index.html has no Content-Security-Policy meta');
  if (!LOADING.test(html)) throw new Error('static home: index.html has no <p id="loading"> to put it before');
  if (!/<h1[\s>]/.test(fragment)) throw new Error('static home: the copy of the home has no heading');
  return html
    .replace(CSP_META, (meta) => `${meta}\n  <script>${GUARD}</script>`)
    .replace(LOADING, (p) => `<div id="ssg">${fragment}</div>\n  ${p}`);
}
