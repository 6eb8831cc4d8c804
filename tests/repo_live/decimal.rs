//! Exact decimals (`rust_decimal::Decimal`) on PostgreSQL (`NUMERIC(p, s)`), MariaDB
//! (`DECIMAL(p, s)`) and SQLite (the integer `value × 10^s`), in a table `recto::ddl`
//! creates: values round-trip as parameters and as stored values, arithmetic, aggregates,
//! comparisons, `in ^list` and float literals beside a decimal are exact and give one answer
//! on every engine, and `/` and `avg` follow one rule (the dividend's scale plus 4 digits,
//! rounded half away from zero). Every expected value is computed here with `Decimal`
//! arithmetic. Rows are inserted by raw SQL, which binds a decimal on PostgreSQL and MariaDB
//! and the column's scaled integer on SQLite.

use std::str::FromStr;

use recto::prelude::*;
use recto::rust_decimal::{Decimal, RoundingStrategy};
use recto::{Engine, Error, RawSql};

use super::{every_engine, unique};

/// A row of [`decimals_are_exact_on_every_engine`]'s table.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "ledger")]
pub(super) struct Entry {
    #[recto(primary_key)]
    pub(super) id: i64,
    #[recto(decimal(15, 2))]
    pub(super) amount: Decimal,
    #[recto(decimal(5, 2))]
    pub(super) discount: Option<Decimal>,
    pub(super) qty: i32,
}

pub(super) fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).expect("a decimal")
}

fn fixture() -> Vec<Entry> {
    let row = |id, amount: &str, discount: Option<&str>, qty| Entry {
        id,
        amount: dec(amount),
        discount: discount.map(dec),
        qty,
    };
    vec![
        // A trailing zero, a negative, the largest DECIMAL(15, 2), and cents that binary
        // floating point cannot hold (0.10 + 0.20 is not 0.30 in a double).
        row(1, "1.10", Some("0.05"), 3),
        row(2, "-2.50", None, 2),
        row(3, "9999999999999.99", Some("0.10"), 1),
        row(4, "0.10", Some("0.05"), 7),
        row(5, "0.20", Some("0.00"), 3),
        row(6, "-0.01", Some("-1.00"), 6),
    ]
}

/// `a / b` as recto writes it on every engine: to `scale` digits, half away from zero.
fn quotient(a: Decimal, b: Decimal, scale: u32) -> Decimal {
    (a / b).round_dp_with_strategy(scale, RoundingStrategy::MidpointAwayFromZero)
}

#[tokio::test]
async fn decimals_are_exact_on_every_engine() {
    for repo in every_engine().await {
        let name = repo.name();
        let meta = recto::SchemaMeta {
            table: unique("recto_decimal").into(),
            ..Entry::META
        };
        let mut entries = Query::<Entry>::from_schema();
        entries.data_mut().from.source = recto::Source::Schema(meta.clone());
        let (create, drop) = match repo.engine() {
            Engine::Postgres => (
                recto::ddl::create_table(&meta, &recto::Postgres),
                recto::ddl::drop_table(&meta, &recto::Postgres),
            ),
            Engine::MySql => (
                recto::ddl::create_table(&meta, &recto::MySql),
                recto::ddl::drop_table(&meta, &recto::MySql),
            ),
            _ => {
                super::decimal_sqlite::sqlite_reads_and_refuses(&repo, &meta).await;
                (
                    recto::ddl::create_table(&meta, &recto::Sqlite),
                    recto::ddl::drop_table(&meta, &recto::Sqlite),
                )
            }
        };
        let (create, drop) = (create.expect("CREATE TABLE"), drop.expect("DROP TABLE"));
        repo.execute(sqlx::AssertSqlSafe(create))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let quoted = match repo.engine() {
            Engine::MySql => format!("`{}`", meta.table),
            _ => format!("\"{}\"", meta.table),
        };
        let outcome = tokio::spawn(body(repo.clone(), entries, quoted))
            .await
            .map_err(|e| e.into_panic());
        repo.execute(sqlx::AssertSqlSafe(drop))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

async fn body(repo: Repo, entries: Query<Entry>, quoted: String) {
    let name = repo.name();
    let rows = fixture();
    for row in &rows {
        let insert = RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, amount, discount, qty) VALUES ($1, $2, $3, $4)"
        )))
        .bind(row.id);
        let insert = if repo.engine() == Engine::Sqlite {
            insert
                .bind(super::decimal_sqlite::scaled(row.amount, 2))
                .bind(row.discount.map(|d| super::decimal_sqlite::scaled(d, 2)))
        } else {
            insert.bind(row.amount).bind(row.discount)
        };
        let insert = insert.bind(row.qty);
        repo.execute_sql(&insert)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let all = || entries.clone();
    let ids_of = async |q: Query<Entry, i64>| -> Vec<i64> {
        repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let by_id = |f: &dyn Fn(&Entry) -> bool| -> Vec<i64> {
        rows.iter().filter(|r| f(r)).map(|r| r.id).collect()
    };

    // Stored values decode exactly (`Decimal`'s `==` is numeric: PostgreSQL returns each
    // value with its own display scale).
    let q = from!(e in all(), order_by: e.id);
    let decoded: Vec<Entry> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(decoded, rows, "{name}");
    for (got, want) in decoded.iter().zip(&rows) {
        assert_eq!(
            got.amount.to_string(),
            want.amount.to_string(),
            "{name}: scale"
        );
    }

    // Parameters: equal numbers of other scales match; a NULL decimal matches nothing.
    let one_ten = dec("1.1");
    let q = from!(e in all(), where: e.amount == ^one_ten, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    let largest = dec("9999999999999.99");
    let q = from!(e in all(), where: e.amount >= ^largest, select: e.id);
    assert_eq!(ids_of(q).await, [3], "{name}");
    let none: Option<Decimal> = None;
    let q = from!(e in all(), where: e.discount == ^none, select: e.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");
    let q = from!(e in all(), where: is_nil(e.discount), select: e.id);
    assert_eq!(ids_of(q).await, [2], "{name}");
    let zero = Decimal::ZERO;
    let q = from!(e in all(), where: e.amount < ^zero, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, by_id(&|r| r.amount < zero), "{name}");
    // A parameter selected back is the same number.
    let q = from!(e in all(), where: e.id == 1, select: ^largest);
    let back: Decimal = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(back, largest, "{name}");

    // `in ^list` and `in [..]`.
    let list = vec![dec("0.1"), dec("-2.5"), dec("7")];
    let q = from!(e in all(), where: e.amount in ^list, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, [2, 4], "{name}");

    // Aggregates: the sum is exact to the cent (a double would lose the cents beside
    // 9999999999999.99), the average has scale 2 + 4, rounded half away from zero.
    let sum: Decimal = rows.iter().map(|r| r.amount).sum();
    let q = from!(e in all(), select: sum(e.amount));
    let got: Option<Decimal> = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got, Some(sum), "{name}: sum");
    let count = Decimal::from(rows.len());
    let q = from!(e in all(), select: avg(e.amount));
    let got: Option<Decimal> = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(got, Some(quotient(sum, count, 6)), "{name}: avg");
    let q = from!(e in all(), where: e.id != 3, select: avg(e.amount));
    let small: Decimal = rows.iter().filter(|r| r.id != 3).map(|r| r.amount).sum();
    let got: Option<Decimal> = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(
        got,
        Some(quotient(small, count - Decimal::ONE, 6)),
        "{name}: avg"
    );
    assert_eq!(got.map(|d| d.scale()), Some(6), "{name}: avg scale");
    let q = from!(e in all(), select: (min(e.amount), max(e.amount), sum(e.discount)));
    let got: (Option<Decimal>, Option<Decimal>, Option<Decimal>) =
        repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let min = rows.iter().map(|r| r.amount).min();
    let max = rows.iter().map(|r| r.amount).max();
    let discounts: Decimal = rows.iter().filter_map(|r| r.discount).sum();
    assert_eq!(got, (min, max, Some(discounts)), "{name}");

    // Arithmetic with integers and decimals, row by row.
    let q = from!(e in all(), order_by: e.id,
                  select: (e.amount + e.qty, e.amount - 1, e.amount * e.qty, e.amount * e.discount));
    let got: Vec<(Decimal, Decimal, Decimal, Option<Decimal>)> =
        repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows
        .iter()
        .map(|r| {
            let qty = Decimal::from(r.qty);
            (
                r.amount + qty,
                r.amount - Decimal::ONE,
                r.amount * qty,
                r.discount.map(|d| r.amount * d),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: + - *");

    // Division: scale of the dividend plus 4, half away from zero; by zero, NULL. The
    // largest amount's quotient, 9999999999999.990000, is past SQLite's bound at scale 6
    // (its digits do not fit in 64 bits): an error there, never a wrong value.
    let q = from!(e in all(), where: e.id == 3, select: e.amount / e.qty);
    match repo.engine() {
        Engine::Sqlite => {
            let e = repo.one::<Decimal>(&q).await.expect_err("past the bound");
            assert!(matches!(e, Error::Decode { .. }), "{e}");
        }
        _ => {
            let got: Decimal = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                got,
                quotient(dec("9999999999999.99"), Decimal::ONE, 6),
                "{name}"
            );
        }
    }
    let q = from!(e in all(), where: e.id != 3, order_by: e.id,
                  select: (e.amount / e.qty, e.amount / e.discount));
    let got: Vec<(Decimal, Option<Decimal>)> =
        repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows
        .iter()
        .filter(|r| r.id != 3)
        .map(|r| {
            (
                quotient(r.amount, Decimal::from(r.qty), 6),
                r.discount
                    .filter(|d| !d.is_zero())
                    .map(|d| quotient(r.amount, d, 6)),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: /");
    // -0.01 / 6 = -0.0016666…: -0.001667, away from zero.
    assert_eq!(got[4].0, dec("-0.001667"), "{name}");

    // The remainder has the dividend's sign on both engines, as in Rust.
    let q = from!(e in all(), order_by: e.id, select: e.amount % 3);
    let got: Vec<Decimal> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows.iter().map(|r| r.amount % Decimal::from(3)).collect();
    assert_eq!(got, want, "{name}: %");

    // Float literals beside a decimal are exact decimals: 0.06 - 0.01 is 0.05 exactly.
    let q = from!(e in all(), where: 0.06 - 0.01 == e.discount, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, [1, 4], "{name}");
    let q = from!(e in all(), where: e.discount in [0.05, 0.1], order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, [1, 3, 4], "{name}");
    let q = from!(e in all(), order_by: e.id, select: 1.0 - e.discount);
    let got: Vec<Option<Decimal>> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows
        .iter()
        .map(|r| r.discount.map(|d| Decimal::ONE - d))
        .collect();
    assert_eq!(got, want, "{name}: 1.0 - discount");
    // The total of docs/getting-started.md: rows without a discount add nothing (NULL).
    let q = from!(e in all(), select: sum(e.amount * e.qty * (1.0 - e.discount)));
    let got: Option<Decimal> = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Decimal = rows
        .iter()
        .filter_map(|r| {
            r.discount
                .map(|d| r.amount * Decimal::from(r.qty) * (Decimal::ONE - d))
        })
        .sum();
    assert_eq!(got, Some(want), "{name}: total");
    // A float literal in a coalesce and in arithmetic beside a decimal is exact too.
    let q = from!(e in all(), order_by: e.id,
                  select: (coalesce(e.discount, 0.5), e.amount * 1.5, -0.25 + e.amount));
    let got: Vec<(Decimal, Decimal, Decimal)> =
        repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows
        .iter()
        .map(|r| {
            (
                r.discount.unwrap_or(dec("0.5")),
                r.amount * dec("1.5"),
                dec("-0.25") + r.amount,
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: literals");
    let q = from!(e in all(), order_by: e.id, select: coalesce(e.discount, 1));
    let got: Vec<Decimal> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows
        .iter()
        .map(|r| r.discount.unwrap_or(Decimal::ONE))
        .collect();
    assert_eq!(got, want, "{name}: coalesce");
    // At the plan's scale on both engines (PostgreSQL would give the `1` its own scale, 0),
    // except that sqlx reads PostgreSQL's zeros with scale 0.
    let scales: Vec<u32> = got
        .iter()
        .filter(|d| !d.is_zero())
        .map(Decimal::scale)
        .collect();
    assert_eq!(scales, vec![2; 5], "{name}: coalesce scale");

    // Comparisons across scales: a parameter of scale 3 beside columns of scale 2, and a
    // product (scale 2 + 0) beside one of scale 3.
    let limit = dec("0.105");
    let q = from!(e in all(), where: e.amount < ^limit, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, by_id(&|r| r.amount < limit), "{name}");
    let q = from!(e in all(), where: e.discount * e.qty == ^dec("0.150"), select: e.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    // One call site, lists of other scales element by element (each its own shape).
    for scales in [
        ["0.100", "1.1"],
        ["1.10", "0.1"],
        ["1.1", "0.10"],
        ["1.100", "0.1000"],
    ] {
        let list = scales.map(dec).to_vec();
        let q = from!(e in all(), where: e.amount in ^list, order_by: e.id, select: e.id);
        assert_eq!(ids_of(q).await, [1, 4], "{name}: {scales:?}");
    }

    // Exact halves (1.10 / 64 = 0.0171875) round away from zero, in both signs; repeating
    // digits (/ 0.0003) round to the nearest.
    let q = from!(e in all(), where: e.id != 3, order_by: e.id,
                  select: (e.amount / 64, e.amount / ^dec("-0.0003")));
    let got: Vec<(Decimal, Decimal)> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want: Vec<_> = rows
        .iter()
        .filter(|r| r.id != 3)
        .map(|r| {
            (
                quotient(r.amount, Decimal::from(64), 6),
                quotient(r.amount, dec("-0.0003"), 6),
            )
        })
        .collect();
    assert_eq!(got, want, "{name}: halves");
    assert_eq!(got[0].0, dec("0.017188"), "{name}");
    assert_eq!(got[1].0, dec("-0.039063"), "{name}");

    // Conditionals and filters of decimals. Quantities over 2 are rows 1, 4, 5 and 6, whose
    // amounts 1.10, 0.10, 0.20 and -0.01 sum to 1.39 and average 0.3475; an integer branch
    // is a decimal at the plan's scale.
    let q = from!(e in all(), order_by: e.id, select: if e.qty > 2 { e.amount } else { 0 });
    let got: Vec<Decimal> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = ["1.10", "0", "0", "0.10", "0.20", "-0.01"].map(dec);
    assert_eq!(got, want, "{name}: conditional");
    let scales: Vec<u32> = got
        .iter()
        .filter(|d| !d.is_zero())
        .map(Decimal::scale)
        .collect();
    assert_eq!(scales, vec![2; 4], "{name}: conditional scale");
    let q = from!(e in all(), select: (
        sum(if e.qty > 2 { e.amount } else { 0 }),
        filter(sum(e.amount), e.qty > 2),
        filter(avg(e.amount), e.qty > 2),
        filter(sum(e.amount), e.qty > 100)));
    let got = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = (
        Some(dec("1.39")),
        Some(dec("1.39")),
        Some(dec("0.347500")),
        None,
    );
    assert_eq!(got, [want], "{name}: conditional sums and filters");
    // Quantities over 5 are rows 4 and 6; the others are `else { nil }`.
    let q = from!(e in all(), order_by: e.id, select: if e.qty > 5 { e.discount } else { nil });
    let got: Vec<Option<Decimal>> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = [
        None,
        None,
        None,
        Some(dec("0.05")),
        None,
        Some(dec("-1.00")),
    ];
    assert_eq!(got, want, "{name}: else nil");
    // A `nil` first binds a NULL decimal.
    let q = from!(e in all(), order_by: e.id, select: if e.qty > 5 { nil } else { e.amount });
    let got: Vec<Option<Decimal>> = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
    let want = ["1.10", "-2.50", "9999999999999.99", "", "0.20", ""]
        .map(|d| (!d.is_empty()).then(|| dec(d)));
    assert_eq!(got, want, "{name}: nil first");

    super::decimal_sqlite::past_the_bound(&repo, all(), &rows, &quoted).await;
    super::decimal_functions::functions(&repo, all(), &rows).await;
}
