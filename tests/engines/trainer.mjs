// The trainer's journey (SPEC §13), written once for every engine like the candidate's
// (journey.mjs, same adapter, plus `upload(selector, path)`: a file chosen in a file input by the
// driver): from an RNCP export to a saved referential, one edit, rated as a candidate, its
// blocks' readiness, its positioning record, and its SCORM package built by the page, run in the
// test LMS of the SCORM tests (tests/support/lms-server.mjs).
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { playerUrl, readPackage, startLms } from '../support/lms-server.mjs';
import { shown } from './journey.mjs';

// The export carries its date in its name, as data.gouv.fr's files do: the driver uploads a copy
// of the fixture under that name (run.mjs makes it).
export const EXPORT_FIXTURE = fileURLToPath(new URL('../fixtures/rncp/export-extrait.xml', import.meta.url));
export const EXPORT_NAME = 'export-fiches-rncp-v4-1-2025-06-03.xml';

const ID = 'rncp38812';
const FICHE = 'RNCP38812';
const BC01 = ['RNCP38812BC01.1', 'RNCP38812BC01.2', 'RNCP38812BC01.3'];
const BLOCKS = ['BC01', 'BC02', 'BC03', 'BC04'].map((b) => `${FICHE}${b}`);
const LEARNER = { 'cmi.core.student_id': 'learner-9', 'cmi.core.student_name': 'Martin, Camille' };

/** Keeps what the page hands the browser to download (a blob behind an `<a download>`), and
 * keeps the engine's own download machinery out of the way: the bytes are what would be saved. */
function catchDownloads() {
  window.__downloads = [];
  const create = URL.createObjectURL.bind(URL);
  URL.createObjectURL = (blob) => {
    const url = create(blob);
    window.__downloads.push({ url, blob });
    return url;
  };
  const click = HTMLAnchorElement.prototype.click;
  HTMLAnchorElement.prototype.click = function () {
    const caught = window.__downloads.find((d) => d.url === this.href);
    if (caught && this.download) caught.name = this.download;
    else click.call(this);
  };
}

/** The last download once named, read: its name, size, first four bytes and whether its
 * bytes name `needle` (a zip's central directory holds its file names in clear). */
function lastDownload(needles) {
  const d = window.__downloads.at(-1);
  if (!d?.name) return null;
  if (!d.read) {
    d.read = d.blob.arrayBuffer().then((buffer) => {
      const bytes = new Uint8Array(buffer);
      // One character a byte: searched for the names, and carried to the driver (which only
      // carries strings) as base64.
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      d.seen = { name: d.name, size: bytes.length, head: [...bytes.slice(0, 4)], names: needles.filter((n) => binary.includes(n)) };
      d.base64 = btoa(binary);
    });
  }
  return d.seen ?? null;
}

const count = (selector) => document.querySelectorAll(selector).length;

/** Runs the trainer's journey on `engine` against the app at `base`; `exportPath` is the file
 * to upload (named as an export). */
export async function trainerJourney(engine, base, exportPath, log) {
  const step = async (name, run) => {
    const start = Date.now();
    await run();
    log(`  ${engine.name}: ${name} (${((Date.now() - start) / 1000).toFixed(1)} s)`);
  };
  const open = async (hash, heading) => {
    await engine.evaluate((h) => { location.hash = h; }, hash);
    await engine.waitFor(shown, heading);
  };

  await step('the import page reads the export', async () => {
    await engine.goto(`${base}index.html#/referentiels/importer`);
    await engine.waitFor(shown, 'Importer un référentiel');
    await engine.upload('[data-testid="referential-import"]', exportPath);
    await engine.waitFor(() => document.querySelector('[data-testid="scan-progress"]')?.dataset.state === 'done');
    assert.ok(await engine.evaluate(count, `[data-testid="fiche-option"][data-fiche="${FICHE}"]`), `${engine.name}: ${FICHE} among the fiches found`);
  });

  await step('a fiche chosen, one item deleted, pivots confirmed, saved', async () => {
    await engine.click(`[data-testid="fiche-option"][data-fiche="${FICHE}"]`);
    await engine.waitFor((f) => document.querySelector('[data-testid="referential-draft"]')?.dataset.fiche === f, FICHE);
    await engine.click('[data-testid="draft-item"][data-item="RNCP38812BC01.4"] [data-testid="item-delete"]');
    await engine.waitFor(() => document.querySelector('[data-testid="edit-count"]')?.dataset.count === '1');
    // The editor has drawn the deletion everywhere (13 items left, none linked yet) before the
    // next click: a click on a button being drawn again can land on the old one.
    await engine.waitFor(() => document.querySelector('[data-testid="items-without-pivots"]')?.dataset.count === '13');
    await engine.click('[data-testid="confirm-all-pivots"]');
    await engine.waitFor(() => document.querySelector('[data-testid="items-without-pivots"]')?.dataset.count === '0');
    await engine.click('[data-testid="referential-save"]');
    await engine.waitFor((id) => location.hash === `#/referentiel/${id}`, ID);
    await engine.waitFor(shown, 'Responsable e-commerce');
    const stored = await engine.evaluate((id) => JSON.parse(localStorage.getItem(`repere.default.referential.${id}`)).referential, ID);
    assert.equal(stored.provenance.export_date, '2025-06-03', `${engine.name}: the export's date from its name`);
    // The deletion, then one confirmation of pivots per item left.
    const ops = stored.provenance.edits.map((e) => e.op);
    assert.deepEqual([ops[0], new Set(ops.slice(1))], ['delete', new Set(['pivots'])], `${engine.name}: the trainer's edits recorded: ${ops}`);
    assert.deepEqual(stored.groups[0].items.map((i) => i.id), BC01, `${engine.name}: the deleted item is gone`);
  });

  await step('rated as a candidate', async () => {
    await open(`#/positionnement/${ID}`, 'Responsable e-commerce');
    for (const item of BC01) await engine.click(`[data-item="${ID}/${item}"] input[type="radio"][value="4"]`);
    await engine.waitFor((item) => document.querySelector(`[data-item="${item}"] [data-testid="level-status"]`)?.textContent.includes('niveau 4'), `${ID}/${BC01.at(-1)}`);
  });

  await step('its blocks in the results', async () => {
    await open('#/resultats', 'Vos résultats');
    await engine.waitFor((id) => !!document.querySelector(`[data-testid="match-row"][data-referential="${id}"]`), ID);
    const blocks = await engine.evaluate((id) => [...document.querySelectorAll(`[data-testid="block-status"][data-block^="${id}/"]`)]
      .map((e) => [e.dataset.block, e.dataset.ready]), ID);
    assert.deepEqual(blocks.map(([b]) => b), ['BC01', 'BC02', 'BC03', 'BC04'].map((b) => `${ID}/RNCP38812${b}`), `${engine.name}: the fiche's block codes`);
    assert.equal(blocks[0][1], 'true', `${engine.name}: BC01 rated at its targets is within reach`);
  });

  await step('its positioning record', async () => {
    await open(`#/positionnement-entree/${ID}`, 'Fiche de positionnement');
    const codes = await engine.evaluate(() => [...document.querySelectorAll('[data-testid="record-code"]')].map((e) => e.dataset.code));
    assert.equal(codes[0], 'RNCP 38812', `${engine.name}: the record names the RNCP number`);
    assert.ok((await engine.evaluate(() => document.querySelector('[data-testid="record-provenance"]')?.textContent ?? '')).includes('RNCP38812'),
      `${engine.name}: the record says where the referential comes from`);
  });

  await step('its SCORM package, built by the page', async () => {
    await open(`#/referentiel/${ID}`, 'Responsable e-commerce');
    await engine.evaluate(catchDownloads);
    await engine.click('[data-testid="download-scorm"]');
    await engine.waitFor(() => document.querySelector('[data-testid="scorm-status"]')?.dataset.done === 'true');
    const zip = await engine.waitFor(lastDownload, ['imsmanifest.xml', 'index.html', 'referential.json']);
    assert.match(zip.name, /\.zip$/, `${engine.name}: a zip`);
    assert.deepEqual(zip.head, [0x50, 0x4b, 0x03, 0x04], `${engine.name}: a zip's first local header`);
    assert.deepEqual(zip.names, ['imsmanifest.xml', 'index.html', 'referential.json'], `${engine.name}: the manifest, the app and the referential's file`);
  });

  await step('the package runs in the test LMS', async () => {
    const built = readPackage(Buffer.from(await engine.evaluate(() => window.__downloads.at(-1).base64), 'base64'));
    const pkg = `repere-${ID}`;
    const lms = await startLms(new Map([[pkg, built]]));
    try {
      await engine.goto(playerUrl(lms.origin, pkg, built.launch, { cmi: LEARNER }));
      // The package's referential, from its own file, is what the app reports on.
      await engine.waitFor(() => window.lms?.commits.length > 0);
      const first = await engine.evaluate(() => window.lms.commits[0]);
      assert.deepEqual(Object.values(first.objectives).map((o) => o.id), BLOCKS, `${engine.name}: one objective per block of the fiche`);
      assert.equal(first.core.lesson_status, 'incomplete', `${engine.name}: nothing rated yet in the LMS`);
      // A level chosen in the activity reaches the LMS.
      const radio = `[data-item="${ID}/${BC01[0]}"] input[type="radio"][value="4"]`;
      await engine.waitFor((r) => !!document.getElementById('sco').contentDocument?.querySelector(r), radio);
      await engine.evaluate((r) => document.getElementById('sco').contentDocument.querySelector(r).click(), radio);
      await engine.waitFor(() => Number(window.lms.commits.at(-1).core.score.raw) > 0);
    } finally {
      await lms.close();
    }
  });
}
