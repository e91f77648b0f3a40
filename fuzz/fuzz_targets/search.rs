#![no_main]
// The body lives in xiaodian::fuzzing so tests/fuzz_corpus.rs replays the same code on stable.
libfuzzer_sys::fuzz_target!(|data: &[u8]| xiaodian::fuzzing::search(data));
