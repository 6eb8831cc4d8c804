//! Exact decimals on SQLite, where a decimal is the integer `value × 10^scale`: what its row
//! decoder reads and what it refuses, and the bound past which a query fails there instead
//! of answering wrongly (PostgreSQL and MariaDB answer).

use recto::prelude::*;
use recto::rust_decimal::Decimal;
use recto::{Engine, Error, RawSql};

use super::decimal::{Entry, dec};

/// SQLite: a decimal of more than 18 digits, and a decimal bound in raw SQL (which would
/// be its own mantissa, not the column's scaled integer), are `Error::Unsupported`. A row
/// read as a decimal takes an INTEGER as itself (scale 0), recto's `<integer>e-<scale>`
/// text exactly, NULL as `None`, and refuses a REAL (a double is not exact).
pub(super) async fn sqlite_reads_and_refuses(repo: &Repo, meta: &recto::SchemaMeta) {
    let read =
        async |sql: &'static str| repo.one_sql::<(Option<Decimal>,)>(&RawSql::new(sql)).await;
    assert_eq!(
        read("SELECT 42").await.expect("an integer").0,
        Some(dec("42"))
    );
    let got = read("SELECT '-5e-2'").await.expect("a scaled text").0;
    assert_eq!(got.map(|d| d.to_string()).as_deref(), Some("-0.05"));
    assert_eq!(read("SELECT NULL").await.expect("NULL").0, None);
    let e = read("SELECT 1.5").await.expect_err("a REAL");
    assert!(matches!(e, Error::Decode { .. }), "{e}");
    let unsupported = |e: &Error| {
        matches!(
            e,
            Error::Unsupported {
                dialect: "SQLite",
                ..
            }
        )
    };
    let mut wide = meta.clone();
    let mut fields = wide.fields.to_vec();
    fields[1].decimal = Some((19, 2));
    wide.fields = fields.into();
    let ddl = recto::ddl::create_table(&wide, &recto::Sqlite).expect_err("19 digits");
    assert!(unsupported(&ddl), "{ddl}");
    let raw = RawSql::new("SELECT $1").bind(Decimal::ONE);
    let e = repo
        .one_sql::<(i64,)>(&raw)
        .await
        .expect_err("no decimal raw parameter");
    assert!(unsupported(&e), "{e}");
}

/// `d` as the integer SQLite stores for a column of scale `scale`.
pub(super) fn scaled(d: Decimal, scale: u32) -> i64 {
    let mut d = d;
    d.rescale(scale);
    i64::try_from(d.mantissa()).expect("a 64-bit mantissa")
}

/// Past SQLite's bound a query fails there; PostgreSQL and MariaDB answer. Adds the row 7.
pub(super) async fn past_the_bound(
    repo: &Repo,
    entries: Query<Entry>,
    rows: &[Entry],
    quoted: &str,
) {
    let name = repo.name();
    let by_id = |f: &dyn Fn(&Entry) -> bool| -> Vec<i64> {
        rows.iter().filter(|r| f(r)).map(|r| r.id).collect()
    };
    // |value × 10^scale| < 9.22e18. A product that overflows inside a comparison:
    let zero = Decimal::ZERO;
    let q =
        from!(e in entries.clone(), where: e.amount * 100000 > ^zero, order_by: e.id, select: e.id);
    let got = repo.all(&q).await;
    match repo.engine() {
        Engine::Sqlite => assert!(matches!(got, Err(Error::Database(_))), "{got:?}"),
        _ => assert_eq!(got.expect(name), by_id(&|r| r.amount > zero), "{name}"),
    }
    // and a sum whose rows fit but whose total does not (2 × 5e18).
    let insert = RawSql::new(sqlx::AssertSqlSafe(format!(
        "INSERT INTO {quoted} (id, amount, discount, qty) VALUES ($1, $2, NULL, 1)"
    )))
    .bind(7_i64);
    let largest = dec("9999999999999.99");
    let insert = if repo.engine() == Engine::Sqlite {
        insert.bind(scaled(largest, 2))
    } else {
        insert.bind(largest)
    };
    repo.execute_sql(&insert)
        .await
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    let q = from!(e in entries.clone(), where: e.id in [3, 7], select: sum(e.amount * 5000));
    let got = repo.one::<Option<Decimal>>(&q).await;
    match repo.engine() {
        Engine::Sqlite => assert!(matches!(got, Err(Error::Database(_))), "{got:?}"),
        _ => assert_eq!(
            got.expect(name),
            Some(largest * Decimal::from(10000)),
            "{name}: sum"
        ),
    }
}
