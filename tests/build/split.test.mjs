// The split step of the build (scripts/split.mjs): loader fallback and bundle, file naming,
// index.html rewrite, and the loader's runtime run for real on tiny wasm modules.
// Run with `node --test tests/build/` (part of `make unit`).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkSplitLog, chunkUsers, finishLoader, planBundles, hash16, hashedName, nameOutputs, rewriteIndex, sri, trunkOutputs } from '../../scripts/split.mjs';

// The smallest valid wasm module, and one that differs from it (a custom section).
const EMPTY_WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
// A custom section (id 0, size, name "x", then the tag's bytes): same code, other content.
const wasmWith = (tag) => Buffer.concat([EMPTY_WASM, Buffer.from([0x00, 2 + tag.length, 1, 0x78]), Buffer.from(tag)]);

/** A loader laid out exactly like wasm-split-cli 0.2.4's `--target web` output. */
function toolLoader(splits, shared) {
  const fetcher = (file) => `makeLoad(() => {
    const src = fetch(new URL("./${file}", import.meta.url));
    src.catch(() => {});
    return async (imports) => (WebAssembly.instantiateStreaming(src, imports));
}
`;
  let js = `import { initSync } from "./repere.js";

let sharedImports = undefined;
function getSharedImports() {
    if (sharedImports === undefined) {
        sharedImports = { __wasm_split: {  } };
        const { __indirect_function_table, memory,  } = initSync(undefined, undefined);
        Object.assign(sharedImports.__wasm_split, { __indirect_function_table, memory,  });
    }
    return sharedImports;
}
function wrapAsyncCb(callee) {
    return async (callbackIndex, callbackData) => {
        let success;
        try {
            await callee();
            success = true;
        } catch (e) {
            success = false;
        } finally {
            const sharedImports = getSharedImports();
            sharedImports.__wasm_split.__indirect_function_table.get(callbackIndex)(callbackData, success);
        }
    }
}
function makeLoad(fetcher, deps) {
    const loader = async () => {
        const parallelStuff = deps.map(d => d());
        const instantiate = fetcher();
        await Promise.all(parallelStuff);
        const imports = getSharedImports();
        return instantiate(imports);
    };
    let loadingModule = undefined;
    return () => {
        if (loadingModule === undefined) {
            const thisLoad = loader();
            thisLoad.catch(() => {
                if (loadingModule === thisLoad) loadingModule = undefined;
            });
            loadingModule = thisLoad;
        }
        return loadingModule;
    }
}
`;
  for (const c of shared) {
    const users = Object.keys(splits).filter((name) => splits[name].includes(c)).sort();
    js += `/* ${users.join(', ')} */\nconst __chunk_${/\d+/.exec(c)[0]} = ${fetcher(c)}, []);\n`;
  }
  for (const [name, deps] of Object.entries(splits)) {
    js += `export const __wasm_split_load_${name} = wrapAsyncCb(${fetcher(`split_${name}.wasm`)}, [${deps.map((d) => `__chunk_${/\d+/.exec(d)[0]}`).join(', ')}]));\n`;
  }
  return js;
}

// The eager split point (`state`) and three pages. chunk_1 and chunk_4 go with the state's bundle
// (the state uses them), chunk_3 (three pages) in the shared bundle, chunk_2 (two pages) alone.
function toolFiles() {
  const shared = ['chunk_1.wasm', 'chunk_2.wasm', 'chunk_3.wasm', 'chunk_4.wasm'];
  const files = {
    'repere.js': 'import * as import1 from "./__wasm_split.js"\nimport * as import2 from "./__wasm_split.js"\nexport function initSync() {}\n',
    'repere_bg.wasm': wasmWith('main'),
    'split_state.wasm': wasmWith('state'),
    'split_results.wasm': wasmWith('results'),
    'split_report.wasm': wasmWith('report'),
    'split_quick.wasm': wasmWith('quick'),
  };
  for (const c of shared) files[c] = wasmWith(c);
  files['__wasm_split.js'] = toolLoader({
    state: ['chunk_1.wasm', 'chunk_4.wasm'],
    results: ['chunk_1.wasm', 'chunk_2.wasm', 'chunk_3.wasm'],
    report: ['chunk_1.wasm', 'chunk_3.wasm'],
    quick: shared,
  }, shared);
  return files;
}

function splitFiles(tools = toolFiles()) {
  const { loader, bundles, bundled } = finishLoader(tools['__wasm_split.js'], tools);
  const files = { ...bundles, '__wasm_split.js': loader };
  for (const [f, c] of Object.entries(tools)) if (!bundled.includes(f) && f !== '__wasm_split.js') files[f] = c;
  return files;
}

test('code only occasional split points share (a trainer\'s pages, LMS, embed) stays out of the shared bundle', () => {
  const files = Object.fromEntries(['split_state.wasm', 'chunk_5.wasm', 'chunk_6.wasm', 'chunk_7.wasm'].map((f) => [f, new Uint8Array(1)]));
  const users = {
    // Three pages a candidate opens: shared.
    'chunk_5.wasm': ['assess', 'referential', 'results'],
    // Two pages and the reader of brought referentials: not enough candidate pages.
    'chunk_6.wasm': ['reader', 'referential', 'results'],
    // Only the trainers' and the hosts' split points.
    'chunk_7.wasm': ['import_referential', 'lms', 'reader', 'receive', 'shared_referential'],
  };
  assert.deepEqual(planBundles(files, users), { 'bundle_state.bin': ['split_state.wasm'], 'bundle_shared.bin': ['chunk_5.wasm'] });
});

test('finishLoader replaces every streaming-only fetcher and packs the bundles', () => {
  const tools = toolFiles();
  const users = chunkUsers(tools['__wasm_split.js']);
  assert.deepEqual(users, {
    'chunk_1.wasm': ['quick', 'report', 'results', 'state'], 'chunk_2.wasm': ['quick', 'results'],
    'chunk_3.wasm': ['quick', 'report', 'results'], 'chunk_4.wasm': ['quick', 'state'],
  });
  assert.deepEqual(planBundles(tools, users), {
    'bundle_state.bin': ['split_state.wasm', 'chunk_1.wasm', 'chunk_4.wasm'],
    'bundle_shared.bin': ['chunk_3.wasm'],
  });
  const { loader, bundles, bundled } = finishLoader(tools['__wasm_split.js'], tools);
  assert.equal(loader.match(/WebAssembly\.instantiateStreaming\(src, imports\)/g), null);
  assert.equal(loader.match(/=> \(__repere_instantiate\(src, imports\)\)/g).length, 8);
  assert.deepEqual(bundled.sort(), ['chunk_1.wasm', 'chunk_3.wasm', 'chunk_4.wasm', 'split_state.wasm']);
  for (const f of bundled) assert.ok(!loader.includes(`"./${f}"`) && loader.includes(`__repere_part("${f}")`), f);
  for (const f of ['chunk_2.wasm', 'split_results.wasm', 'split_report.wasm', 'split_quick.wasm']) {
    assert.ok(loader.includes(`fetch(new URL("./${f}", import.meta.url))`), f);
  }
  assert.deepEqual(bundles['bundle_state.bin'], Buffer.concat([tools['split_state.wasm'], tools['chunk_1.wasm'], tools['chunk_4.wasm']]));
  assert.deepEqual(bundles['bundle_shared.bin'], tools['chunk_3.wasm']);
  const parts = JSON.parse(/const __repere_parts = (\{.*\});/.exec(loader)[1]);
  const [state, one] = [tools['split_state.wasm'].length, tools['chunk_1.wasm'].length];
  assert.deepEqual(parts, {
    'split_state.wasm': [0, 0, state], 'chunk_1.wasm': [0, state, one], 'chunk_4.wasm': [0, state + one, tools['chunk_4.wasm'].length],
    'chunk_3.wasm': [1, 0, tools['chunk_3.wasm'].length],
  });
});

test('finishLoader refuses a loader it does not recognise', () => {
  const tools = toolFiles();
  const changed = tools['__wasm_split.js'].replace('WebAssembly.instantiateStreaming(src, imports)', 'WebAssembly.instantiateStreaming(src,imports)');
  assert.throws(() => finishLoader(changed, tools), /expected 8 chunk fetchers/);
  const unknown = { ...tools, 'chunk_5.wasm': EMPTY_WASM };
  assert.throws(() => finishLoader(tools['__wasm_split.js'], unknown), /expected 9 chunk fetchers/);
});

test('nameOutputs names files by content, and the glue and loader name each other', () => {
  const { out, names } = nameOutputs(splitFiles());
  for (const f of ['split_results.wasm', 'split_quick.wasm', 'chunk_2.wasm', 'bundle_state.bin', 'bundle_shared.bin', 'repere_bg.wasm']) {
    assert.match(names[f], /-[0-9a-f]{16}(_bg)?\.(wasm|bin)$/, f);
  }
  assert.equal(names['split_quick.wasm'], hashedName('split_quick.wasm', hash16(wasmWith('quick'))));
  assert.equal(names['repere_bg.wasm'], `repere-${hash16(wasmWith('main'))}_bg.wasm`);
  const glue = String(out[names['repere.js']]), loader = String(out[names['__wasm_split.js']]);
  assert.equal(glue.match(new RegExp(`from "\\./${names['__wasm_split.js']}"`, 'g')).length, 2);
  assert.ok(!glue.includes('"./__wasm_split.js"'));
  assert.ok(loader.includes(`import { initSync } from "./${names['repere.js']}";`));
  for (const f of ['split_results.wasm', 'split_quick.wasm', 'chunk_2.wasm', 'bundle_state.bin', 'bundle_shared.bin']) assert.ok(loader.includes(`"./${names[f]}"`), f);
  assert.deepEqual(Object.keys(out).sort(), Object.values(names).sort());
});

test('a changed page chunk renames it, the loader and the glue; the other chunks keep their names', () => {
  const before = nameOutputs(splitFiles()).names;
  const tools = toolFiles();
  tools['split_results.wasm'] = wasmWith('results, v2');
  const after = nameOutputs(splitFiles(tools)).names;
  assert.notEqual(after['split_results.wasm'], before['split_results.wasm']);
  assert.notEqual(after['repere.js'], before['repere.js']);
  assert.notEqual(after['__wasm_split.js'], before['__wasm_split.js']);
  assert.equal(after['split_quick.wasm'], before['split_quick.wasm']);
  assert.equal(after['bundle_shared.bin'], before['bundle_shared.bin']);
  assert.equal(after['bundle_state.bin'], before['bundle_state.bin']);
  assert.equal(after['repere_bg.wasm'], before['repere_bg.wasm']);
});

test('nameOutputs refuses an unsplit build', () => {
  const files = splitFiles();
  for (const f of Object.keys(files)) if (f.startsWith('split_')) delete files[f];
  assert.throws(() => nameOutputs(files), /no chunk/);
});

const TRUNK_INDEX = `<!DOCTYPE html><html><head>
<meta http-equiv="Content-Security-Policy" content="script-src 'self'">
<link rel="stylesheet" href="./main-a5b9d09ce3287c8c.css" integrity="sha384-x"/>
<script type="module">
import init, * as bindings from './repere-1bc1207c2afbc1d7.js';
const wasm = await init({ module_or_path: './repere-1bc1207c2afbc1d7_bg.wasm' });
</script>
<link rel="modulepreload" href="./repere-1bc1207c2afbc1d7.js" crossorigin="anonymous" integrity="sha384-old1"><link rel="preload" href="./repere-1bc1207c2afbc1d7_bg.wasm" crossorigin="anonymous" integrity="sha384-old2" as="fetch" type="application/wasm"></head>
<body></body></html>`;

test('rewriteIndex points the loader script and the preloads at the split build, with new integrity', () => {
  const trunk = trunkOutputs(TRUNK_INDEX);
  assert.deepEqual(trunk, { js: 'repere-1bc1207c2afbc1d7.js', wasm: 'repere-1bc1207c2afbc1d7_bg.wasm' });
  const { out, names } = nameOutputs(splitFiles());
  const html = rewriteIndex(TRUNK_INDEX, trunk, names, out);
  assert.ok(!html.includes('1bc1207c2afbc1d7'));
  const glue = names['repere.js'], main = names['repere_bg.wasm'], loader = names['__wasm_split.js'];
  assert.ok(html.includes(`from './${glue}'`) && html.includes(`module_or_path: './${main}'`));
  assert.ok(html.includes(`<link rel="modulepreload" href="./${glue}" crossorigin="anonymous" integrity="${sri(out[glue])}">`));
  assert.ok(html.includes(`href="./${main}" crossorigin="anonymous" integrity="${sri(out[main])}"`));
  assert.ok(html.includes(`<link rel="modulepreload" href="./${loader}" crossorigin="anonymous" integrity="${sri(out[loader])}">`));
  assert.ok(html.includes('integrity="sha384-x"'), 'other files keep their integrity');
  assert.throws(() => rewriteIndex(TRUNK_INDEX.replace(/<link rel="preload"[^>]*>/, ''), trunk, names, out), /no preload link/);
});

test('an unused split function fails the build', () => {
  assert.doesNotThrow(() => checkSplitLog('INFO split into 12 modules'));
  assert.throws(() => checkSplitLog('WARN wasm_split_cli_support::split_point: No corresponding imports for split export(s) [("scoring", "cce3")]'), /never called: \[\("scoring"/);
});

/** Runs the finished loader in Node with `fetch` answering from `serve(file)`. */
async function loadRuntime(serve) {
  const { out, names } = nameOutputs(splitFiles());
  const dir = mkdtempSync(join(tmpdir(), 'split-test-'));
  const calls = [];
  globalThis.__splitTest = { table: { get: () => (data, ok) => calls.push([data, ok]) } };
  for (const [f, c] of Object.entries(out)) writeFileSync(join(dir, f), c);
  writeFileSync(join(dir, names['repere.js']), 'export function initSync() { return { __indirect_function_table: globalThis.__splitTest.table, memory: {} }; }\n');
  const requests = [];
  globalThis.fetch = async (url) => {
    const file = String(url).split('/').pop();
    requests.push(file.replace(/-[0-9a-f]{16}/, ''));
    return serve(file.replace(/-[0-9a-f]{16}/, ''), out[file]);
  };
  const loader = await import(pathToFileURL(join(dir, names['__wasm_split.js'])).href);
  return { loader, calls, requests, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

const response = (body, type) => new Response(body, { status: 200, headers: { 'Content-Type': type } });

test('the loader compiles modules served as application/octet-stream, and fetches each bundle once', async () => {
  const { loader, calls, requests, cleanup } = await loadRuntime((file, body) => response(body, 'application/octet-stream'));
  try {
    await loader.__wasm_split_load_state(1, 10);
    assert.deepEqual(requests, ['bundle_state.bin']);
    await loader.__wasm_split_load_results(1, 11);
    await loader.__wasm_split_load_quick(1, 12);
    assert.deepEqual(calls, [[10, true], [11, true], [12, true]]);
    assert.deepEqual(requests.sort(), ['bundle_shared.bin', 'bundle_state.bin', 'chunk_2.wasm', 'split_quick.wasm', 'split_results.wasm']);
  } finally {
    cleanup();
  }
});

test('the loader streams chunks served as application/wasm', async () => {
  const { loader, calls, cleanup } = await loadRuntime((file, body) => response(body, file.endsWith('.bin') ? 'application/octet-stream' : 'application/wasm'));
  try {
    await loader.__wasm_split_load_quick(1, 7);
    assert.deepEqual(calls, [[7, true]]);
  } finally {
    cleanup();
  }
});

test('a failed download reports failure, and the next attempt fetches again', async () => {
  let down = true;
  const { loader, calls, requests, cleanup } = await loadRuntime((file, body) =>
    down && file === 'bundle_shared.bin' ? new Response('gone', { status: 503 }) : response(body, 'application/wasm'));
  try {
    await loader.__wasm_split_load_results(1, 1);
    assert.deepEqual(calls, [[1, false]]);
    down = false;
    await loader.__wasm_split_load_results(1, 2);
    assert.deepEqual(calls, [[1, false], [2, true]]);
    assert.equal(requests.filter((r) => r === 'bundle_shared.bin').length, 2);
  } finally {
    cleanup();
  }
});
