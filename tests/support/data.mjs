// The bundled data as the browser tests and benchmarks see it (ids, items, pivot skills), and
// generated export files (SPEC §7) with seeded random answers on the real ids. No test-runner
// import, so the benchmarks can use it too.
import { readFileSync } from 'node:fs';

const data = (path) => JSON.parse(readFileSync(new URL(`../../data/${path}`, import.meta.url), 'utf8'));

/** The bundled referentials in the order the app presents them (`data/referentials.json`, the one list). */
export const REFERENTIAL_IDS = data('referentials.json').referentials.map((r) => r.id);
export const PIVOT_SKILLS = data('pivots.json').families.flatMap((f) => f.skills);

export function loadReferential(id) {
  return data(`referentials/${id}.json`);
}

/** Every item of a referential data file, in document order. */
export function allItems(ref) {
  const out = [];
  const walk = (g) => { for (const it of g.items || []) out.push(it); for (const s of g.groups || []) walk(s); };
  ref.groups.forEach(walk);
  return out;
}

/** Every rated item as `{ id: "<referential>/<item>", max }`. */
export const RATED = REFERENTIAL_IDS.flatMap((id) => {
  const ref = loadReferential(id);
  const max = ref.scale === 'ecf' ? 5 : 4;
  return allItems(ref).filter((it) => it.rated).map((it) => ({ id: `${id}/${it.id}`, max }));
});

const FIRST_NAMES = ['Camille', 'Léa', 'Hugo', 'Inès', 'Noé', 'Zoé', 'Élodie', 'Karim', 'Yasmine', 'Théo',
  'Manon', 'Lucas', 'Chloé', 'Nathan', 'Sarah', 'Jules', 'Aïcha', 'Louis', 'Emma', 'Mathis',
  'Jade', 'Rayan', 'Lina', 'Adam', 'Rose', 'Tom', 'Anaïs', 'Gabriel', 'Maëlys', 'Camille'];

/** Deterministic PRNG (mulberry32). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` valid export files with seeded random quick and item answers, as Playwright file
 * payloads `{ name, mimeType, buffer }` plus the `dossier` they hold. */
export function exportFiles(count, seed = 42) {
  const rand = rng(seed);
  const int = (n) => Math.floor(rand() * n);
  const files = [];
  for (let k = 0; k < count; k++) {
    const quick = {};
    const quickShare = rand();
    for (const s of PIVOT_SKILLS) if (rand() < quickShare) quick[s.id] = int(5);
    const items = {};
    const itemShare = rand() * 0.6;
    for (const it of RATED) if (rand() < itemShare) items[it.id] = { level: int(it.max + 1), evidence: rand() < 0.1 ? `Preuve n° ${k}; « citée »` : '' };
    const name = `${FIRST_NAMES[k % FIRST_NAMES.length]}${k >= FIRST_NAMES.length ? ` ${Math.floor(k / FIRST_NAMES.length) + 1}` : ''}`;
    const day = String(1 + (k % 28)).padStart(2, '0');
    const file = {
      format: 'repere.dossier', version: 1, app_version: '0.1.0', exported_at: `2026-11-${day}T10:00:00Z`,
      dossier: {
        id: (seed * 100000 + k).toString(16).padStart(16, '0'), name,
        created_at: `2026-10-${day}T09:00:00Z`, updated_at: `2026-11-${day}T09:30:00Z`, quick, items,
      },
    };
    files.push({ name: `repere-${k + 1}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file, null, 2)), dossier: file.dossier });
  }
  return files;
}
