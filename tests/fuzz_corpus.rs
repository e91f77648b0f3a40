//! The fuzz targets on stable Rust: every committed seed (fuzz/corpus) and every past crash
//! (fuzz/regressions) replayed, plus deterministic mutations of the seeds (truncation, byte
//! flips, splices) so the targets' own checks run on thousands of odd inputs in every test run.
//! Coverage-guided fuzzing itself is `scripts/fuzz.sh` (cargo-fuzz on stable, docs/fuzz.md).
use std::path::Path;
use xiaodian::fuzzing::TARGETS;

fn files(dir: &Path) -> Vec<Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    paths
        .into_iter()
        .filter(|p| p.is_file() && p.extension().is_none_or(|e| e != "md"))
        .map(|p| std::fs::read(p).unwrap())
        .collect()
}

#[test]
fn seeds_and_regressions_replay() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    for (name, target) in TARGETS {
        let seeds = files(&root.join("corpus").join(name));
        assert!(!seeds.is_empty(), "fuzz/corpus/{name} has seeds");
        for input in seeds
            .iter()
            .chain(&files(&root.join("regressions").join(name)))
        {
            target(input);
        }
    }
}

#[test]
fn mutated_seeds_never_panic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n.max(1) as u64) as usize
    };
    const INTERESTING: [&[u8]; 10] = [
        b"null",
        b"-1",
        b"1e999",
        b"\"\"",
        b"[]",
        b"{}",
        b"\xff",
        b"99999999999",
        b"\"\\u0000\"",
        b"0.001",
    ];
    let mut runs = 0;
    for (name, target) in TARGETS {
        let seeds = files(&root.join(name));
        // A search input runs the whole offer search twice and, when small, brute force.
        let rounds = if name == "rulebook" || name == "search" {
            40
        } else {
            300
        };
        for seed in &seeds {
            for _ in 0..rounds {
                let mut m = seed.clone();
                match next(4) {
                    0 if !m.is_empty() => m.truncate(next(m.len())),
                    1 if !m.is_empty() => {
                        let i = next(m.len());
                        m[i] ^= 1 << next(8);
                    }
                    2 if !m.is_empty() => {
                        let i = next(m.len());
                        let with = INTERESTING[next(INTERESTING.len())];
                        let end = (i + next(8)).min(m.len());
                        m.splice(i..end, with.iter().copied());
                    }
                    _ => {
                        let other = &seeds[next(seeds.len())];
                        let cut = next(m.len() + 1);
                        m.truncate(cut);
                        m.extend_from_slice(&other[next(other.len() + 1)..]);
                    }
                }
                target(&m);
                runs += 1;
            }
        }
    }
    assert!(runs > 5_000, "{runs} mutated inputs");
}

/// Not a check: which inputs of a working corpus are slow, to tune a target's cost per input.
/// `XD_FUZZ_TARGET=search XD_FUZZ_DIR=target/fuzz-corpus/search cargo test --release --test
/// fuzz_corpus -- --ignored --nocapture time_corpus`
#[test]
#[ignore]
fn time_corpus() {
    let (Ok(name), Ok(dir)) = (
        std::env::var("XD_FUZZ_TARGET"),
        std::env::var("XD_FUZZ_DIR"),
    ) else {
        return;
    };
    let target = TARGETS
        .iter()
        .find(|(n, _)| *n == name)
        .expect("a target")
        .1;
    let mut times: Vec<(std::time::Duration, usize)> = files(Path::new(&dir))
        .iter()
        .map(|input| {
            let start = std::time::Instant::now();
            target(input);
            (start.elapsed(), input.len())
        })
        .collect();
    let total: std::time::Duration = times.iter().map(|t| t.0).sum();
    times.sort();
    println!(
        "{name}: {} inputs, {total:?} in all, median {:?}",
        times.len(),
        times.get(times.len() / 2).map(|t| t.0).unwrap_or_default()
    );
    for (t, len) in times.iter().rev().take(8) {
        println!("  {t:?}  ({len} bytes)");
    }
}
