// The split step of the build (SPEC §11): cuts the app's wasm into the main module (shell, home
// page, framework) and one chunk per split point (`ui::pages`), between cargo and wasm-bindgen.
// Trunk 0.21 cannot do it: the post-build hook (scripts/post-build.mjs) calls `splitBuild`, which
// replaces trunk's unsplit output in the staging folder with:
//   repere-<H>.js, repere-<h>_bg.wasm      the wasm-bindgen glue and the main module
//   __wasm_split-<H>.js                     the chunk loader (imported by the glue)
//   split_<name>-<h>.wasm, chunk_<n>-<h>.wasm  one chunk per split point, and chunks they share
//   bundle_state-<h>.bin, bundle_shared-<h>.bin  chunks packed together (see `planBundles`)
// <h> is each file's own content hash; <H> a hash of the whole set, because the glue and the
// loader name each other. Unchanged chunks keep their names from one build to the next.
//
// Pure steps (exported, tested by tests/build/split.test.mjs) are kept apart from the tools'
// runs. Tools come from PATH: wasm-split-cli, wasm-bindgen, wasm-opt.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';

export const CRATE = 'repere';
const LOADER = '__wasm_split.js';

export const sha = (algo, buf, encoding = 'hex') => createHash(algo).update(buf).digest(encoding);
/** The 16 hex digits trunk uses in its own file names (the service worker knows the pattern). */
export const hash16 = (buf) => sha('sha256', buf).slice(0, 16);
export const sri = (buf) => `sha384-${sha('sha384', buf, 'base64')}`;

/** `name.ext` → `name-<hash>.ext` (`_bg.wasm` stays the suffix of the main module). */
export function hashedName(file, hash) {
  const m = /^(.*?)(_bg\.wasm|\.wasm|\.js|\.bin)$/.exec(file);
  if (!m) throw new Error(`unexpected file name ${file}`);
  return `${m[1]}-${hash}${m[2]}`;
}

// The loader's fetcher, as wasm-split-cli 0.2.4 writes it: `instantiateStreaming` alone, which
// fails when a server (an LMS, a plain file host) sends the chunk as application/octet-stream.
const STREAMING = 'WebAssembly.instantiateStreaming(src, imports)';
const fetchOf = (file) => `fetch(new URL("./${file}", import.meta.url))`;

/** The split point loaded on every visit, right after the first render (`ui::state::StateSlot`). */
export const EAGER = 'state';
/** Shared chunks that at least this many split points use go into the shared bundle. */
export const BUNDLED_FROM = 3;
/** Split points a candidate seldom or never reaches: the trainers' pages and the modes a host
 * turns on (a brought referential's reader, import, link and files; the cohort; LMS; embed).
 * Their use does not count towards the shared bundle, which every page's first visit fetches:
 * code only they share (serde's reader of referential files, the checks) comes with them. */
export const OCCASIONAL = ['reader', 'brought_tools', 'import_referential', 'shared_referential', 'receive', 'lms', 'cohort'];

// Appended to the loader. `__repere_instantiate` falls back like wasm-bindgen's loader does for
// the main module. `__repere_part` serves a module from its bundle (see `finishLoader`).
const RUNTIME = (bundles, parts) => `
// Added by scripts/split.mjs.
// Like wasm-bindgen's loader for the main module: compile from the bytes when the server does not
// send the chunk as application/wasm (an LMS, a plain file host).
async function __repere_instantiate(src, imports) {
    const source = await src;
    if (source instanceof Uint8Array) return WebAssembly.instantiate(source, imports);
    if (!source.ok) throw new Error(\`\${source.url}: HTTP \${source.status}\`);
    const type = (source.headers.get('Content-Type') || '').split(';')[0].trim().toLowerCase();
    if (type === 'application/wasm' && typeof WebAssembly.instantiateStreaming === 'function') {
        return WebAssembly.instantiateStreaming(source, imports);
    }
    return WebAssembly.instantiate(await source.arrayBuffer(), imports);
}
// Modules packed into bundles: [bundle, offset, length] of each; each bundle is fetched once.
const __repere_bundle_urls = [${bundles.map((b) => `new URL("./${b}", import.meta.url)`).join(', ')}];
const __repere_parts = ${JSON.stringify(parts)};
const __repere_bundles = [];
function __repere_part(name) {
    const [index, offset, length] = __repere_parts[name];
    if (__repere_bundles[index] === undefined) {
        const bundle = fetch(__repere_bundle_urls[index]).then((response) => {
            if (!response.ok) throw new Error(\`\${response.url}: HTTP \${response.status}\`);
            return response.arrayBuffer();
        });
        // A failed download is not kept: the next attempt (« Réessayer ») fetches again.
        bundle.catch(() => { if (__repere_bundles[index] === bundle) __repere_bundles[index] = undefined; });
        __repere_bundles[index] = bundle;
    }
    return __repere_bundles[index].then((buffer) => new Uint8Array(buffer, offset, length));
}
`;

/** `{ "chunk_<n>.wasm": [split names…] }`, from the comment wasm-split-cli writes above each. */
export function chunkUsers(source) {
  const users = {};
  for (const [, names, n] of source.matchAll(/\/\* ([^*]*) \*\/\nconst __chunk_(\d+) = makeLoad\(/g)) {
    users[`chunk_${n}.wasm`] = names.split(',').map((s) => s.trim()).filter(Boolean);
  }
  return users;
}

/**
 * Which modules go into which bundle. wasm-split-cli writes one chunk per distinct set of split
 * points that share code (a hundred and more; forty-odd for one page): fetched one by one, a page
 * would take dozens of requests. Instead:
 * - `bundle_state.bin`: the eager split point and every chunk it uses, loaded together right
 *   after the first render (every page needs them too);
 * - `bundle_shared.bin`: the other chunks that at least `BUNDLED_FROM` split points use, loaded
 *   once by the first page opened (the `OCCASIONAL` ones not counted);
 * - the chunks fewer split points use stay files of their own.
 */
export function planBundles(files, users) {
  const shared = Object.keys(files).filter((f) => /^chunk_\d+\.wasm$/.test(f)).sort();
  const eager = `split_${EAGER}.wasm`;
  const withEager = shared.filter((c) => users[c].includes(EAGER));
  const bundles = {};
  if (eager in files) bundles['bundle_state.bin'] = [eager, ...withEager];
  const common = shared.filter((c) => !users[c].includes(EAGER)
    && users[c].filter((u) => !OCCASIONAL.includes(u)).length >= BUNDLED_FROM);
  if (common.length) bundles['bundle_shared.bin'] = common;
  return bundles;
}

/**
 * The loader, finished: every fetcher falls back when the type is wrong, and the modules of
 * `planBundles` come from their bundle. Returns the loader, the bundles' bytes, and the modules
 * that went into a bundle.
 */
export function finishLoader(source, files) {
  const modules = Object.keys(files).filter((f) => /^(split_.*|chunk_\d+)\.wasm$/.test(f)).sort();
  const count = source.split(STREAMING).length - 1;
  if (count !== modules.length) {
    throw new Error(`split: expected ${modules.length} chunk fetchers in ${LOADER}, found ${count} (wasm-split-cli changed? check scripts/split.mjs)`);
  }
  const users = chunkUsers(source);
  for (const c of modules) if (c.startsWith('chunk_') && !users[c]) throw new Error(`split: no user list for ${c} in ${LOADER}`);
  let loader = source.split(STREAMING).join('__repere_instantiate(src, imports)');
  const plan = planBundles(files, users);
  const parts = {}, bundles = {};
  for (const [index, [bundle, members]] of Object.entries(plan).entries()) {
    let offset = 0;
    for (const m of members) {
      parts[m] = [index, offset, files[m].length];
      offset += files[m].length;
      loader = replaceExactly(loader, fetchOf(m), `__repere_part("${m}")`, 1, `the fetcher of ${m}`);
    }
    bundles[bundle] = Buffer.concat(members.map((m) => files[m]));
  }
  return { loader: loader + RUNTIME(Object.keys(plan), parts), bundles, bundled: Object.values(plan).flat() };
}

/** Replaces the exact string `from` by `to` in `text`, `expected` times (a build step must not
 * silently miss a reference). */
export function replaceExactly(text, from, to, expected, what) {
  const parts = text.split(from);
  if (parts.length - 1 !== expected) throw new Error(`split: ${what}: expected ${expected} × ${JSON.stringify(from)}, found ${parts.length - 1}`);
  return parts.join(to);
}

/**
 * Names every output file (pure: in-memory `{ name: Buffer|string }` → renamed files and the map
 * from old to new names). `files` holds `${CRATE}.js`, `${CRATE}_bg.wasm`, the finished loader,
 * the pages' chunks `split_<name>.wasm` and the bundle of shared chunks.
 */
export function nameOutputs(files) {
  const js = `${CRATE}.js`, wasm = `${CRATE}_bg.wasm`;
  for (const f of [js, wasm, LOADER]) if (!(f in files)) throw new Error(`split: ${f} missing from the split output`);
  const chunks = Object.keys(files).filter((f) => /^(split_.*|chunk_\d+)\.wasm$|^bundle_.*\.bin$/.test(f)).sort();
  if (!chunks.some((f) => f.startsWith('split_'))) throw new Error('split: no chunk: was the wasm built with `--features split`?');
  const names = {};
  let loader = String(files[LOADER]);
  for (const c of chunks) {
    names[c] = hashedName(c, hash16(files[c]));
    loader = replaceExactly(loader, `"./${c}"`, `"./${names[c]}"`, 1, `${c} in the loader`);
  }
  names[wasm] = hashedName(wasm, hash16(files[wasm]));
  // The glue imports the loader and the loader imports the glue: one hash of everything for both.
  const glue = String(files[js]);
  const all = sha('sha256', [glue, loader, ...chunks.map((c) => names[c]), names[wasm]].join('\0')).slice(0, 16);
  names[js] = hashedName(js, all);
  names[LOADER] = hashedName(LOADER, all);
  loader = replaceExactly(loader, `from "./${js}"`, `from "./${names[js]}"`, 1, 'the glue in the loader');
  const importsLoader = new RegExp(`from (["'])\\./${LOADER.replace('.', '\\.')}\\1`, 'g');
  if (!glue.match(importsLoader)) throw new Error(`split: the glue does not import ${LOADER}`);
  const out = {
    [names[js]]: glue.replace(importsLoader, `from "./${names[LOADER]}"`),
    [names[LOADER]]: loader,
    [names[wasm]]: files[wasm],
  };
  for (const c of chunks) out[names[c]] = files[c];
  return { out, names };
}

/**
 * Points index.html at the split build: trunk's script and links name its own (unsplit) glue and
 * wasm; they now name ours, with integrity hashes of the new contents, and the loader is
 * preloaded beside the glue (it would otherwise be found only once the glue is parsed).
 */
export function rewriteIndex(html, trunk, names, out) {
  const { js, wasm } = trunk;
  const glue = names[`${CRATE}.js`], main = names[`${CRATE}_bg.wasm`], loader = names[LOADER];
  html = replaceExactly(html, `'./${js}'`, `'./${glue}'`, 1, 'the glue in the inline script');
  html = replaceExactly(html, `'./${wasm}'`, `'./${main}'`, 1, 'the wasm in the inline script');
  const link = (href) => new RegExp(`<link\\b[^>]*\\bhref="\\./${href.replace(/[.]/g, '\\.')}"[^>]*>`);
  for (const [old, now] of [[js, glue], [wasm, main]]) {
    const m = link(old).exec(html);
    if (!m) throw new Error(`split: no preload link for ${old} in index.html`);
    let tag = m[0].replace(`./${old}`, `./${now}`);
    tag = /\bintegrity="/.test(tag) ? tag.replace(/\bintegrity="[^"]*"/, `integrity="${sri(out[now])}"`) : tag;
    if (now === glue) tag += `<link rel="modulepreload" href="./${loader}" crossorigin="anonymous" integrity="${sri(out[loader])}">`;
    html = html.replace(m[0], tag);
  }
  return html;
}

/**
 * Fails on what wasm-split-cli only warns about: a split function that nothing calls keeps its
 * export, which roots its code, and everything it reaches, in the main module (it happened: an
 * unused one pulled the catalog and the scoring model into the first load).
 */
export function checkSplitLog(log) {
  const unused = /No corresponding imports for split export\(s\) (.*)/.exec(log);
  if (unused) throw new Error(`split: split function(s) declared but never called: ${unused[1]}; their code would land in the first load`);
}

const run = (cmd, args) => execFileSync(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });

/** The glue and wasm trunk wrote, as index.html names them. */
export function trunkOutputs(html) {
  const js = new RegExp(`from '\\./(${CRATE}-[0-9a-f]+\\.js)'`).exec(html)?.[1];
  const wasm = new RegExp(`module_or_path: '\\./(${CRATE}-[0-9a-f]+_bg\\.wasm)'`).exec(html)?.[1];
  if (!js || !wasm) throw new Error("split: trunk's loader script not found in index.html");
  return { js, wasm };
}

function cargoTargetDir(sourceDir) {
  if (process.env.CARGO_TARGET_DIR) return process.env.CARGO_TARGET_DIR;
  const meta = execFileSync('cargo', ['metadata', '--format-version', '1', '--no-deps', '--offline'], { cwd: sourceDir, encoding: 'utf8' });
  return JSON.parse(meta).target_directory;
}

/** The wasm as cargo linked it (before wasm-bindgen), for `profile`. */
export function cargoWasm(sourceDir, profile) {
  const path = join(cargoTargetDir(sourceDir), 'wasm32-unknown-unknown', profile, `${CRATE}.wasm`);
  if (!existsSync(path)) throw new Error(`split: ${path} not found`);
  return path;
}

/** Runs `jobs` (functions returning promises) at most `limit` at a time. */
async function pool(jobs, limit) {
  const queue = [...jobs];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    while (queue.length) await queue.shift()();
  }));
}

function optimize(file, names) {
  // The optimisation trunk would apply (data-wasm-opt="z"), with the features rustc's wasm32 target
  // uses (the chunks' data segments need bulk memory).
  const args = ['-Oz', '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
    '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue', ...(names ? ['-g'] : []), file, '-o', file];
  return new Promise((resolve, reject) => execFile('wasm-opt', args, (error, stdout, stderr) => {
    // wasm-opt warns about every chunk's name subsections it does not know: only errors matter.
    if (error) reject(new Error(`wasm-opt ${file}: ${stderr || error.message}`));
    else resolve();
  }));
}

/**
 * Runs the tools on `input` (the wasm as cargo linked it) into `dir`: wasm-split-cli, wasm-bindgen
 * on the main module, then wasm-opt on every module. `names: true` keeps the name section (for
 * the benchmark's size breakdown). Returns the files, as the tools named them.
 */
export async function runTools(input, dir, { optimize: opt = true, names = false } = {}) {
  const log = spawnSync('wasm-split-cli', ['--target', 'web', '--out-name', CRATE, input, dir], { encoding: 'utf8' });
  if (log.status !== 0) throw new Error(`wasm-split-cli failed (${log.status}): ${log.stdout}${log.stderr}`);
  checkSplitLog(log.stdout + log.stderr);
  const bindgen = join(dir, 'bindgen');
  run('wasm-bindgen', ['--target', 'web', '--keep-lld-exports', '--no-typescript',
    ...(names ? ['--keep-debug'] : ['--no-demangle']), '--out-dir', bindgen, '--out-name', CRATE, join(dir, `${CRATE}.wasm`)]);
  rmSync(join(dir, `${CRATE}.wasm`));
  for (const f of readdirSync(bindgen)) renameSync(join(bindgen, f), join(dir, f));
  rmSync(bindgen, { recursive: true });
  const wasm = readdirSync(dir).filter((f) => f.endsWith('.wasm'));
  // Biggest first, so that the main module does not finish last on its own.
  wasm.sort((a, b) => statSync(join(dir, b)).size - statSync(join(dir, a)).size);
  if (opt) await pool(wasm.map((f) => () => optimize(join(dir, f), names)), Math.max(1, availableParallelism()));
  const files = {};
  for (const f of readdirSync(dir)) files[f] = readFileSync(join(dir, f));
  return files;
}

/** The post-build step: replaces trunk's unsplit glue and wasm in `staging` by the split build. */
export async function splitBuild({ staging, sourceDir, profile }) {
  const indexPath = join(staging, 'index.html');
  const html = readFileSync(indexPath, 'utf8');
  const trunk = trunkOutputs(html);
  const tmp = mkdtempSync(join(tmpdir(), 'repere-split-'));
  try {
    const tools = await runTools(cargoWasm(sourceDir, profile), tmp, { optimize: profile === 'release' });
    const { loader, bundles, bundled } = finishLoader(String(tools[LOADER]), tools);
    const files = { ...bundles, [LOADER]: loader };
    for (const [f, content] of Object.entries(tools)) if (!bundled.includes(f) && f !== LOADER) files[f] = content;
    const { out, names } = nameOutputs(files);
    for (const f of [trunk.js, trunk.wasm]) rmSync(join(staging, f));
    for (const [name, content] of Object.entries(out)) writeFileSync(join(staging, name), content);
    writeFileSync(indexPath, rewriteIndex(html, trunk, names, out));
    return { names, out };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
