//! Where PostgreSQL, MariaDB and SQLite disagree about the SQL recto emits, and what recto
//! does about it: each test runs the same query on every engine and pins the chosen
//! behavior — the same rows decoded into the same Rust types everywhere where recto emulates,
//! or each engine's own answer where `docs/dialects.md` ("Where engines disagree, and what
//! recto does") documents a difference recto keeps.
//!
//! SQLite runs in memory; PostgreSQL and MariaDB/MySQL come from `RECTO_POSTGRES_URL` and
//! `RECTO_MYSQL_URL` (`scripts/test` sets both; `tests/servers` says what happens without
//! them). Each test works in its own uniquely named table and drops it afterwards.

#![allow(
    clippy::type_complexity,
    reason = "rows are decoded into tuples with one column of each type under test"
)]

mod common;
#[path = "engine_differences/extrema.rs"]
mod extrema;
mod fixture;
#[path = "engine_differences/floats.rs"]
mod floats;
mod servers;
#[path = "engine_differences/statements.rs"]
mod statements;

use servers::{Server, unique};

use recto::prelude::*;
use recto::{BinOp, BindingRef, Error, Expr, JoinKind, RawSql, Source, ToValue, Value};

/// The table every test works in, under a unique name: numbers of each width, a nullable
/// float and integer, text (binary collation on MySQL, as `scripts/test` creates its
/// database) and a flag.
#[derive(Schema, Debug, Clone, PartialEq)]
#[recto(table = "numbers")]
struct Number {
    #[recto(primary_key)]
    id: i64,
    small: i16,
    n: i32,
    big: i64,
    single: f32,
    ratio: f64,
    score: Option<f64>,
    maybe: Option<i32>,
    label: Option<String>,
    flag: bool,
}

impl Number {
    /// The row as parameters, each with its Rust type.
    fn params(&self) -> Vec<Value> {
        vec![
            self.id.to_value(),
            self.small.to_value(),
            self.n.to_value(),
            self.big.to_value(),
            self.single.to_value(),
            self.ratio.to_value(),
            self.score.to_value(),
            self.maybe.to_value(),
            self.label.clone().to_value(),
            self.flag.to_value(),
        ]
    }
}

/// A row with the given id and text, and zeros elsewhere.
fn row(id: i64, label: Option<&str>) -> Number {
    Number {
        id,
        small: 0,
        n: 0,
        big: 0,
        single: 0.0,
        ratio: 0.0,
        score: None,
        maybe: None,
        label: label.map(str::to_owned),
        flag: false,
    }
}

/// The engines this test suite knows.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Kind {
    Sqlite,
    Postgres,
    MySql,
}

/// One engine of this run.
struct Db {
    kind: Kind,
    repo: Repo,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Sqlite => "SQLite",
            Kind::Postgres => "PostgreSQL",
            Kind::MySql => "MySQL",
        }
    }

    /// `CREATE TABLE` for [`Number`] in this engine's types.
    fn create_table(self, table: &str) -> String {
        let (single, double, boolean, text) = match self {
            Kind::Postgres => ("REAL", "DOUBLE PRECISION", "BOOLEAN", "TEXT"),
            // The binary collation `scripts/test` gives its database; see the collation test
            // for what others do.
            Kind::MySql => (
                "FLOAT",
                "DOUBLE",
                "BOOLEAN",
                "TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
            ),
            Kind::Sqlite => ("REAL", "REAL", "BOOLEAN", "TEXT"),
        };
        format!(
            "CREATE TABLE {table} (id BIGINT PRIMARY KEY, small SMALLINT NOT NULL, n INTEGER NOT NULL, \
             big BIGINT NOT NULL, single {single} NOT NULL, ratio {double} NOT NULL, score {double}, \
             maybe INTEGER, label {text}, flag {boolean} NOT NULL)"
        )
    }

    /// An `INSERT` of one [`Number`] row into `table`, in this engine's dialect.
    fn insert(self, table: &str, row: &Number) -> RawSql {
        let dialect: &dyn recto::ddl::DdlDialect = match self {
            Kind::Postgres => &recto::Postgres,
            Kind::MySql => &recto::MySql,
            Kind::Sqlite => &recto::Sqlite,
        };
        let meta = recto::SchemaMeta {
            table: table.to_owned().into(),
            ..<Number as recto::Schema>::META
        };
        fixture::insert(dialect, &meta, vec![row.params()])
    }
}

/// Every engine this run can reach: SQLite in memory always, the servers whose URLs are set.
async fn engines() -> Vec<Db> {
    let mut dbs = vec![Db {
        kind: Kind::Sqlite,
        repo: Repo::connect("sqlite::memory:")
            .await
            .expect("open SQLite in memory"),
    }];
    for kind in [Kind::Postgres, Kind::MySql] {
        if let Some(repo) = connect(kind).await {
            dbs.push(Db { kind, repo });
        }
    }
    dbs
}

/// The Repo of a server engine, or `None` when its URL is unset outside CI.
async fn connect(kind: Kind) -> Option<Repo> {
    match kind {
        Kind::Postgres => Server::Postgres.connect().await,
        _ => Server::MySql.connect().await,
    }
}

/// Runs `body` on every engine with a fresh table (`create` makes it, from the engine and
/// the table's name) holding `rows`, then drops the table, whether `body` passed or panicked.
async fn on_every_engine<F, Fut>(create: fn(Kind, &str) -> String, rows: &[Number], body: F)
where
    F: Fn(Kind, Repo, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    for Db { kind, repo } in engines().await {
        let table = unique("recto_diff");
        repo.execute(sqlx::AssertSqlSafe(create(kind, &table)))
            .await
            .unwrap_or_else(|e| panic!("create the test table on {}: {e}", kind.name()));
        let mut filled = Ok(0);
        for row in rows {
            filled = repo.execute_sql(&kind.insert(&table, row)).await;
            if filled.is_err() {
                break;
            }
        }
        // A panic in the body is caught by the task, so the table is dropped either way.
        let outcome: Result<(), Box<dyn std::any::Any + Send>> = match filled {
            Ok(_) => tokio::spawn(body(kind, repo.clone(), table.clone()))
                .await
                .map_err(|e| e.into_panic()),
            Err(e) => Err(Box::new(format!(
                "inserting the rows failed on {}: {e}",
                kind.name()
            ))),
        };
        repo.execute(sqlx::AssertSqlSafe(format!("DROP TABLE {table}")))
            .await
            .expect("drop the test table");
        repo.close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

/// `from n in Number`, reading the test's table.
fn numbers(table: &str) -> Query<Number> {
    let mut query = Query::<Number>::from_schema();
    if let Source::Schema(meta) = &mut query.data_mut().from.source {
        meta.table = table.to_owned().into();
    }
    query
}

/// [`Number`]'s schema, reading the test's table, as a join source.
fn numbers_source(table: &str) -> Source {
    let mut meta = <Number as recto::Schema>::META;
    meta.table = table.to_owned().into();
    Source::Schema(meta)
}

fn ids(rows: Vec<i64>) -> Vec<i64> {
    rows
}

fn flags(rows: Vec<bool>) -> Vec<bool> {
    rows
}

// ---------------------------------------------------------------------------------------
// NULL ordering

/// Three rows whose `maybe` is 3, NULL and 1 and whose `label` is "abc", "Abc" and NULL.
fn nullable_rows() -> Vec<Number> {
    let mut rows = vec![row(1, Some("abc")), row(2, Some("Abc")), row(3, None)];
    rows[0].maybe = Some(3);
    rows[2].maybe = Some(1);
    rows[0].flag = true;
    rows[2].flag = true;
    rows
}

/// A plain `asc:` sorts NULLs last and a plain `desc:` first on every engine, as PostgreSQL
/// does: for a nullable column, a column of a left-joined binding and an aggregate. Keys
/// that cannot be NULL print no NULL placement.
#[tokio::test]
async fn plain_order_sorts_nulls_as_larger_than_every_value() {
    on_every_engine(
        Kind::create_table,
        &nullable_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let asc = from!(n in numbers(&t), order_by: [asc: n.maybe, asc: n.id], select: n.id);
            assert_eq!(ids(repo.all(&asc).await.unwrap()), [3, 1, 2], "{name}");
            let desc = from!(n in numbers(&t), order_by: [desc: n.maybe, asc: n.id], select: n.id);
            assert_eq!(ids(repo.all(&desc).await.unwrap()), [2, 1, 3], "{name}");

            // `b.label` is NULL for row 1 (its `maybe` 3 finds row 3, whose label is NULL) and
            // for row 2 (no `maybe`, no match), "abc" for row 3.
            let joined = numbers(&t).join::<Number>(
                JoinKind::Left,
                numbers_source(&t),
                Expr::binary(
                    BinOp::Eq,
                    Expr::field(BindingRef::Index(1), "id"),
                    Expr::field(BindingRef::Index(0), "maybe"),
                ),
                None,
            );
            let asc =
                from!([a, b] in joined.clone(), order_by: [asc: b.label, asc: a.id], select: a.id);
            assert_eq!(ids(repo.all(&asc).await.unwrap()), [3, 1, 2], "{name}");
            let desc = from!([a, b] in joined, order_by: [desc: b.label, asc: a.id], select: a.id);
            assert_eq!(ids(repo.all(&desc).await.unwrap()), [1, 2, 3], "{name}");

            // The flagged rows' greatest `maybe` is 3; the other group's is NULL.
            let asc = from!(n in numbers(&t),
                            group_by: n.flag, order_by: [asc: max(n.maybe)], select: n.flag);
            assert_eq!(
                flags(repo.all(&asc).await.unwrap()),
                [true, false],
                "{name}"
            );
            let desc = from!(n in numbers(&t),
                             group_by: n.flag, order_by: [desc: max(n.maybe)], select: n.flag);
            assert_eq!(
                flags(repo.all(&desc).await.unwrap()),
                [false, true],
                "{name}"
            );

            // A key that cannot be NULL is sorted as written.
            let plain = from!(n in numbers(&t), order_by: [desc: n.id], select: n.id);
            let sql = repo.to_sql(&plain).unwrap().text;
            assert!(!sql.contains("NULL"), "{name}: {sql}");
            assert_eq!(ids(repo.all(&plain).await.unwrap()), [3, 2, 1], "{name}");
        },
    )
    .await;
}

// ---------------------------------------------------------------------------------------
// Aggregate result types

/// Numbers whose sums and averages every engine computes exactly (every partial sum is
/// exact in a double too).
fn number_rows() -> Vec<Number> {
    let mut rows = vec![row(1, None), row(2, None), row(3, None)];
    for (row, (small, n, big, single, ratio)) in rows.iter_mut().zip([
        (2, -7, 5_000_000_000, 0.5, 0.5),
        (3, 1, -3, 1.5, 0.25),
        (-1, 2, 7, -0.25, -1.0),
    ]) {
        (row.small, row.n, row.big, row.single, row.ratio) = (small, n, big, single, ratio);
    }
    rows[0].maybe = Some(4);
    rows[0].score = Some(1.5);
    rows
}

/// `sum` is an `i64` over integers of every width and an `f64` over floats of both widths;
/// `count` is an `i64`; all of them NULL (`None`) over no rows, except `count`.
#[tokio::test]
async fn sum_is_i64_over_integers_and_f64_over_floats() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let q = from!(n in numbers(&t),
                          select: (sum(n.small), sum(n.n), sum(n.big), sum(n.single), sum(n.ratio),
                                   sum(n.maybe), count()));
            type Sums = (
                Option<i64>,
                Option<i64>,
                Option<i64>,
                Option<f64>,
                Option<f64>,
                Option<i64>,
                i64,
            );
            let row: Sums = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                row,
                (
                    Some(4),
                    Some(-4),
                    Some(5_000_000_004),
                    Some(1.75),
                    Some(-0.25),
                    Some(4),
                    3
                ),
                "{name}"
            );

            let none = from!(n in numbers(&t), where: n.id > 99,
                             select: (sum(n.n), sum(n.big), sum(n.ratio), count()));
            let row: (Option<i64>, Option<i64>, Option<f64>, i64) = repo.one(&none).await.unwrap();
            assert_eq!(row, (None, None, None, 0), "{name}");

            // Both operands are integers, so `/` truncates everywhere (MySQL writes `DIV`).
            let mean = from!(n in numbers(&t), select: sum(n.n) / count());
            let mean: Option<i64> = repo.one(&mean).await.unwrap();
            assert_eq!(mean, Some(-1), "{name}");
        },
    )
    .await;
}

/// `avg` is an `f64`, computed as a double division everywhere: -4 / 3 keeps every digit
/// (MySQL's own `avg` of integers is a DECIMAL rounded to 4 places).
#[tokio::test]
async fn avg_is_f64() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let q = from!(n in numbers(&t),
                          select: (avg(n.small), avg(n.n), avg(n.big), avg(n.single), avg(n.ratio),
                                   avg(n.score)));
            type Averages = (
                Option<f64>,
                Option<f64>,
                Option<f64>,
                Option<f64>,
                Option<f64>,
                Option<f64>,
            );
            let row: Averages = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                row,
                (
                    Some(4.0 / 3.0),
                    Some(-4.0 / 3.0),
                    Some(5_000_000_004.0 / 3.0),
                    Some(1.75 / 3.0),
                    Some(-0.25 / 3.0),
                    Some(1.5)
                ),
                "{name}"
            );
        },
    )
    .await;
}

/// `min` and `max` have their argument's type, booleans included (PostgreSQL has no
/// `min(boolean)`: recto writes `bool_and`/`bool_or` there).
#[tokio::test]
async fn min_and_max_keep_their_argument_type() {
    on_every_engine(
        Kind::create_table,
        &nullable_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let q = from!(n in numbers(&t),
                          select: (min(n.small), max(n.n), max(n.big), max(n.single), max(n.ratio),
                                   min(n.flag), max(n.flag), max(n.label), min(n.maybe)));
            let row: (
                Option<i16>,
                Option<i32>,
                Option<i64>,
                Option<f32>,
                Option<f64>,
                Option<bool>,
                Option<bool>,
                Option<String>,
                Option<i32>,
            ) = repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                row,
                (
                    Some(0),
                    Some(0),
                    Some(0),
                    Some(0.0),
                    Some(0.0),
                    Some(false),
                    Some(true),
                    Some("abc".to_owned()),
                    Some(1)
                ),
                "{name}"
            );
        },
    )
    .await;
}

/// `sum` over single-precision floats adds in double precision everywhere: PostgreSQL's own
/// `sum(real)` adds in single precision (0.1 + 0.2 + 0.7 would be exactly 1 there).
#[tokio::test]
async fn sum_of_single_precision_floats_adds_in_double_precision() {
    let mut rows = vec![row(1, None), row(2, None), row(3, None)];
    for (row, single) in rows.iter_mut().zip([0.1_f32, 0.2, 0.7]) {
        row.single = single;
    }
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        let q = from!(n in numbers(&t), select: sum(n.single));
        let total: Option<f64> = repo.one(&q).await.unwrap();
        let expected = f64::from(0.1_f32) + f64::from(0.2_f32) + f64::from(0.7_f32);
        assert_eq!(total, Some(expected), "{}", kind.name());
        assert_ne!(expected, 1.0);
    })
    .await;
}

/// A sum past `i64` is an error on PostgreSQL and SQLite; MySQL's `CAST(... AS SIGNED)`
/// clamps it to `i64::MAX` (with a warning). Kept, and documented.
#[tokio::test]
async fn sum_past_i64_fails_except_on_mysql() {
    let mut rows = vec![row(1, None), row(2, None)];
    rows[0].big = i64::MAX;
    rows[1].big = 1;
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        let q = from!(n in numbers(&t), select: sum(n.big));
        let total = repo.one::<Option<i64>>(&q).await;
        match kind {
            Kind::MySql => assert_eq!(total.unwrap(), Some(i64::MAX)),
            _ => assert!(
                matches!(total, Err(Error::Database(_))),
                "{}: {total:?}",
                kind.name()
            ),
        }
    })
    .await;
}

/// Floats are summed in row order on PostgreSQL and MySQL, and with compensated
/// (Kahan-Babuška-Neumaier) summation on SQLite 3.43 and later: the last bit may differ.
/// Kept, and documented.
#[tokio::test]
async fn float_sums_may_differ_in_the_last_bit() {
    let mut rows = vec![row(1, None), row(2, None), row(3, None)];
    for (row, ratio) in rows.iter_mut().zip([0.1, 0.2, 0.3]) {
        row.ratio = ratio;
    }
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        let q = from!(n in numbers(&t), select: sum(n.ratio));
        let total: Option<f64> = repo.one(&q).await.unwrap();
        let expected = match kind {
            Kind::Sqlite => 0.6,
            _ => 0.1 + 0.2 + 0.3,
        };
        assert_eq!(total, Some(expected), "{}", kind.name());
    })
    .await;
}

// ---------------------------------------------------------------------------------------
// Arithmetic, booleans and coalesce

/// Arithmetic decodes as the wider operand's type on every engine (PostgreSQL's rule; MySQL
/// and SQLite widen further, and their values decode into the narrower type too): an
/// integer literal is an `i32`, a float literal an `f64`, a parameter its Rust type.
#[tokio::test]
async fn arithmetic_decodes_as_the_wider_operand() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let wide: i64 = 10;
            let q = from!(n in numbers(&t), where: n.id == 1,
                          select: (n.n + 1, n.small + n.small, -n.small, n.n + ^wide, n.big - 1,
                                   n.single * n.single, n.n * 2.0, n.ratio + n.n));
            let row: (i32, i16, i16, i64, i64, f32, f64, f64) =
                repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                row,
                (-6, 4, -2, 3, 4_999_999_999, 0.25, -14.0, -6.5),
                "{name}"
            );
        },
    )
    .await;
}

/// Literals and parameters decode as their Rust type: an integer literal as an `i32`, a
/// float literal as an `f64`, a parameter as the type it binds as. An `i16` binds as an
/// `i32` and an `f32` as an `f64` (PostgreSQL would refuse to decode them narrower).
#[tokio::test]
async fn literals_and_parameters_decode_as_their_rust_type() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let (big, float, flag, text, small, single) =
                (7_i64, 1.5_f64, true, "s", 3_i16, 0.5_f32);
            let q = from!(n in numbers(&t), where: n.id == 1,
                          select: (1, 2.5, "x", true, ^big, ^float, ^flag, ^text, ^small, ^single));
            let row: (i32, f64, String, bool, i64, f64, bool, String, i32, f64) =
                repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                row,
                (
                    1,
                    2.5,
                    "x".to_owned(),
                    true,
                    7,
                    1.5,
                    true,
                    "s".to_owned(),
                    3,
                    0.5
                ),
                "{name}"
            );
        },
    )
    .await;
}

/// `i32` arithmetic past `i32`: PostgreSQL fails, MySQL and SQLite compute in 64 bits (so
/// decoding the result as the `i32` it is typed fails there instead). Kept, and documented.
#[tokio::test]
async fn integer_overflow_fails_on_postgres_only() {
    let mut rows = vec![row(1, None)];
    rows[0].n = i32::MAX;
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        // Erased, so that the rows can be decoded into a wider type than the sum's.
        let q = from!(n in numbers(&t), select: n.n + 1).erase();
        let wide = repo.one::<i64>(&q).await;
        let narrow = repo.one::<i32>(&q).await;
        match kind {
            Kind::Postgres => assert!(matches!(wide, Err(Error::Database(_))), "{wide:?}"),
            _ => assert_eq!(wide.unwrap(), i64::from(i32::MAX) + 1, "{}", kind.name()),
        }
        assert!(narrow.is_err(), "{}: {narrow:?}", kind.name());
    })
    .await;
}

/// Boolean columns and conditions decode as `bool` everywhere (SQLite and MySQL return
/// integers, which sqlx decodes as `bool`).
#[tokio::test]
async fn booleans_decode_as_bool() {
    on_every_engine(
        Kind::create_table,
        &nullable_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let q = from!(n in numbers(&t), order_by: n.id,
                          select: (n.flag, !n.flag, n.id > 1, is_nil(n.maybe),
                                   like(n.label, "a%")));
            let rows: Vec<(bool, bool, bool, bool, Option<bool>)> =
                repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(
                rows,
                [
                    (true, false, false, false, Some(true)),
                    (false, true, true, true, Some(false)),
                    (true, false, true, false, None),
                ],
                "{name}"
            );
        },
    )
    .await;
}

/// `coalesce` of a float and an integer is a float: SQLite would return the integer as an
/// integer (its values keep their own type), so recto casts the result there.
#[tokio::test]
async fn coalesce_of_a_float_and_an_integer_is_a_float() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            let q = from!(n in numbers(&t), order_by: n.id,
                          select: (coalesce(n.score, 0), coalesce(n.maybe, n.big)));
            let rows: Vec<(f64, i64)> =
                repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(rows, [(1.5, 4), (0.0, -3), (0.0, 7)], "{name}");
        },
    )
    .await;
}

/// Integer `/` and `%` truncate toward zero on every engine, negative operands included;
/// float `/` is a float division.
#[tokio::test]
async fn integer_division_and_remainder_truncate_toward_zero() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let name = kind.name();
            // Row 1: n = -7, small = 2.
            let q = from!(n in numbers(&t), where: n.id == 1,
                          select: (n.n / 2, n.n % 2, -n.n / -2, n.n % -2, -n.n % 2, n.n / n.small,
                                   n.ratio / 4.0));
            let row: (i32, i32, i32, i32, i32, i32, f64) =
                repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(row, (-3, -1, -3, -1, 1, -3, 0.125), "{name}");
        },
    )
    .await;
}

/// `/` on a schemaless field, whose type the plan cannot tell, stays `/` on MySQL, where it
/// is a DECIMAL division that sqlx decodes neither as an integer nor as a float. Kept, and
/// documented: give the binding a schema to get `DIV`.
#[tokio::test]
async fn division_of_unknown_types_is_a_decimal_on_mysql() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            // Row 1: n = -7.
            let q = from!(n in Query::table(t.clone()), where: n["id"] == 1, select: n["n"] / 2);
            let quotient = repo.one::<i32>(&q).await;
            match kind {
                Kind::MySql => assert!(
                    matches!(quotient, Err(Error::Decode { .. })),
                    "{quotient:?}"
                ),
                _ => assert_eq!(quotient.unwrap(), -3, "{}", kind.name()),
            }
        },
    )
    .await;
}

/// `%` with a float operand: MySQL computes C's `fmod`; PostgreSQL has no such operator and
/// SQLite truncates the operands to integers first, so recto refuses it there before any
/// SQL is sent.
#[tokio::test]
async fn float_remainder_is_mysql_only() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            // Row 1: ratio = 0.5, so the dividend is -7.5.
            let q = from!(n in numbers(&t), where: n.id == 1, select: (n.ratio - 8.0) % 2.0);
            let result = repo.one::<f64>(&q).await;
            match kind {
                Kind::MySql => assert_eq!(result.unwrap(), -1.5),
                _ => assert!(
                    matches!(result, Err(Error::Unsupported { .. })),
                    "{}: {result:?}",
                    kind.name()
                ),
            }
        },
    )
    .await;
}

/// Division by zero is an error on PostgreSQL and NULL on MySQL and SQLite. Kept, and
/// documented.
#[tokio::test]
async fn division_by_zero_fails_on_postgres_only() {
    on_every_engine(
        Kind::create_table,
        &number_rows(),
        |kind, repo, t| async move {
            let zero = 0;
            // Erased: the quotient's type (`i32`) does not say that it is NULL on two
            // engines.
            let q = from!(n in numbers(&t), where: n.id == 1, select: n.n / ^zero).erase();
            let result = repo.one::<Option<i32>>(&q).await;
            match kind {
                Kind::Postgres => assert!(matches!(result, Err(Error::Database(_))), "{result:?}"),
                _ => assert_eq!(result.unwrap(), None, "{}", kind.name()),
            }
        },
    )
    .await;
}

// ---------------------------------------------------------------------------------------
// Text

/// `like` is case-sensitive on every engine: SQLite's `LIKE` folds ASCII case unless
/// `PRAGMA case_sensitive_like` is on, which the Repo sets on every SQLite connection it
/// opens. A pool the Repo did not open keeps SQLite's default.
#[tokio::test]
async fn like_is_case_sensitive() {
    on_every_engine(
        Kind::create_table,
        &nullable_rows(),
        |kind, repo, t| async move {
            let lower = from!(n in numbers(&t), where: like(n.label, "a%"), select: n.id);
            assert_eq!(ids(repo.all(&lower).await.unwrap()), [1], "{}", kind.name());
            let upper = from!(n in numbers(&t), where: like(n.label, "A_c"), select: n.id);
            assert_eq!(ids(repo.all(&upper).await.unwrap()), [2], "{}", kind.name());
        },
    )
    .await;

    // The same SQL on a SQLite pool opened without the pragma matches both cases.
    let pool = sqlx::sqlite::SqlitePoolOptions::new()
        .max_connections(1)
        .connect("sqlite::memory:")
        .await
        .unwrap();
    let foreign = Repo::from(pool);
    foreign
        .execute(sqlx::AssertSqlSafe(Kind::Sqlite.create_table("numbers")))
        .await
        .unwrap();
    for row in nullable_rows() {
        foreign
            .execute_sql(&Kind::Sqlite.insert("numbers", &row))
            .await
            .unwrap();
    }
    let q = from!(n in Number, where: like(n.label, "a%"), order_by: n.id, select: n.id);
    assert_eq!(ids(foreign.all(&q).await.unwrap()), [1, 2]);
    foreign.close().await;
}

/// `ilike` folds ASCII letters on every engine. Other letters: MariaDB folds them, SQLite
/// never does, and PostgreSQL does unless the database's `LC_CTYPE` is `C` (as in the
/// databases `scripts/test` creates). Kept, and documented.
#[tokio::test]
async fn ilike_folds_ascii_everywhere_and_other_letters_per_engine() {
    let rows = vec![row(1, Some("abc")), row(2, Some("École")), row(3, None)];
    on_every_engine(Kind::create_table, &rows, |kind, repo, t| async move {
        let name = kind.name();
        let ascii = from!(n in numbers(&t), where: ilike(n.label, "ABC"), select: n.id);
        assert_eq!(ids(repo.all(&ascii).await.unwrap()), [1], "{name}");

        let folds = match kind {
            Kind::MySql => true,
            Kind::Sqlite => false,
            Kind::Postgres => {
                let sql = RawSql::new("SELECT lower('É') = 'é'");
                repo.one_sql::<bool>(&sql).await.unwrap()
            }
        };
        let other = from!(n in numbers(&t), where: ilike(n.label, "éCOLE"), select: n.id);
        let expected: &[i64] = if folds { &[2] } else { &[] };
        assert_eq!(ids(repo.all(&other).await.unwrap()), expected, "{name}");
    })
    .await;
}

/// Text compares by the column's collation. PostgreSQL (with the C collation `scripts/test`
/// uses) and SQLite compare code points exactly; so does MariaDB's `utf8mb4_nopad_bin`.
/// `utf8mb4_bin`, the test databases' collation, also compares code points but ignores
/// trailing spaces (it is a PAD SPACE collation); `utf8mb4_general_ci`, MariaDB's default,
/// also folds case. Kept, and documented.
#[tokio::test]
async fn text_equality_follows_the_collation() {
    fn create(kind: Kind, table: &str) -> String {
        let base = Kind::create_table(kind, table);
        let collated = match kind {
            Kind::MySql => base.replace(
                "label TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                "label TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin, \
                 padded TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_bin, \
                 folded TEXT CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci",
            ),
            _ => base.replace("label TEXT", "label TEXT, padded TEXT, folded TEXT"),
        };
        assert_ne!(
            collated, base,
            "the label column is where the test expects it"
        );
        collated
    }
    let rows = vec![row(1, Some("a")), row(2, Some("a ")), row(3, Some("A"))];
    on_every_engine(create, &rows, |kind, repo, t| async move {
        let name = kind.name();
        let copy = format!("UPDATE {t} SET padded = label, folded = label");
        repo.execute(sqlx::AssertSqlSafe(copy)).await.unwrap();
        // The extra columns are not in the schema: read them schemaless.
        let exact = from!(n in numbers(&t), where: n.label == "a", select: n.id);
        assert_eq!(ids(repo.all(&exact).await.unwrap()), [1], "{name}");
        let padded = from!(n in Query::table(t.clone()),
                           where: n["padded"] == "a", order_by: n["id"], select: n["id"]);
        let folded = from!(n in Query::table(t.clone()),
                           where: n["folded"] == "a", order_by: n["id"], select: n["id"]);
        let (padded, folded): (Vec<i64>, Vec<i64>) = (
            ids(repo.all(&padded).await.unwrap()),
            ids(repo.all(&folded).await.unwrap()),
        );
        match kind {
            Kind::MySql => assert_eq!((padded, folded), (vec![1, 2], vec![1, 2, 3])),
            _ => assert_eq!((padded, folded), (vec![1], vec![1]), "{name}"),
        }
    })
    .await;
}
