//! The corpus check of the `side_by_side` bench, run as a test so that a change to recto,
//! to sea-query or to the corpus that makes the two halves disagree fails `cargo test`
//! rather than the next benchmark run. Nothing here is timed.

// The bench's modules are shared by path; the timing functions they also hold are unused
// here.
#![allow(dead_code)]

#[path = "../benches/side_by_side/execute.rs"]
mod execute;
#[path = "../benches/side_by_side/measure.rs"]
mod measure;
#[path = "../benches/side_by_side/peer.rs"]
mod peer;
#[path = "../benches/side_by_side/sqlite.rs"]
mod sqlite;

#[test]
fn both_sides_return_the_fixtures_rows_for_every_query() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let (repo, pool) = sqlite::open(&rt).unwrap();
    let rows = sqlite::check_corpus(&sqlite::engine(&rt, &repo, &pool)).unwrap();
    // Counted from FIXTURE for seed 0: user 1; the 7 users aged 18..=80 (not Linus, 17);
    // the first 2 users of active orgs; 11 user-post pairs of users over 20 (Ada 3, Grace
    // 3, Barbara 1, Alonzo 1, and one NULL row each for Alan, Anita and Edsger); Ada and
    // Grace with more than one post; ids 1..=8; Ada, Alan and Anita (A%, case-sensitive,
    // with an acme address in any case or none); a page of 3; the 6 posts scored above 2;
    // all 8 users with id > 0.
    assert_eq!(rows, [1, 7, 2, 11, 2, 8, 3, 3, 6, 8]);
}
