//! The numeric functions of exact decimals on every engine (scaled integers on SQLite):
//! `abs`, `ceil`, `floor`, `round` to a whole number and to digits (halves away from
//! zero), `greatest`, `least` and `nullif` of decimals of two scales. Every expected value
//! is computed here with `Decimal`'s own methods on the ledger of `decimal.rs`: amounts
//! 1.10, -2.50, 9999999999999.99, 0.10, 0.20, -0.01 and discounts 0.05, NULL, 0.10, 0.05,
//! 0.00, -1.00 (ids 1 to 6; `decimal_sqlite.rs` adds more rows before this runs).

use recto::prelude::*;
use recto::rust_decimal::{Decimal, RoundingStrategy};

use super::decimal::{Entry, dec};

/// `x` to `digits` places, halves away from zero.
fn rounded(x: Decimal, digits: u32) -> Decimal {
    x.round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero)
}

pub(super) async fn functions(repo: &Repo, entries: Query<Entry>, rows: &[Entry]) {
    let name = repo.name();
    let q = from!(e in entries.clone(), where: e.id <= 6, order_by: e.id,
        select: (abs(e.amount), ceil(e.amount), floor(e.amount), round(e.amount),
                 round(e.amount, 1), round(e.amount, 3)));
    type Row = (Decimal, Decimal, Decimal, Decimal, Decimal, Decimal);
    let got: Vec<Row> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<Row> = rows
        .iter()
        .map(|r| {
            let x = r.amount;
            (
                x.abs(),
                x.ceil(),
                x.floor(),
                rounded(x, 0),
                rounded(x, 1),
                rounded(x, 3),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}");
    // Halves: -2.50 rounds to -3, 1.10 to one place is 1.1, -0.01 to one place is -0.0.
    assert_eq!(got[1].3, dec("-3"), "{name}");
    assert_eq!(got[0].4, dec("1.1"), "{name}");
    assert_eq!(got[5].4, dec("0"), "{name}");

    // Decimals of two scales: a literal of scale 3 beside the columns of scale 2.
    let q = from!(e in entries, where: e.id <= 6, order_by: e.id,
        select: (greatest(e.amount, 0.125), least(e.discount, e.amount), nullif(e.amount, 0.100)));
    type Pair = (Decimal, Option<Decimal>, Option<Decimal>);
    let got: Vec<Pair> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<Pair> = rows
        .iter()
        .map(|r| {
            let x = r.amount;
            (
                x.max(dec("0.125")),
                r.discount.map(|d| d.min(x)),
                (x != dec("0.1")).then_some(x),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}");
}
