//! Adversarial values round-trip exactly: each bound as a parameter and selected back, and
//! stored in a table of its type, read back and found again by equality. Times of day are
//! among them, to the microsecond, and JSON documents, found by their own equality.

use proptest::prelude::*;
use proptest::sample::select;
use recto::chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use recto::{BinOp, Engine, Error, Expr, Query, Repo, Schema, Select, Selected, Value};

use crate::common::User;
use crate::fixture::TestDb;
use crate::{
    adversarial_text, date, dialect, execute, field, insert, int32, int64, json_document, property,
    shown,
};

/// One value of every kind, stored in a table of its own.
#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "samples")]
struct Sample {
    #[recto(primary_key)]
    id: i64,
    text: String,
    big: i64,
    int: i32,
    float: f64,
    flag: bool,
    day: NaiveDate,
    at: NaiveDateTime,
    clock: NaiveTime,
    instant: DateTime<Utc>,
    token: recto::uuid::Uuid,
    doc: recto::serde_json::Value,
}

impl Sample {
    fn values(&self) -> Vec<Value> {
        vec![
            Value::I64(self.id),
            Value::Text(self.text.clone()),
            Value::I64(self.big),
            Value::I32(self.int),
            Value::F64(self.float),
            Value::Bool(self.flag),
            Value::Date(self.day),
            Value::Timestamp(self.at),
            Value::Time(self.clock),
            Value::TimestampUtc(self.instant),
            Value::Uuid(self.token),
            Value::Json(self.doc.clone()),
        ]
    }

    /// Equal, floats to the bit: `-0.0` is not `0.0` here.
    fn same(&self, other: &Sample) -> bool {
        self.id == other.id
            && self.text == other.text
            && self.big == other.big
            && self.int == other.int
            && self.float.to_bits() == other.float.to_bits()
            && self.flag == other.flag
            && self.day == other.day
            && self.at == other.at
            && self.clock == other.clock
            && self.instant == other.instant
            && self.token == other.token
            && self.doc == other.doc
    }
}

/// A [`Sample`] without its id, selected as parameters.
type SampleRow = (
    String,
    i64,
    i32,
    f64,
    bool,
    NaiveDate,
    NaiveDateTime,
    NaiveTime,
    DateTime<Utc>,
    recto::uuid::Uuid,
    recto::serde_json::Value,
);

/// Finite doubles of every class: normal, subnormal, both zeros, the extremes.
fn float() -> impl Strategy<Value = f64> {
    use proptest::num::f64 as class;
    prop_oneof![
        3 => class::NORMAL | class::POSITIVE | class::NEGATIVE,
        1 => class::SUBNORMAL | class::POSITIVE | class::NEGATIVE,
        2 => select(vec![
            0.0,
            -0.0,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::from_bits(1),
            -f64::from_bits(1),
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            0.1,
            1e300,
            9_007_199_254_740_993.0,
        ]),
    ]
}

/// A timestamp in years 1000 to 9999, to the microsecond (what PostgreSQL's `TIMESTAMP`
/// and MySQL's `DATETIME(6)` keep).
fn timestamp() -> impl Strategy<Value = NaiveDateTime> {
    let last = NaiveDate::from_ymd_opt(9999, 12, 31)
        .and_then(|d| d.and_hms_micro_opt(23, 59, 59, 999_999))
        .expect("a timestamp");
    prop_oneof![
        4 => (date(), 0u32..86_400, 0u32..1_000_000).prop_map(|(d, s, micro)| {
            d.and_hms_micro_opt(s / 3600, s / 60 % 60, s % 60, micro)
                .expect("a time of day")
        }),
        1 => (date(), select(vec![0u32, 1, 500_000, 999_999])).prop_map(|(d, micro)| {
            d.and_hms_micro_opt(0, 0, 0, micro).expect("midnight")
        }),
        1 => Just(last),
    ]
}

/// A time of day to the microsecond (what PostgreSQL's `TIME` and MySQL's `TIME(6)` keep),
/// midnight and the day's last microsecond among them.
fn clock() -> impl Strategy<Value = NaiveTime> {
    let time = |s: u32, micro: u32| {
        NaiveTime::from_hms_micro_opt(s / 3600, s / 60 % 60, s % 60, micro).expect("a time")
    };
    prop_oneof![
        4 => (0u32..86_400, 0u32..1_000_000).prop_map(move |(s, micro)| time(s, micro)),
        1 => select(vec![(0, 0), (0, 1), (86_399, 999_999), (43_200, 500_000), (59, 100)])
            .prop_map(move |(s, micro)| time(s, micro)),
    ]
}

fn sample() -> impl Strategy<Value = Sample> {
    (
        adversarial_text(24),
        int64(),
        int32(),
        float(),
        any::<bool>(),
        date(),
        timestamp(),
        clock(),
        timestamp(),
        any::<u128>(),
        json_document(3),
    )
        .prop_map(
            |(text, big, int, float, flag, day, at, clock, instant, token, doc)| Sample {
                id: 1,
                text,
                big,
                int,
                float,
                flag,
                day,
                at,
                clock,
                instant: instant.and_utc(),
                token: recto::uuid::Uuid::from_u128(token),
                doc,
            },
        )
}

/// Creates the `samples` table from [`Sample`]'s schema.
async fn create_samples(db: &TestDb) -> Result<(), String> {
    let ddl =
        recto::ddl::create_table(&Sample::META, dialect(&db.repo)).map_err(|e| e.to_string())?;
    execute(&db.repo, ddl).await
}

/// What an engine gives back for `sample`, selected as parameters or read back from a
/// table (`stored`): the sample itself, except for the negative zero of docs/dialects.md
/// ("Where engines disagree", "Negative zero"). MariaDB turns `-0.0` into `0.0` as a parameter
/// already; SQLite keeps it as a parameter but stores a whole `REAL` as an integer, so a
/// `REAL` column reads back `0.0`. Subnormals survive everywhere.
fn kept(repo: &Repo, sample: &Sample, stored: bool) -> Sample {
    let mut kept = sample.clone();
    let loses_sign = match repo.engine() {
        Engine::MySql => true,
        Engine::Sqlite => stored,
        _ => false,
    };
    if loses_sign && kept.float == 0.0 {
        kept.float = 0.0;
    }
    kept
}

/// Every value, bound as a parameter, comes back exactly: selected as it is
/// (`select: (^text, ^big, ...)`), and stored in a table (from `recto::ddl`), read back and
/// found again by comparing each column with it.
#[test]
fn round_trip_exactly() {
    property(
        "values::round_trip_exactly",
        128,
        sample(),
        create_samples,
        async |dbs: &[TestDb], sample: Sample| {
            for db in dbs {
                let name = db.name;
                let repo = &db.repo;

                // As parameters, through `SELECT $1, $2, ...`.
                let params = sample.values()[1..]
                    .iter()
                    .map(|v| Selected::Expr(Expr::Param(v.clone())))
                    .collect();
                let query = Query::<User>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("id"),
                        Expr::Lit(Value::I64(1)),
                    ))
                    .select(Select::Tuple(params));
                let row: SampleRow = repo
                    .one(&query)
                    .await
                    .map_err(|e| format!("{name} failed: {e}\n  SQL: {}", shown(repo, &query)))?;
                let (text, big, int, float, flag, day, at, clock, instant, token, doc) = row;
                let back = Sample {
                    id: 1,
                    text,
                    big,
                    int,
                    float,
                    flag,
                    day,
                    at,
                    clock,
                    instant,
                    token,
                    doc,
                };
                let expected = kept(repo, &sample, false);
                if !back.same(&expected) {
                    return Err(format!(
                        "{name} selected the parameters as {back:?}, not {expected:?}\n  SQL: {}",
                        shown(repo, &query)
                    ));
                }

                // Stored in a column of their type, read back, and found by equality.
                let table = dialect(repo);
                let mut delete = String::from("DELETE FROM ");
                table.push_identifier(&mut delete, &Sample::META.table);
                execute(repo, delete).await?;
                let insert = insert(table, &Sample::META, sample.values());
                repo.execute_sql(&insert)
                    .await
                    .map_err(|e| format!("{name}: inserting {sample:?} failed: {e}"))?;
                let expected = kept(repo, &sample, true);
                let all = Query::<Sample>::from_schema();
                let rows: Vec<Sample> = repo
                    .all(&all)
                    .await
                    .map_err(|e| format!("{name}: reading {sample:?} back failed: {e}"))?;
                if rows.len() != 1 || !rows[0].same(&expected) {
                    return Err(format!("{name} stored {expected:?} and read back {rows:?}"));
                }
                let mut found = Query::<Sample>::from_schema();
                for (field_meta, value) in Sample::META.fields.iter().zip(sample.values()) {
                    found = found.filter(Expr::binary(
                        BinOp::Eq,
                        field(&field_meta.name),
                        Expr::Param(value),
                    ));
                }
                let found = found.select(Select::One(Selected::Expr(field("id"))));
                let ids: Vec<(i64,)> = repo.all(&found).await.map_err(|e| {
                    format!(
                        "{name}: finding {sample:?} failed: {e}\n  SQL: {}",
                        shown(repo, &found)
                    )
                })?;
                if ids != [(1,)] {
                    return Err(format!(
                        "{name}: comparing every column with its value found {ids:?}, not [1]\n  \
                         value: {sample:?}\n  SQL: {}",
                        shown(repo, &found)
                    ));
                }
            }
            Ok(())
        },
    );
}

/// Text holding NUL (U+0000): PostgreSQL's `text` cannot hold it, so binding it is a clean
/// `Error::Database` there, never a panic; MySQL and SQLite give it back exactly.
#[test]
fn text_with_nul_is_an_error_only_on_postgres() {
    let strategy = (adversarial_text(6), adversarial_text(6))
        .prop_map(|(before, after)| format!("{before}\u{0}{after}"));
    property(
        "values::text_with_nul_is_an_error_only_on_postgres",
        16,
        strategy,
        async |_| Ok(()),
        async |dbs: &[TestDb], text: String| {
            for db in dbs {
                let query = Query::<User>::from_schema()
                    .filter(Expr::binary(
                        BinOp::Eq,
                        field("id"),
                        Expr::Lit(Value::I64(1)),
                    ))
                    .select(Select::One(Selected::Expr(Expr::Param(Value::Text(
                        text.clone(),
                    )))));
                let got = db.repo.one::<(String,)>(&query).await;
                match (db.repo.engine(), got) {
                    (Engine::Postgres, Err(Error::Database(_))) => {}
                    (Engine::Postgres, other) => {
                        return Err(format!(
                            "PostgreSQL answered {other:?} for {text:?}, not a database error"
                        ));
                    }
                    (_, Ok((back,))) if back == text => {}
                    (_, other) => {
                        return Err(format!("{} answered {other:?} for {text:?}", db.name));
                    }
                }
            }
            Ok(())
        },
    );
}
