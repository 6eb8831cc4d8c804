//! The Repo on live servers — PostgreSQL (`RECTO_POSTGRES_URL`) and MariaDB/MySQL
//! (`RECTO_MYSQL_URL`) — with hand-written SQL: every kind of parameter binds with its own
//! type and round-trips exactly, NULLs keep their type, PostgreSQL arrays work with
//! `= ANY($1)` (empty ones too), and `one`/`optional` count rows.
//!
//! `scripts/test` starts the servers and sets both variables; `tests/servers` says what
//! happens without them. Each test works in its own table, named with a unique suffix, and
//! drops it afterwards.

#[path = "repo_live/decimal.rs"]
mod decimal;
#[path = "repo_live/decimal_functions.rs"]
mod decimal_functions;
#[path = "repo_live/decimal_sqlite.rs"]
mod decimal_sqlite;
#[path = "repo_live/json.rs"]
mod json;
mod servers;

use servers::{Server, unique};

use recto::chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use recto::prelude::*;
use recto::row::ByName;
use recto::{Array, Engine, Error, RawSql, Ty, Value};

impl Server {
    /// `text` with its `?` placeholders written `$1, $2, ...`, the one spelling raw SQL
    /// uses on every engine (the Repo renumbers it for MySQL). The tests' SQL has no `?`
    /// anywhere else.
    fn sql(self, text: &str, params: Vec<Value>) -> RawSql {
        let mut out = String::with_capacity(text.len() + 8);
        for (n, piece) in text.split('?').enumerate() {
            if n > 0 {
                out.push_str(&format!("${n}"));
            }
            out.push_str(piece);
        }
        RawSql::new(sqlx::AssertSqlSafe(out)).bind_all(params)
    }

    /// The table every test works in, under the name `name`.
    fn create_table(self, name: &str) -> String {
        let (double, blob, charset) = match self {
            Server::Postgres => ("DOUBLE PRECISION", "BYTEA", ""),
            // utf8mb4 holds every code point (MySQL's `utf8` stops at three bytes), whatever
            // the server's default character set is.
            Server::MySql => ("DOUBLE", "BLOB", " DEFAULT CHARSET = utf8mb4"),
        };
        format!(
            "CREATE TABLE {name} (id BIGINT PRIMARY KEY, small INT, big BIGINT, ratio {double}, flag BOOLEAN, \
             label TEXT, data {blob}, tiny SMALLINT, real_ REAL){charset}"
        )
    }
}

/// Runs `body` with a fresh table (see [`Server::create_table`]) holding [`fixture`] on
/// `server`, then drops the table, whether `body` passed or panicked.
async fn with_table<F, Fut>(server: Server, body: F)
where
    F: FnOnce(Repo, String) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(repo) = server.connect().await else {
        return;
    };
    let table = unique("recto_repo");
    repo.execute(sqlx::AssertSqlSafe(server.create_table(&table)))
        .await
        .expect("create the test table");
    let insert = format!(
        "INSERT INTO {table} (id, small, big, ratio, flag, label, data, tiny, real_) VALUES "
    );
    let placeholders = "(?, ?, ?, ?, ?, ?, ?, ?, ?)";
    let mut filled = Ok(0);
    for row in fixture() {
        filled = repo
            .execute_sql(&server.sql(&format!("{insert}{placeholders}"), row.params()))
            .await;
        if filled.is_err() {
            break;
        }
    }
    // A panic in the body is caught by the task, so the table is dropped either way.
    let outcome: Result<(), Box<dyn std::any::Any + Send>> = match filled {
        Ok(_) => tokio::spawn(body(repo.clone(), table.clone()))
            .await
            .map_err(|e| e.into_panic()),
        Err(e) => Err(Box::new(format!(
            "inserting the fixture failed on {}: {e}",
            server.name()
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

/// One row of the test table.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
struct Row {
    id: i64,
    small: Option<i32>,
    big: Option<i64>,
    ratio: Option<f64>,
    flag: Option<bool>,
    label: Option<String>,
    data: Option<Vec<u8>>,
    tiny: Option<i16>,
    real_: Option<f32>,
}

/// Text that breaks naive quoting and narrow encodings.
const TRICKY: &str = "O'Brien \"the\" `x` \\ %_ ünïcödé 中文 🚀";

impl Row {
    /// The row as parameters, each with the type its Rust value has.
    fn params(&self) -> Vec<Value> {
        fn value<T>(v: &Option<T>, ty: Ty, some: impl Fn(&T) -> Value) -> Value {
            v.as_ref().map_or(Value::Null(ty), some)
        }
        vec![
            Value::I64(self.id),
            value(&self.small, Ty::I32, |v| Value::I32(*v)),
            value(&self.big, Ty::I64, |v| Value::I64(*v)),
            value(&self.ratio, Ty::F64, |v| Value::F64(*v)),
            value(&self.flag, Ty::Bool, |v| Value::Bool(*v)),
            value(&self.label, Ty::Text, |v| Value::Text(v.clone())),
            value(&self.data, Ty::Bytes, |v| Value::Bytes(v.clone())),
            value(&self.tiny, Ty::I16, |v| Value::I32(i32::from(*v))),
            value(&self.real_, Ty::F32, |v| Value::F64(f64::from(*v))),
        ]
    }
}

/// Three rows: ordinary values, a NULL of every type, and the extremes of each type.
fn fixture() -> Vec<Row> {
    vec![
        Row {
            id: 1,
            small: Some(-7),
            big: Some(5_000_000_000),
            ratio: Some(0.1),
            flag: Some(true),
            label: Some(TRICKY.into()),
            data: Some(vec![0, b'\'', b'\\', 0xff]),
            tiny: Some(12),
            real_: Some(1.5),
        },
        Row {
            id: 2,
            small: None,
            big: None,
            ratio: None,
            flag: None,
            label: None,
            data: None,
            tiny: None,
            real_: None,
        },
        Row {
            id: 3,
            small: Some(i32::MAX),
            big: Some(i64::MIN),
            ratio: Some(-1e300),
            flag: Some(false),
            label: Some(String::new()),
            data: Some(Vec::new()),
            tiny: Some(i16::MIN),
            real_: Some(-0.25),
        },
    ]
}

/// Rows of one id each: the type of a schemaless select, named here.
fn ids(rows: Vec<i64>) -> Vec<i64> {
    rows
}

async fn values_round_trip(server: Server) {
    with_table(server, move |repo, t| async move {
        for expected in fixture() {
            let sql = server.sql(
                &format!("SELECT * FROM {t} WHERE id = ?"),
                vec![Value::I64(expected.id)],
            );
            let ByName(row): ByName<Row> = repo.one_sql(&sql).await.unwrap();
            assert_eq!(row, expected, "{}", server.name());
        }
    })
    .await;
}

async fn parameters_filter(server: Server) {
    with_table(server, move |repo, t| async move {
        // (condition, parameter, ids of the fixture rows it selects)
        let cases = [
            ("big > ?", Value::I64(i64::from(i32::MAX) + 1), vec![1]),
            ("big < ?", Value::I64(-5_000_000_000), vec![3]),
            ("small = ?", Value::I32(i32::MAX), vec![3]),
            ("ratio < ?", Value::F64(0.2), vec![1, 3]),
            ("ratio = ?", Value::F64(0.1), vec![1]),
            ("flag = ?", Value::Bool(false), vec![3]),
            ("label = ?", Value::Text(TRICKY.into()), vec![1]),
            ("label = ?", Value::Text(String::new()), vec![3]),
            (
                "data = ?",
                Value::Bytes(vec![0, b'\'', b'\\', 0xff]),
                vec![1],
            ),
            ("tiny = ?", Value::I32(i32::from(i16::MIN)), vec![3]),
            ("real_ < ?", Value::F64(0.0), vec![3]),
            // A NULL parameter of each type: nothing equals it, and it is NULL.
            ("small = ?", Value::Null(Ty::I32), vec![]),
            ("label = ?", Value::Null(Ty::Text), vec![]),
            ("? IS NULL", Value::Null(Ty::I64), vec![1, 2, 3]),
            ("? IS NULL", Value::Null(Ty::Bytes), vec![1, 2, 3]),
            ("? IS NULL", Value::I64(0), vec![]),
            (
                "coalesce(label, ?) = ?",
                Value::Text("none".into()),
                vec![2],
            ),
        ];
        for (condition, param, expected) in cases {
            let params = vec![param.clone(); condition.matches('?').count()];
            let sql = server.sql(
                &format!("SELECT id FROM {t} WHERE {condition} ORDER BY id"),
                params,
            );
            let rows: Vec<i64> = repo
                .all_sql(&sql)
                .await
                .unwrap_or_else(|e| panic!("{condition}: {e}"));
            assert_eq!(
                ids(rows),
                expected,
                "{} {condition} with {param:?}",
                server.name()
            );
        }
    })
    .await;
}

async fn one_and_optional_count_rows(server: Server) {
    with_table(server, move |repo, t| async move {
        let by_id = format!("SELECT id FROM {t} WHERE id >= ?");
        let by_id = |id: i64| server.sql(&by_id, vec![Value::I64(id)]);
        assert_eq!(repo.one_sql::<(i64,)>(&by_id(3)).await.unwrap(), (3,));
        assert_eq!(
            repo.optional_sql::<(i64,)>(&by_id(3)).await.unwrap(),
            Some((3,))
        );
        assert_eq!(repo.optional_sql::<(i64,)>(&by_id(4)).await.unwrap(), None);
        assert!(matches!(
            repo.one_sql::<(i64,)>(&by_id(4)).await,
            Err(Error::NoRows)
        ));
        assert!(matches!(
            repo.one_sql::<(i64,)>(&by_id(2)).await,
            Err(Error::TooManyRows { count: 2 })
        ));
        assert!(matches!(
            repo.optional_sql::<(i64,)>(&by_id(1)).await,
            Err(Error::TooManyRows { count: 3 })
        ));

        // One statement text run with other parameter types the second and third time
        // (PostgreSQL must not reuse the statement prepared for the first types). The pool
        // hands out its idle connections in turn, each with its own statement cache: a few
        // rounds make every connection see every signature.
        let update = format!("UPDATE {t} SET label = ? WHERE id <= ?");
        let cases = [
            (Value::Text("changed".into()), Value::I64(2), 2),
            (Value::Null(Ty::Text), Value::I32(1), 1),
            (Value::Text("again".into()), Value::Null(Ty::I64), 0),
        ];
        for (label, id, changed) in cases.iter().cycle().take(4 * cases.len()).cloned() {
            let sql = server.sql(&update, vec![label, id]);
            assert_eq!(repo.execute_sql(&sql).await.unwrap(), changed, "{sql:?}");
        }
    })
    .await;
}

/// `from!` queries over the test table (schemaless, as its name is only known at run time),
/// rendered in the server's dialect by the Repo.
async fn from_queries_run(server: Server) {
    with_table(server, move |repo, t| async move {
        // The same SQL text with an i32 and then an i64 parameter: PostgreSQL must not reuse
        // the statement prepared for the first type.
        let small = 5_i32;
        let big = 5_i64;
        let with_i32 = from!(r in Query::table(t.clone()), where: r["big"] > ^small, order_by: r["id"], select: r["id"]);
        let with_i64 = from!(r in Query::table(t.clone()), where: r["big"] > ^big, order_by: r["id"], select: r["id"]);
        assert_eq!(repo.to_sql(&with_i32).unwrap().text, repo.to_sql(&with_i64).unwrap().text);
        for q in [&with_i32, &with_i64].into_iter().cycle().take(8) {
            assert_eq!(ids(repo.all(q).await.unwrap()), [1], "{}", server.name());
        }

        // `in ^list`: one array parameter on PostgreSQL, one placeholder per element on
        // MySQL; an empty list matches nothing.
        for (list, expected) in [(vec![1_i64, 3, 99], vec![1, 3]), (vec![], vec![])] {
            let shown = format!("{} {list:?}", server.name());
            let q = from!(r in Query::table(t.clone()), where: r["id"] in ^list, order_by: r["id"], select: r["id"]);
            assert_eq!(ids(repo.all(&q).await.unwrap()), expected, "{shown}");
        }

        let id = 1_i64;
        let label = from!(r in Query::table(t.clone()), where: r["id"] == ^id, select: (r["label"], r["data"]));
        let (text, data): (Option<String>, Option<Vec<u8>>) = repo.one(&label).await.unwrap();
        assert_eq!((text.as_deref(), data), (Some(TRICKY), Some(vec![0, b'\'', b'\\', 0xff])));
        let missing = from!(r in Query::table(t.clone()), where: r["id"] == 99, select: r["id"]);
        assert_eq!(repo.optional::<i64>(&missing).await.unwrap(), None);
        assert!(matches!(repo.one::<i64>(&missing).await, Err(Error::NoRows)));
    })
    .await;
}

#[tokio::test]
async fn postgres_from_queries_run() {
    from_queries_run(Server::Postgres).await;
}

#[tokio::test]
async fn mysql_from_queries_run() {
    from_queries_run(Server::MySql).await;
}

#[tokio::test]
async fn postgres_values_round_trip() {
    values_round_trip(Server::Postgres).await;
}

#[tokio::test]
async fn mysql_values_round_trip() {
    values_round_trip(Server::MySql).await;
}

#[tokio::test]
async fn postgres_parameters_filter() {
    parameters_filter(Server::Postgres).await;
}

#[tokio::test]
async fn mysql_parameters_filter() {
    parameters_filter(Server::MySql).await;
}

#[tokio::test]
async fn postgres_one_and_optional_count_rows() {
    one_and_optional_count_rows(Server::Postgres).await;
}

#[tokio::test]
async fn mysql_one_and_optional_count_rows() {
    one_and_optional_count_rows(Server::MySql).await;
}

/// PostgreSQL infers a parameter's type from the argument sqlx declares, so each value
/// arrives with its Rust type: `pg_typeof` names it, NULLs included.
#[tokio::test]
async fn postgres_parameters_carry_their_type() {
    let Some(repo) = Server::Postgres.connect().await else {
        return;
    };
    let cases = [
        (Value::Bool(true), "boolean"),
        (Value::I32(1), "integer"),
        (Value::I64(1), "bigint"),
        (Value::F64(1.0), "double precision"),
        (Value::Text("x".into()), "text"),
        (Value::Bytes(vec![1]), "bytea"),
        (Value::Null(Ty::Bool), "boolean"),
        (Value::Null(Ty::I16), "smallint"),
        (Value::Null(Ty::I32), "integer"),
        (Value::Null(Ty::I64), "bigint"),
        (Value::Null(Ty::F32), "real"),
        (Value::Null(Ty::F64), "double precision"),
        (Value::Null(Ty::Text), "text"),
        (Value::Null(Ty::Bytes), "bytea"),
        (Value::Array(Array::I64(vec![])), "bigint[]"),
        (Value::Array(Array::I32(vec![1])), "integer[]"),
        (Value::Array(Array::F64(vec![1.0])), "double precision[]"),
        (Value::Array(Array::Bool(vec![true])), "boolean[]"),
        (Value::Array(Array::Text(vec![])), "text[]"),
        (Value::Date(day(2024, 2, 29)), "date"),
        (
            Value::Timestamp(moment(day(2024, 2, 29), 1, 2, 3, 4)),
            "timestamp without time zone",
        ),
        (Value::Null(Ty::Date), "date"),
        (Value::Null(Ty::Timestamp), "timestamp without time zone"),
        (Value::Array(Array::Date(vec![])), "date[]"),
        (
            Value::Array(Array::Timestamp(vec![])),
            "timestamp without time zone[]",
        ),
    ];
    for (value, expected) in cases {
        let is_null = matches!(value, Value::Null(_));
        let sql = RawSql::new("SELECT pg_typeof($1)::text, $1 IS NULL").bind_all([value.clone()]);
        let (ty, null): (String, bool) = repo
            .one_sql(&sql)
            .await
            .unwrap_or_else(|e| panic!("{value:?}: {e}"));
        assert_eq!((ty.as_str(), null), (expected, is_null), "{value:?}");
    }
    // The values come back as the types they went in as.
    let sql = RawSql::new("SELECT $1, $2, $3, $4, $5, $6").bind_all([
        Value::I32(i32::MIN),
        Value::I64(i64::MAX),
        Value::F64(f64::MIN_POSITIVE),
        Value::Bool(true),
        Value::Text(TRICKY.into()),
        Value::Bytes(vec![0, 0xff]),
    ]);
    let row: (i32, i64, f64, bool, String, Vec<u8>) = repo.one_sql(&sql).await.unwrap();
    assert_eq!(
        row,
        (
            i32::MIN,
            i64::MAX,
            f64::MIN_POSITIVE,
            true,
            TRICKY.to_owned(),
            vec![0, 0xff]
        )
    );
    repo.close().await;
}

/// A list binds as one array parameter on PostgreSQL: `= ANY($1)`, typed even when empty.
#[tokio::test]
async fn postgres_arrays_bind_for_any() {
    with_table(Server::Postgres, |repo, t| async move {
        // (column, list, ids of the fixture rows whose column is in the list)
        let cases = [
            ("id", Array::I64(vec![]), vec![]),
            ("id", Array::I64(vec![1, 3, 99]), vec![1, 3]),
            ("big", Array::I64(vec![i64::MIN, 5_000_000_000]), vec![1, 3]),
            ("small", Array::I32(vec![-7]), vec![1]),
            ("small", Array::I32(vec![]), vec![]),
            ("ratio", Array::F64(vec![0.1, 2.0]), vec![1]),
            ("flag", Array::Bool(vec![true, false]), vec![1, 3]),
            (
                "label",
                Array::Text(vec![TRICKY.into(), "nobody".into()]),
                vec![1],
            ),
            ("label", Array::Text(vec![String::new()]), vec![3]),
            ("label", Array::Text(vec![]), vec![]),
        ];
        for (column, list, expected) in cases {
            let sql = RawSql::new(sqlx::AssertSqlSafe(format!(
                "SELECT id FROM {t} WHERE {column} = ANY($1) ORDER BY id"
            )))
            .bind_all([Value::Array(list.clone())]);
            let rows: Vec<i64> = repo
                .all_sql(&sql)
                .await
                .unwrap_or_else(|e| panic!("{column} {list:?}: {e}"));
            assert_eq!(ids(rows), expected, "{column} = ANY({list:?})");
        }
        // NOT ... = ANY of an empty list is every row.
        let sql = RawSql::new(sqlx::AssertSqlSafe(format!(
            "SELECT id FROM {t} WHERE NOT (id = ANY($1)) ORDER BY id"
        )))
        .bind_all([Value::Array(Array::I64(vec![]))]);
        assert_eq!(ids(repo.all_sql(&sql).await.unwrap()), [1, 2, 3]);
    })
    .await;
}

/// MySQL has no array parameters: its adapter expands a list into placeholders, and a list
/// bound as one value is refused before anything is sent.
#[tokio::test]
async fn mysql_refuses_array_parameters() {
    let Some(repo) = Server::MySql.connect().await else {
        return;
    };
    let sql = RawSql::new("SELECT $1").bind_all([Value::Array(Array::I64(vec![1]))]);
    let err = repo.all_sql::<(i64,)>(&sql).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Unsupported {
                dialect: "MySQL",
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(repo.name(), "MySQL");
    repo.close().await;
}

/// A row of [`dates_compare_and_round_trip`]'s table: `DATE`, `TIMESTAMP` (`DATETIME(6)` on
/// MySQL) and a nullable `DATE`.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "events")]
struct Event {
    #[recto(primary_key)]
    id: i64,
    day: NaiveDate,
    at: NaiveDateTime,
    until: Option<NaiveDate>,
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a valid date")
}

fn moment(date: NaiveDate, h: u32, min: u32, s: u32, micro: u32) -> NaiveDateTime {
    date.and_hms_micro_opt(h, min, s, micro)
        .expect("a valid time")
}

/// Three events around a leap day and a year end, one with a NULL `until`.
fn events_fixture() -> Vec<Event> {
    vec![
        Event {
            id: 1,
            day: day(2024, 2, 28),
            at: moment(day(2024, 2, 28), 23, 59, 59, 999_999),
            until: None,
        },
        Event {
            id: 2,
            day: day(2024, 2, 29),
            at: moment(day(2024, 2, 29), 0, 0, 0, 0),
            until: Some(day(2024, 12, 31)),
        },
        Event {
            id: 3,
            day: day(2025, 1, 1),
            at: moment(day(2024, 12, 31), 13, 5, 0, 250_000),
            until: Some(day(1999, 1, 1)),
        },
    ]
}

/// Dates and timestamps bound as `^` parameters compare with `DATE` and `TIMESTAMP` columns
/// as dates do (across a leap day and a year end, to the microsecond), NULLs of both types
/// bind, and the columns decode back into `NaiveDate` and `NaiveDateTime`.
async fn dates_compare_and_round_trip(server: Server) {
    let Some(repo) = server.connect().await else {
        return;
    };
    let table = unique("recto_dates");
    let timestamp = match server {
        Server::Postgres => "TIMESTAMP",
        // DATETIME alone drops the fraction of a second.
        Server::MySql => "DATETIME(6)",
    };
    repo.execute(sqlx::AssertSqlSafe(format!(
        "CREATE TABLE {table} (id BIGINT PRIMARY KEY, day DATE NOT NULL, at {timestamp} NOT NULL, until DATE)"
    )))
    .await
    .expect("create the dates table");
    // A panic in the body is caught by the task, so the table is dropped either way.
    let outcome = tokio::spawn(dates_body(server, repo.clone(), table.clone()))
        .await
        .map_err(|e| e.into_panic());
    repo.execute(sqlx::AssertSqlSafe(format!("DROP TABLE {table}")))
        .await
        .expect("drop the dates table");
    repo.close().await;
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

async fn dates_body(server: Server, repo: Repo, table: String) {
    let name = server.name();
    let rows = events_fixture();
    for row in &rows {
        let insert = server.sql(
            &format!("INSERT INTO {table} (id, day, at, until) VALUES (?, ?, ?, ?)"),
            vec![
                Value::I64(row.id),
                Value::Date(row.day),
                Value::Timestamp(row.at),
                row.until.map_or(Value::Null(Ty::Date), Value::Date),
            ],
        );
        repo.execute_sql(&insert).await.expect("insert an event");
    }
    // The `Event` schema over this test's own table.
    let mut events = Query::<Event>::from_schema();
    events.data_mut().from.source = recto::Source::Schema(recto::SchemaMeta {
        table: table.clone().into(),
        ..Event::META
    });
    let ids_of = async |q: Query<Event, i64>| {
        ids(repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}")))
    };

    let leap = day(2024, 2, 29);
    let q = from!(e in events.clone(), where: e.day >= ^leap, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, [2, 3], "{name}");
    let q = from!(e in events.clone(), where: e.day == ^leap, select: e.id);
    assert_eq!(ids_of(q).await, [2], "{name}");
    // To the microsecond: one microsecond before midnight is before it.
    let midnight = moment(leap, 0, 0, 0, 0);
    let q = from!(e in events.clone(), where: e.at < ^midnight, select: e.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    let exact = rows[2].at;
    let q = from!(e in events.clone(), where: e.at == ^exact, select: e.id);
    assert_eq!(ids_of(q).await, [3], "{name}");
    // A NULL date of its own type matches nothing; `is_nil` finds the NULL column.
    let none: Option<NaiveDate> = None;
    let q = from!(e in events.clone(), where: e.until == ^none, select: e.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");
    let q = from!(e in events.clone(), where: is_nil(e.until), select: e.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    // `in ^list`: one `date[]` parameter on PostgreSQL, one placeholder each on MySQL.
    let days = vec![day(2025, 1, 1), day(2024, 2, 28), day(2030, 1, 1)];
    let q = from!(e in events.clone(), where: e.day in ^days, order_by: e.id, select: e.id);
    assert_eq!(ids_of(q).await, [1, 3], "{name}");

    // Every row decodes back into the struct, dates and timestamps exact.
    let q = from!(e in events.clone(), order_by: e.id);
    let decoded: Vec<Event> = repo.all(&q).await.expect("decode the events");
    assert_eq!(decoded, rows, "{name}");
}

#[tokio::test]
async fn postgres_dates_compare_and_round_trip() {
    dates_compare_and_round_trip(Server::Postgres).await;
}

#[tokio::test]
async fn mysql_dates_compare_and_round_trip() {
    dates_compare_and_round_trip(Server::MySql).await;
}

/// A row of [`times_compare_and_round_trip`]'s table: a `TIME` (`TIME(6)` on MySQL, text on
/// SQLite) and a nullable one.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "shifts")]
struct Shift {
    #[recto(primary_key)]
    id: i64,
    starts: NaiveTime,
    ends: Option<NaiveTime>,
}

fn clock(h: u32, min: u32, s: u32, micro: u32) -> NaiveTime {
    NaiveTime::from_hms_micro_opt(h, min, s, micro).expect("a valid time")
}

/// Midnight, a time with a fraction of a second, and the last microsecond of the day; one
/// shift with no end.
fn shifts_fixture() -> Vec<Shift> {
    vec![
        Shift {
            id: 1,
            starts: clock(0, 0, 0, 0),
            ends: None,
        },
        Shift {
            id: 2,
            starts: clock(12, 30, 0, 250_000),
            ends: Some(clock(23, 59, 59, 999_999)),
        },
        Shift {
            id: 3,
            starts: clock(23, 59, 59, 999_999),
            ends: Some(clock(0, 0, 1, 0)),
        },
    ]
}

/// Times of day bound as `^` parameters compare with `TIME` columns as times do (to the
/// microsecond, and ordered across fractions of different lengths on SQLite's text), a
/// NULL time binds, `in ^list` matches, and the columns decode back into `NaiveTime` — on
/// every engine, in a table `recto::ddl` creates.
/// Runs `body` on every engine, each time in a table `recto::ddl` creates from `meta` under
/// a unique name, and drops the table after, even when `body` panics (the panic is resumed
/// then). `body` gets the Repo, the table's schema and its quoted name.
async fn on_every_engine<Fut>(
    prefix: &str,
    meta: recto::SchemaMeta,
    body: impl Fn(Repo, recto::SchemaMeta, String) -> Fut,
) where
    Fut: Future<Output = ()> + Send + 'static,
{
    for repo in every_engine().await {
        let name = repo.name();
        let meta = recto::SchemaMeta {
            table: unique(prefix).into(),
            ..meta.clone()
        };
        let (create, drop) = match repo.engine() {
            Engine::Postgres => (
                recto::ddl::create_table(&meta, &recto::Postgres),
                recto::ddl::drop_table(&meta, &recto::Postgres),
            ),
            Engine::MySql => (
                recto::ddl::create_table(&meta, &recto::MySql),
                recto::ddl::drop_table(&meta, &recto::MySql),
            ),
            _ => (
                recto::ddl::create_table(&meta, &recto::Sqlite),
                recto::ddl::drop_table(&meta, &recto::Sqlite),
            ),
        };
        let (create, drop) = (create.expect("CREATE TABLE"), drop.expect("DROP TABLE"));
        repo.execute(sqlx::AssertSqlSafe(create))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let quoted = match repo.engine() {
            Engine::MySql => format!("`{}`", meta.table),
            _ => format!("\"{}\"", meta.table),
        };
        let outcome = tokio::spawn(body(repo.clone(), meta, quoted))
            .await
            .map_err(|e| e.into_panic());
        repo.execute(sqlx::AssertSqlSafe(drop))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        repo.close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

#[tokio::test]
async fn times_compare_and_round_trip() {
    on_every_engine("recto_times", Shift::META, times_body).await;
}

async fn times_body(repo: Repo, meta: recto::SchemaMeta, quoted: String) {
    let name = repo.name();
    let rows = shifts_fixture();
    let mut shifts = Query::<Shift>::from_schema();
    shifts.data_mut().from.source = recto::Source::Schema(meta);
    for row in &rows {
        let insert = RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, starts, ends) VALUES ($1, $2, $3)"
        )))
        .bind(row.id)
        .bind(row.starts)
        .bind(row.ends);
        repo.execute_sql(&insert)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let ids_of = async |q: Query<Shift, i64>| {
        ids(repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}")))
    };

    let noon = clock(12, 0, 0, 0);
    let q = from!(s in shifts.clone(), where: s.starts >= ^noon, order_by: s.id, select: s.id);
    assert_eq!(ids_of(q).await, [2, 3], "{name}");
    let exact = clock(12, 30, 0, 250_000);
    let q = from!(s in shifts.clone(), where: s.starts == ^exact, select: s.id);
    assert_eq!(ids_of(q).await, [2], "{name}");
    // To the microsecond: only midnight is before the first microsecond of the day.
    let tick = clock(0, 0, 0, 1);
    let q = from!(s in shifts.clone(), where: s.starts < ^tick, select: s.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    // Latest first: 23:59:59.999999, 12:30:00.250, 00:00:00.
    let q = from!(s in shifts.clone(), order_by: [desc: s.starts], select: s.id);
    assert_eq!(ids_of(q).await, [3, 2, 1], "{name}");
    // A NULL time of its own type matches nothing; `is_nil` finds the NULL column.
    let none: Option<NaiveTime> = None;
    let q = from!(s in shifts.clone(), where: s.ends == ^none, select: s.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");
    let q = from!(s in shifts.clone(), where: is_nil(s.ends), select: s.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    // A shift that ends before it starts (across midnight): only the third.
    let q = from!(s in shifts.clone(), where: s.ends < s.starts, select: s.id);
    assert_eq!(ids_of(q).await, [3], "{name}");
    let times = vec![
        clock(23, 59, 59, 999_999),
        clock(0, 0, 0, 0),
        clock(6, 0, 0, 0),
    ];
    let q = from!(s in shifts.clone(), where: s.starts in ^times, order_by: s.id, select: s.id);
    assert_eq!(ids_of(q).await, [1, 3], "{name}");

    // Every row decodes back into the struct, times exact to the microsecond.
    let q = from!(s in shifts.clone(), order_by: s.id);
    let decoded: Vec<Shift> = repo.all(&q).await.expect("decode the shifts");
    assert_eq!(decoded, rows, "{name}");
}

/// A row of [`instants_compare_and_round_trip`]'s table: an instant in UTC (`TIMESTAMPTZ`
/// on PostgreSQL, a UTC `DATETIME(6)` on MySQL, text on SQLite) and a nullable one.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "deliveries")]
struct Delivery {
    #[recto(primary_key)]
    id: i64,
    at: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
}

fn instant(date: NaiveDate, h: u32, min: u32, s: u32, micro: u32) -> DateTime<Utc> {
    moment(date, h, min, s, micro).and_utc()
}

/// The last microsecond of a leap day, the midnight after it, and an instant in another
/// century whose `until` equals it.
fn deliveries_fixture() -> Vec<Delivery> {
    vec![
        Delivery {
            id: 1,
            at: instant(day(2024, 2, 29), 23, 59, 59, 999_999),
            until: None,
        },
        Delivery {
            id: 2,
            at: instant(day(2024, 3, 1), 0, 0, 0, 0),
            until: Some(instant(day(2025, 1, 1), 0, 0, 0, 500_000)),
        },
        Delivery {
            id: 3,
            at: instant(day(1999, 12, 31), 12, 0, 0, 250_000),
            until: Some(instant(day(1999, 12, 31), 12, 0, 0, 250_000)),
        },
    ]
}

/// Instants in UTC bound as `^` parameters compare with their columns as instants do (to
/// the microsecond, across a leap day, and ordered across centuries and fractions of
/// different lengths on SQLite's text), a NULL binds, a column compares with a column,
/// `in ^list` matches, and the columns decode back into `DateTime<Utc>` — on every engine,
/// in a table `recto::ddl` creates.
#[tokio::test]
async fn instants_compare_and_round_trip() {
    on_every_engine("recto_instants", Delivery::META, instants_body).await;
}

async fn instants_body(repo: Repo, meta: recto::SchemaMeta, quoted: String) {
    let name = repo.name();
    let rows = deliveries_fixture();
    let mut deliveries = Query::<Delivery>::from_schema();
    deliveries.data_mut().from.source = recto::Source::Schema(meta);
    for row in &rows {
        let insert = RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, at, until) VALUES ($1, $2, $3)"
        )))
        .bind(row.id)
        .bind(row.at)
        .bind(row.until);
        repo.execute_sql(&insert)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let ids_of = async |q: Query<Delivery, i64>| {
        ids(repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}")))
    };

    let march = instant(day(2024, 3, 1), 0, 0, 0, 0);
    let q = from!(d in deliveries.clone(), where: d.at >= ^march, select: d.id);
    assert_eq!(ids_of(q).await, [2], "{name}");
    // One microsecond before midnight is before it.
    let q = from!(d in deliveries.clone(), where: d.at < ^march, order_by: d.id, select: d.id);
    assert_eq!(ids_of(q).await, [1, 3], "{name}");
    let exact = rows[2].at;
    let q = from!(d in deliveries.clone(), where: d.at == ^exact, select: d.id);
    assert_eq!(ids_of(q).await, [3], "{name}");
    // Latest first: March 2024, the leap day, 1999.
    let q = from!(d in deliveries.clone(), order_by: [desc: d.at], select: d.id);
    assert_eq!(ids_of(q).await, [2, 1, 3], "{name}");
    let none: Option<DateTime<Utc>> = None;
    let q = from!(d in deliveries.clone(), where: d.until == ^none, select: d.id);
    assert_eq!(ids_of(q).await, Vec::<i64>::new(), "{name}");
    let q = from!(d in deliveries.clone(), where: is_nil(d.until), select: d.id);
    assert_eq!(ids_of(q).await, [1], "{name}");
    let q = from!(d in deliveries.clone(), where: d.until == d.at, select: d.id);
    assert_eq!(ids_of(q).await, [3], "{name}");
    let list = vec![rows[0].at, rows[1].at, instant(day(2030, 1, 1), 0, 0, 0, 0)];
    let q = from!(d in deliveries.clone(), where: d.at in ^list, order_by: d.id, select: d.id);
    assert_eq!(ids_of(q).await, [1, 2], "{name}");

    // Every row decodes back into the struct, instants exact to the microsecond.
    let q = from!(d in deliveries.clone(), order_by: d.id);
    let decoded: Vec<Delivery> = repo.all(&q).await.expect("decode the deliveries");
    assert_eq!(decoded, rows, "{name}");
}

/// A row of [`uuids_compare_and_round_trip`]'s table: a UUID key (`UUID` on PostgreSQL, 16
/// bytes on MySQL and SQLite) and a nullable one.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "tokens")]
struct Token {
    #[recto(primary_key)]
    id: recto::uuid::Uuid,
    parent: Option<recto::uuid::Uuid>,
}

fn uuid(bytes: u128) -> recto::uuid::Uuid {
    recto::uuid::Uuid::from_u128(bytes)
}

/// UUIDs bound as `^` parameters compare with UUID columns as their bytes do (the nil UUID,
/// the largest, and two differing only in their last byte), NULL binds, `in ^list`
/// matches, and the columns decode back into `Uuid` — on every engine, in a table
/// `recto::ddl` creates.
#[tokio::test]
async fn uuids_compare_and_round_trip() {
    on_every_engine("recto_uuids", Token::META, uuids_body).await;
}

async fn uuids_body(repo: Repo, meta: recto::SchemaMeta, quoted: String) {
    let name = repo.name();
    let mut tokens = Query::<Token>::from_schema();
    tokens.data_mut().from.source = recto::Source::Schema(meta);
    let rows = vec![
        Token {
            id: uuid(0),
            parent: None,
        },
        Token {
            id: uuid(u128::MAX),
            parent: Some(uuid(0)),
        },
        Token {
            id: uuid(0x1234 << 8),
            parent: Some(uuid((0x1234 << 8) | 1)),
        },
    ];
    for row in &rows {
        let insert = RawSql::new(sqlx::AssertSqlSafe(format!(
            "INSERT INTO {quoted} (id, parent) VALUES ($1, $2)"
        )))
        .bind(row.id)
        .bind(row.parent);
        repo.execute_sql(&insert)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    let ids_of = async |q: Query<Token, recto::uuid::Uuid>| {
        repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    let max = uuid(u128::MAX);
    let q = from!(t in tokens.clone(), where: t.id == ^max, select: t.id);
    assert_eq!(ids_of(q).await, [max], "{name}");
    // Ordered as bytes: nil, then 0x..1234_00, then all ones.
    let q = from!(t in tokens.clone(), order_by: t.id, select: t.id);
    assert_eq!(ids_of(q).await, [uuid(0), uuid(0x1234 << 8), max], "{name}");
    let q = from!(t in tokens.clone(), where: t.id > ^uuid(0), order_by: t.id, select: t.id);
    assert_eq!(ids_of(q).await, [uuid(0x1234 << 8), max], "{name}");
    // One bit apart is another UUID.
    let near = uuid((0x1234 << 8) | 1);
    let q = from!(t in tokens.clone(), where: t.id == ^near, select: t.id);
    assert_eq!(ids_of(q).await, Vec::<recto::uuid::Uuid>::new(), "{name}");
    let q = from!(t in tokens.clone(), where: t.parent == ^near, select: t.id);
    assert_eq!(ids_of(q).await, [uuid(0x1234 << 8)], "{name}");
    let none: Option<recto::uuid::Uuid> = None;
    let q = from!(t in tokens.clone(), where: t.parent == ^none, select: t.id);
    assert_eq!(ids_of(q).await, Vec::<recto::uuid::Uuid>::new(), "{name}");
    let q = from!(t in tokens.clone(), where: is_nil(t.parent), select: t.id);
    assert_eq!(ids_of(q).await, [uuid(0)], "{name}");
    let list = vec![max, near, uuid(7)];
    let q = from!(t in tokens.clone(), where: t.id in ^list, select: t.id);
    assert_eq!(ids_of(q).await, [max], "{name}");
    let q = from!(t in tokens.clone(), order_by: t.id);
    let decoded: Vec<Token> = repo.all(&q).await.expect("decode the tokens");
    let sorted = vec![rows[0].clone(), rows[2].clone(), rows[1].clone()];
    assert_eq!(decoded, sorted, "{name}");
}

/// The Repos the portable raw-SQL test runs on: every reachable server, and SQLite in
/// memory.
async fn every_engine() -> Vec<Repo> {
    let mut repos = vec![Repo::sqlite_memory().await.expect("SQLite in memory opens")];
    for server in [Server::Postgres, Server::MySql] {
        repos.extend(server.connect().await);
    }
    repos
}

/// One raw statement with `$n` placeholders runs unchanged on PostgreSQL, MariaDB and
/// SQLite: `$2` before `$1` binds in the written order, a repeated `$1` binds its value
/// again, `$10` is the tenth parameter, and a `$1` or `?` inside a string literal or a
/// comment is left alone.
#[tokio::test]
async fn raw_sql_placeholders_are_portable() {
    for repo in every_engine().await {
        let name = repo.name();
        let sql =
            RawSql::new("SELECT $2 - $1, $1 + $1, '$1 ?', $3 /* $2 ? */ WHERE $1 > $2 -- $4 ?\n")
                .bind(10_i64)
                .bind(3_i64)
                .bind("it's");
        let row: (i64, i64, String, String) = repo
            .one_sql(&sql)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // 3 - 10, 10 + 10, the literal as written, and the third parameter.
        assert_eq!(
            row,
            (-7, 20, "$1 ?".to_owned(), "it's".to_owned()),
            "{name}"
        );

        // Ten parameters: `$10` is read whole, and `$1` after it still means the first.
        let ten = (1..=10_i64).fold(
            RawSql::new("SELECT $10 - $1 + ($2 + $3 + $4 + $5 + $6 + $7 + $8 + $9) * 0"),
            RawSql::bind,
        );
        let (n,): (i64,) = repo
            .one_sql(&ten)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(n, 9, "{name}");

        // The condition is false when the first parameter is the smaller: no row.
        let none = RawSql::new("SELECT $1 WHERE $1 > $2")
            .bind(1_i64)
            .bind(2_i64);
        assert_eq!(
            repo.optional_sql::<(i64,)>(&none).await.unwrap(),
            None,
            "{name}"
        );
        repo.close().await;
    }
}

/// A placeholder that names no parameter, a parameter no placeholder uses, and a `?` that
/// MySQL or SQLite would read as a placeholder are the same typed error everywhere, before
/// anything is sent.
#[tokio::test]
async fn malformed_raw_placeholders_are_typed_errors() {
    for repo in every_engine().await {
        let name = repo.name();
        for sql in [
            RawSql::new("SELECT $2").bind(1_i64),
            RawSql::new("SELECT $1").bind(1_i64).bind(2_i64),
            RawSql::new("SELECT $0").bind(1_i64),
        ] {
            let err = repo.all_sql::<(i64,)>(&sql).await.unwrap_err();
            assert!(
                matches!(err, Error::InvalidRawSql { .. }),
                "{name} {}: {err}",
                sql.text()
            );
        }
        let question = RawSql::new("SELECT ?, $1").bind(1_i64);
        let result = repo.all_sql::<(i64, i64)>(&question).await;
        if repo.engine() == Engine::Postgres {
            // `?` is an operator there, and this one has no operands: the engine refuses it.
            assert!(matches!(result, Err(Error::Database(_))), "{name}");
        } else {
            assert!(
                matches!(result, Err(Error::InvalidRawSql { offset: 7, .. })),
                "{name}"
            );
        }
        repo.close().await;
    }
}

/// A time in a leap second (chrono's 23:59:60) is a typed error on every engine: PostgreSQL
/// would reject it, MySQL would read it back as midnight, SQLite would keep it. A finer
/// fraction than a microsecond is kept by SQLite's text and dropped by the servers' `TIME`,
/// as for timestamps.
#[tokio::test]
async fn time_parameters_are_exact_or_refused() {
    for repo in every_engine().await {
        let name = repo.name();
        let leap = NaiveTime::from_hms_milli_opt(23, 59, 59, 1_500).expect("a leap second");
        let refused = repo
            .one_sql::<(NaiveTime,)>(&RawSql::new("SELECT $1").bind(leap))
            .await;
        assert!(
            matches!(refused, Err(Error::Unsupported { .. })),
            "{name}: {refused:?}"
        );
        let fine = NaiveTime::from_hms_nano_opt(1, 2, 3, 123_456_789).expect("a time");
        let (back,): (NaiveTime,) = repo
            .one_sql(&RawSql::new("SELECT $1").bind(fine))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = match repo.engine() {
            Engine::Sqlite => fine,
            _ => NaiveTime::from_hms_micro_opt(1, 2, 3, 123_456).expect("a time"),
        };
        assert_eq!(back, expected, "{name}");
        repo.close().await;
    }
}
