//! The archive read back by real readers (Info-ZIP's `unzip -t`, which checks every CRC, and
//! fflate, the zip library `make scorm` uses), and by a small reader of the format's structure
//! for the property test.

use super::*;
use proptest::prelude::*;
use std::path::PathBuf;
use std::process::Command;

fn sample() -> Vec<(String, Vec<u8>)> {
    let mut noise = Vec::with_capacity(200_000);
    let mut x: u32 = 0x1234_5678;
    for _ in 0..200_000 {
        // xorshift: bytes that do not compress, as in a wasm file.
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        noise.push(x as u8);
    }
    vec![
        (
            "index.html".into(),
            b"<!DOCTYPE html><title>x</title>".to_vec(),
        ),
        ("empty.txt".into(), Vec::new()),
        (
            "icons/icon 512 (copie).png".into(),
            vec![0x89, b'P', b'N', b'G', 0, 255],
        ),
        (
            "données/référentiel é.json".into(),
            "{\"a\":\"é\"}".as_bytes().to_vec(),
        ),
        ("repere-4f1c_bg.wasm".into(), noise),
    ]
}

fn temp_file(name: &str, bytes: &[u8]) -> PathBuf {
    let path = std::env::temp_dir().join(format!("repere-zip-{}-{name}", std::process::id()));
    std::fs::write(&path, bytes).unwrap();
    path
}

#[test]
fn unzip_tests_every_crc() {
    let files = sample();
    let zip = write(files.iter().map(|(n, d)| (n.as_str(), d.as_slice()))).unwrap();
    let path = temp_file("unzip.zip", &zip);
    let run = Command::new("unzip").arg("-t").arg(&path).output();
    let Ok(out) = run else {
        // Info-ZIP is not part of the project's setup; fflate below always runs.
        println!("SKIPPED: no `unzip` on this machine");
        return;
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}");
    assert!(stdout.contains("No errors detected"), "{stdout}");
    for (name, _) in &files {
        assert!(
            stdout.contains(&format!("testing: {name}")),
            "{name}: {stdout}"
        );
    }
    // One file's bytes, as unzip extracts them.
    let one = Command::new("unzip")
        .arg("-p")
        .arg(&path)
        .arg("repere-4f1c_bg.wasm")
        .output()
        .unwrap();
    assert_eq!(one.stdout, files[4].1);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn fflate_reads_back_every_file() {
    let files = sample();
    let zip = write(files.iter().map(|(n, d)| (n.as_str(), d.as_slice()))).unwrap();
    let path = temp_file("fflate.zip", &zip);
    // Prints each entry as `name<TAB>hex of its bytes`, one per line.
    let script = format!(
        "import {{ unzipSync }} from 'fflate'; import {{ readFileSync }} from 'node:fs';\n\
         const files = unzipSync(readFileSync({path:?}));\n\
         for (const [n, d] of Object.entries(files)) console.log(n + '\\t' + Buffer.from(d).toString('hex'));"
    );
    let out = Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("node runs (the project's setup installs it)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let read: Vec<(String, Vec<u8>)> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let (n, hex) = l.split_once('\t').unwrap();
            let bytes = (0..hex.len())
                .step_by(2)
                .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
                .collect();
            (n.to_owned(), bytes)
        })
        .collect();
    assert_eq!(read, files);
    std::fs::remove_file(path).unwrap();
}

#[test]
fn bad_names_and_duplicates_are_refused() {
    for name in [
        "",
        "/etc/passwd",
        "a/../b",
        "./a",
        "a//b",
        "a\\b",
        "a\nb",
        "dir/",
    ] {
        assert_eq!(
            write([(name, &b"x"[..])]),
            Err(ZipError::BadName(name.into())),
            "{name:?}"
        );
    }
    assert_eq!(
        write([("a.txt", &b"1"[..]), ("a.txt", &b"2"[..])]),
        Err(ZipError::Duplicate("a.txt".into()))
    );
}

#[test]
fn the_same_files_give_the_same_archive() {
    let files = sample();
    let a = write(files.iter().map(|(n, d)| (n.as_str(), d.as_slice()))).unwrap();
    let b = write(files.iter().map(|(n, d)| (n.as_str(), d.as_slice()))).unwrap();
    assert_eq!(a, b);
    // An empty archive is its end record alone.
    assert_eq!(
        write(std::iter::empty()).unwrap(),
        [0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
    );
}

/// Reads an archive the way a reader does: the end record, then each central entry, then the
/// local header it points at and the bytes after it; every field the two headers share must
/// agree and every CRC must hold.
fn read(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |at: usize| u16::from_le_bytes([zip[at], zip[at + 1]]);
    let u32_at = |at: usize| u32::from_le_bytes(zip[at..at + 4].try_into().unwrap());
    let end = zip.len() - 22;
    assert_eq!(u32_at(end), END_OF_CENTRAL_DIRECTORY);
    let count = u16_at(end + 10) as usize;
    assert_eq!(u16_at(end + 8) as usize, count);
    let size = u32_at(end + 12) as usize;
    let mut at = u32_at(end + 16) as usize;
    assert_eq!(
        at + size,
        end,
        "the directory ends where the end record starts"
    );
    let mut out = Vec::new();
    for _ in 0..count {
        assert_eq!(u32_at(at), CENTRAL_HEADER);
        let (crc, len, name_len) = (u32_at(at + 16), u32_at(at + 20), u16_at(at + 28) as usize);
        assert_eq!(u32_at(at + 24), len, "stored: same size");
        let local = u32_at(at + 42) as usize;
        let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(u32_at(local), LOCAL_HEADER);
        assert_eq!(
            zip[local + 6..local + 26],
            zip[at + 8..at + 28],
            "shared fields"
        );
        let data_at = local + 30 + u16_at(local + 26) as usize + u16_at(local + 28) as usize;
        let data = zip[data_at..data_at + len as usize].to_vec();
        assert_eq!(crc32(&data), crc);
        out.push((name, data));
        at += 46 + name_len;
    }
    assert_eq!(at, end);
    out
}

fn arb_name() -> impl Strategy<Value = String> {
    proptest::collection::vec("[a-zA-Z0-9_ .()é-]{1,12}", 1..4)
        .prop_map(|parts| parts.join("/"))
        .prop_filter("no . or .. segment", |n| {
            n.split('/').all(|s| s != "." && s != "..")
        })
}

proptest! {
    #[test]
    fn what_is_written_reads_back(
        files in proptest::collection::btree_map(arb_name(), proptest::collection::vec(any::<u8>(), 0..300), 0..12)
    ) {
        let files: Vec<(String, Vec<u8>)> = files.into_iter().collect();
        let zip = write(files.iter().map(|(n, d)| (n.as_str(), d.as_slice()))).unwrap();
        prop_assert_eq!(read(&zip), files);
    }
}
