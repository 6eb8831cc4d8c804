//! `recto::ddl` on live engines: a table created from a `#[derive(Schema)]` with a column
//! of every type is accepted by SQLite (in memory), PostgreSQL (`RECTO_POSTGRES_URL`) and
//! MariaDB/MySQL (`RECTO_MYSQL_URL`); rows inserted through the Repo with bound parameters
//! read back exactly with a `from!` query; its primary key holds; and it drops.
//!
//! Servers are reached as `tests/servers` says (skipped with one line without a URL, a
//! failure under `CI=true`). Each run uses its own table name.

mod common;
mod fixture;
mod servers;

use fixture::{dialect_of as dialect, insert};
use servers::{every_engine, unique};

use recto::chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use recto::ddl::{create_table, drop_table};
use recto::prelude::*;
use recto::serde_json::json;
use recto::{SchemaMeta, ToValue, Value};

/// A column of every type: the key is text and an integer (text is VARCHAR on MySQL there).
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "every_type")]
struct EveryType {
    #[recto(primary_key)]
    code: String,
    #[recto(primary_key)]
    n: i64,
    flag: bool,
    small: i16,
    int: i32,
    single: f32,
    double: f64,
    label: String,
    data: Vec<u8>,
    day: NaiveDate,
    at: NaiveDateTime,
    clock: NaiveTime,
    instant: DateTime<Utc>,
    token: recto::uuid::Uuid,
    doc: recto::serde_json::Value,
    #[recto(column = "maybe label")]
    maybe_label: Option<String>,
    maybe_int: Option<i32>,
    maybe_day: Option<NaiveDate>,
    maybe_at: Option<NaiveDateTime>,
    maybe_clock: Option<NaiveTime>,
    maybe_instant: Option<DateTime<Utc>>,
    maybe_token: Option<recto::uuid::Uuid>,
    #[recto(column = "maybe doc")]
    maybe_doc: Option<recto::serde_json::Value>,
}

impl EveryType {
    /// The row's values in field order, each with its own Rust type.
    fn values(&self) -> Vec<Value> {
        vec![
            self.code.clone().to_value(),
            self.n.to_value(),
            self.flag.to_value(),
            self.small.to_value(),
            self.int.to_value(),
            self.single.to_value(),
            self.double.to_value(),
            self.label.clone().to_value(),
            self.data.clone().to_value(),
            self.day.to_value(),
            self.at.to_value(),
            self.clock.to_value(),
            self.instant.to_value(),
            self.token.to_value(),
            self.doc.clone().to_value(),
            self.maybe_label.clone().to_value(),
            self.maybe_int.to_value(),
            self.maybe_day.to_value(),
            self.maybe_at.to_value(),
            self.maybe_clock.to_value(),
            self.maybe_instant.to_value(),
            self.maybe_token.to_value(),
            self.maybe_doc.clone().to_value(),
        ]
    }
}

fn rows() -> Vec<EveryType> {
    let day = NaiveDate::from_ymd_opt(2024, 2, 29).expect("a leap day");
    vec![
        EveryType {
            code: "O'Brien \"x\" `y` ünï 🚀".into(),
            n: i64::MIN,
            flag: true,
            small: i16::MIN,
            int: i32::MAX,
            single: 1.5,
            double: -1e300,
            label: String::new(),
            data: vec![0, b'\'', 0xff],
            day,
            at: day.and_hms_micro_opt(23, 59, 59, 999_999).expect("a time"),
            clock: NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).expect("a time"),
            instant: day
                .and_hms_micro_opt(23, 59, 59, 999_999)
                .expect("a time")
                .and_utc(),
            maybe_label: Some("set".into()),
            maybe_int: Some(-7),
            maybe_day: Some(NaiveDate::from_ymd_opt(1999, 12, 31).expect("a date")),
            maybe_at: Some(day.and_hms_opt(0, 0, 0).expect("midnight")),
            maybe_clock: Some(NaiveTime::MIN),
            maybe_instant: Some(DateTime::UNIX_EPOCH),
            token: recto::uuid::Uuid::from_u128(u128::MAX),
            maybe_token: Some(recto::uuid::Uuid::nil()),
            doc: json!({"z": [1, 1.5, null], "a": {"O'Brien": "\"ünï\" 🚀"}}),
            maybe_doc: Some(json!(null)),
        },
        EveryType {
            code: "b".into(),
            n: 2,
            flag: false,
            small: 0,
            int: 0,
            single: 0.0,
            double: 0.1,
            label: "plain".into(),
            data: Vec::new(),
            day: NaiveDate::from_ymd_opt(2025, 1, 1).expect("a date"),
            at: day.and_hms_milli_opt(13, 5, 0, 250).expect("a time"),
            clock: NaiveTime::from_hms_milli_opt(13, 5, 0, 250).expect("a time"),
            instant: DateTime::from_timestamp(-1, 250_000).expect("an instant"),
            maybe_label: None,
            maybe_int: None,
            maybe_day: None,
            maybe_at: None,
            maybe_clock: None,
            maybe_instant: None,
            token: recto::uuid::Uuid::from_u128(0x0123_4567_89ab_cdef_0123_4567_89ab_cdef),
            maybe_token: None,
            doc: json!(""),
            maybe_doc: None,
        },
    ]
}

/// `EveryType`'s schema under a table name no other test or concurrent run uses.
fn unique_meta() -> SchemaMeta {
    SchemaMeta {
        table: unique("recto_ddl").into(),
        ..EveryType::META
    }
}

#[tokio::test]
async fn tables_from_schemas_round_trip_on_every_engine() {
    for repo in every_engine().await {
        let name = repo.name();
        let meta = unique_meta();
        let create = create_table(&meta, dialect(&repo)).expect("render CREATE TABLE");
        repo.execute(sqlx::AssertSqlSafe(create.clone()))
            .await
            .unwrap_or_else(|e| panic!("{name} rejects {create}: {e}"));

        // The body runs in a task, so that a failing assertion still drops the table.
        let outcome = tokio::spawn(round_trip(repo.clone(), meta.clone()))
            .await
            .map_err(|e| e.into_panic());
        let drop = drop_table(&meta, dialect(&repo)).expect("render DROP TABLE");
        repo.execute(sqlx::AssertSqlSafe(drop.clone()))
            .await
            .unwrap_or_else(|e| panic!("{name} rejects {drop}: {e}"));
        // Dropping a table that is not there is no error.
        repo.execute(sqlx::AssertSqlSafe(drop)).await.unwrap();
        repo.close().await;
        if let Err(panic) = outcome {
            std::panic::resume_unwind(panic);
        }
    }
}

async fn round_trip(repo: Repo, meta: SchemaMeta) {
    let name = repo.name();
    for row in rows() {
        let sql = insert(dialect(&repo), &meta, vec![row.values()]);
        repo.execute_sql(&sql)
            .await
            .unwrap_or_else(|e| panic!("{name}: insert {row:?}: {e}"));
    }

    // Read back through the typed schema, pointed at this test's table.
    let mut table = Query::<EveryType>::from_schema();
    table.data_mut().from.source = recto::Source::Schema(meta.clone());
    let all = from!(t in table.clone(), order_by: t.n);
    let read: Vec<EveryType> = repo.all(&all).await.expect("read the rows back");
    assert_eq!(read, rows(), "{name}");
    let day = NaiveDate::from_ymd_opt(2024, 3, 1).expect("a date");
    let later =
        from!(t in table.clone(), where: t.day > ^day && is_nil(t.maybe_label), select: t.n);
    assert_eq!(repo.all(&later).await.unwrap(), [2], "{name}");
    let null = from!(t in table.clone(), where: t.maybe_doc == ^json!(null), select: t.n);
    assert_eq!(repo.all(&null).await.unwrap(), [i64::MIN], "{name}");

    // The primary key holds: the same (code, n) again is refused.
    let again = insert(dialect(&repo), &meta, vec![rows()[1].values()]);
    assert!(
        repo.execute_sql(&again).await.is_err(),
        "{name} accepted a duplicate primary key"
    );
}

/// Text of a maximum length: `VARCHAR(n)` on the servers, text with a `CHECK` on SQLite.
#[derive(Schema, Clone, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "codes")]
struct Code {
    #[recto(primary_key, varchar(4))]
    code: String,
    #[recto(varchar(3))]
    label: Option<String>,
}

/// A text as long as its column allows is stored and read back, counted in characters
/// (four of two bytes each fit `varchar(4)`); one character more is refused on every
/// engine, in a key column and in a nullable one; NULL is no text and fits.
#[tokio::test]
async fn varchar_columns_refuse_longer_text_on_every_engine() {
    for repo in every_engine().await {
        let name = repo.name();
        let meta = SchemaMeta {
            table: unique("recto_varchar").into(),
            ..Code::META
        };
        let create = create_table(&meta, dialect(&repo)).expect("render CREATE TABLE");
        repo.execute(sqlx::AssertSqlSafe(create.clone()))
            .await
            .unwrap_or_else(|e| panic!("{name} rejects {create}: {e}"));
        let row = |code: &str, label: Option<&str>| {
            insert(
                dialect(&repo),
                &meta,
                vec![vec![code.to_value(), label.map(str::to_owned).to_value()]],
            )
        };
        let fits = [("ÄÖÜß", Some("abc")), ("a", None), ("ab", Some(""))];
        for (code, label) in fits {
            repo.execute_sql(&row(code, label))
                .await
                .unwrap_or_else(|e| panic!("{name}: {code:?}, {label:?} fit: {e}"));
        }
        for (code, label) in [("abcde", Some("x")), ("b", Some("abcd")), ("ÄÖÜßé", None)] {
            assert!(
                repo.execute_sql(&row(code, label)).await.is_err(),
                "{name} accepted {code:?}, {label:?}"
            );
        }
        let mut table = Query::<Code>::from_schema();
        table.data_mut().from.source = recto::Source::Schema(meta.clone());
        // Sorted here, not by the engine, whose collation orders `Ä` its own way.
        let all = from!(c in table);
        let mut read: Vec<Code> = repo.all(&all).await.expect("read the codes back");
        read.sort_by(|a, b| a.code.cmp(&b.code));
        let expected = vec![
            Code {
                code: "a".into(),
                label: None,
            },
            Code {
                code: "ab".into(),
                label: Some(String::new()),
            },
            Code {
                code: "ÄÖÜß".into(),
                label: Some("abc".into()),
            },
        ];
        assert_eq!(read, expected, "{name}");
        let drop = drop_table(&meta, dialect(&repo)).expect("render DROP TABLE");
        repo.execute(sqlx::AssertSqlSafe(drop)).await.unwrap();
        repo.close().await;
    }
}
