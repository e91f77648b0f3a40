//! A CSV past the row cap is refused before its rows take memory (issue 21): the rows are
//! counted by a scan that builds nothing, so the peak heap during the refusal stays small
//! whatever the file's size. Its own test binary: the counting allocator sees only this test.
#![cfg(feature = "merchant")]

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use xiaodian::foundation::limits::MAX_CSV_ROWS;

struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, p: *mut u8, layout: Layout) {
        unsafe { System.dealloc(p, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

fn validate(text: &str) -> (Result<usize, (String, String)>, usize) {
    let book = xiaodian::default_rulebook();
    let options = xiaodian::merchant::listing::ListingOptions::default();
    let now = xiaodian::time::Timestamp::parse("2026-11-11T20:30:00+08:00").unwrap();
    let before = LIVE.load(Relaxed);
    PEAK.store(before, Relaxed);
    let r = xiaodian::merchant::csv::validate_csv(book, text, options, now, 1000, &mut |_, _| {});
    let grew = PEAK.load(Relaxed) - before;
    let r = r
        .map(|report| report.total)
        .map_err(|e| (e.code().to_string(), e.path.clone()));
    (r, grew)
}

#[test]
fn over_the_row_cap_is_refused_before_rows_are_built() {
    for rows in [MAX_CSV_ROWS + 1, 200_000, 700_000] {
        let text = format!(
            "标题,类目,价格,库存\n{}",
            "青瓷杯,home.kitchen.cups,25,1\n".repeat(rows)
        );
        let (r, grew) = validate(&text);
        assert_eq!(r, Err(("INPUT_TOO_LARGE".into(), "text".into())), "{rows}");
        // Before the count came first, 200,000 rows grew the heap by ~40 MB on the way; now
        // only the validator's own set-up (~0.3 MB) is allocated, whatever the row count.
        assert!(grew < 1 << 20, "{rows} rows: heap grew {grew} bytes");
    }
    // One test only: a second one's thread would allocate while this one measures.
    at_the_cap_rows_stream_and_blank_or_quoted_lines_are_not_rows();
}

fn at_the_cap_rows_stream_and_blank_or_quoted_lines_are_not_rows() {
    // Blank lines and newlines inside quotes do not count towards the cap.
    let text = format!(
        "标题,类目,价格,库存\n{}\"青瓷杯\n{}\",home.kitchen.cups,25,1\n",
        "\n \r\n".repeat(MAX_CSV_ROWS),
        "\n".repeat(MAX_CSV_ROWS)
    );
    assert_eq!(validate(&text).0, Ok(1));
    let rows = 2_000;
    let text = format!(
        "标题,类目,价格,库存\n{}",
        "青瓷杯,home.kitchen.cups,25,1\n".repeat(rows)
    );
    assert_eq!(validate(&text).0, Ok(rows));
    for delimiter in [',', '\t'] {
        let t = "a,b\n\n\"x\n\ny\",1\n  \n\"open\n";
        assert_eq!(
            xiaodian::merchant::csv::count(t, delimiter),
            xiaodian::merchant::csv::read(t, delimiter).len()
        );
    }
}
