//! SPEC §13: reading the RNCP export natively, as the browser will (1 MiB slices fed to the
//! scanner), in MB/s; and one fiche parsed, split and built into a referential. The export is
//! made in memory from the fixtures' fiches, renumbered (`bench/rncp-synthetic.mjs` writes the
//! same kind of file, ≈ 500 MB, for the browser benchmark). Run with
//! `cargo bench --bench rncp_scan -- --quick`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use repere::core::rncp::{parse_fiche, Draft, Scanner};

const EXTRACT: &str = include_str!("../tests/fixtures/rncp/export-extrait.xml");
const SLICE: usize = 1 << 20;

/// The fixtures' fiches, `<FICHE>…</FICHE>` each.
fn fiches() -> Vec<&'static str> {
    EXTRACT
        .match_indices("<FICHE>")
        .map(|(start, _)| {
            let end = EXTRACT[start..].find("</FICHE>").unwrap() + start + "</FICHE>".len();
            &EXTRACT[start..end]
        })
        .collect()
}

/// An export of about `bytes` bytes: the fiches repeated, each copy with a number of its own.
fn synthetic(bytes: usize) -> Vec<u8> {
    let fiches = fiches();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<FICHES>\n<VERSION_FLUX>4.1</VERSION_FLUX>\n",
    );
    let mut n = 100_000u32;
    while out.len() < bytes {
        for f in &fiches {
            let number = &f[f.find("RNCP").unwrap()..][..9];
            out.push_str(&f.replace(number, &format!("RNCP{n}")));
            out.push('\n');
            n += 1;
        }
    }
    out.push_str("</FICHES>\n");
    out.into_bytes()
}

fn scan(c: &mut Criterion) {
    let export = synthetic(64 << 20);
    let mut group = c.benchmark_group("rncp");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(export.len() as u64));
    group.bench_function("scan 64 MB in 1 MiB slices", |b| {
        b.iter(|| {
            let mut s = Scanner::new();
            let mut found = 0;
            for slice in export.chunks(SLICE) {
                found += s.feed(black_box(slice)).unwrap().len();
            }
            s.finish().unwrap();
            found
        })
    });
    group.finish();

    let f = fiches()[0];
    c.bench_function("rncp: parse, split and build one fiche", |b| {
        b.iter(|| {
            let fiche = parse_fiche(black_box(f.as_bytes()), "RNCP38812").unwrap();
            let (draft, _) = Draft::from_fiche(&fiche, None).unwrap();
            draft.build().unwrap()
        })
    });
}

criterion_group!(benches, scan);
criterion_main!(benches);
