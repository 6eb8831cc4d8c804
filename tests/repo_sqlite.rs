//! The Repo on an in-memory SQLite database: hand-written SQL with bound parameters
//! through its raw path, and `from!` queries rendered in the Repo's dialect, decoded into
//! tuples and `FromRow` structs, with the errors of `one` and `optional`. Needs no server,
//! so it always runs.

use recto::chrono::{NaiveDate, NaiveDateTime};
use recto::prelude::*;
use recto::{Array, Error, Pool, RawSql, Ty, Value};

/// Three users; expected rows below are read off this fixture.
const FIXTURE: &[&str] = &[
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, age INTEGER NOT NULL, \
     score REAL, avatar BLOB)",
    "INSERT INTO users (id, name, email, age, score, avatar) VALUES \
     (1, 'Ada', 'ada@example.test', 36, 9.5, x'00ff'), \
     (2, 'Alan', NULL, 41, NULL, NULL), \
     (3, 'Grace', 'grace@example.test', 45, 7.25, x'27')",
];

#[derive(Schema, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "users")]
struct User {
    #[recto(primary_key)]
    id: i64,
    name: String,
    email: Option<String>,
    age: i32,
    score: Option<f64>,
    avatar: Option<Vec<u8>>,
}

async fn repo() -> Repo {
    let repo = Repo::connect("sqlite::memory:")
        .await
        .expect("an in-memory SQLite database");
    for statement in FIXTURE {
        repo.execute(statement).await.expect("the fixture");
    }
    repo
}

/// Hand-written SQL, with its parameters written `$1, $2, ...`.
fn sql(text: &'static str, params: Vec<Value>) -> RawSql {
    RawSql::new(text).bind_all(params)
}

#[tokio::test]
async fn decodes_tuples() {
    let repo = repo().await;
    let rows: Vec<(i64, String, Option<String>)> = repo
        .all_sql(&sql(
            "SELECT id, name, email FROM users WHERE age > $1 ORDER BY id",
            vec![Value::I32(40)],
        ))
        .await
        .unwrap();
    assert_eq!(
        rows,
        vec![
            (2, "Alan".to_owned(), None),
            (3, "Grace".to_owned(), Some("grace@example.test".to_owned()))
        ]
    );
}

#[tokio::test]
async fn decodes_from_row_structs() {
    let repo = repo().await;
    let users: Vec<User> = repo
        .all_sql(&sql("SELECT * FROM users ORDER BY id DESC", vec![]))
        .await
        .unwrap();
    let ids: Vec<i64> = users.iter().map(|u| u.id).collect();
    assert_eq!(ids, [3, 2, 1]);
    assert_eq!(
        users[2],
        User {
            id: 1,
            name: "Ada".into(),
            email: Some("ada@example.test".into()),
            age: 36,
            score: Some(9.5),
            avatar: Some(vec![0x00, 0xff]),
        }
    );
    assert_eq!(
        users[1],
        User {
            id: 2,
            name: "Alan".into(),
            email: None,
            age: 41,
            score: None,
            avatar: None
        }
    );
}

#[tokio::test]
async fn one_and_optional() {
    let repo = repo().await;
    let by_id = "SELECT name FROM users WHERE id = $1";

    let (name,): (String,) = repo
        .one_sql(&sql(by_id, vec![Value::I64(3)]))
        .await
        .unwrap();
    assert_eq!(name, "Grace");
    let found: Option<(String,)> = repo
        .optional_sql(&sql(by_id, vec![Value::I64(1)]))
        .await
        .unwrap();
    assert_eq!(found, Some(("Ada".to_owned(),)));

    let missing = sql(by_id, vec![Value::I64(99)]);
    assert!(matches!(
        repo.one_sql::<(String,)>(&missing).await,
        Err(Error::NoRows)
    ));
    assert_eq!(
        repo.optional_sql::<(String,)>(&missing).await.unwrap(),
        None
    );

    // Ada and Alan both start with "A": two rows where at most one is allowed.
    let two = sql(
        "SELECT name FROM users WHERE name LIKE $1",
        vec![Value::Text("A%".into())],
    );
    assert!(matches!(
        repo.one_sql::<(String,)>(&two).await,
        Err(Error::TooManyRows { count: 2 })
    ));
    assert!(matches!(
        repo.optional_sql::<(String,)>(&two).await,
        Err(Error::TooManyRows { count: 2 })
    ));
}

#[tokio::test]
async fn binds_and_round_trips_every_value_kind() {
    let repo = repo().await;
    let insert =
        "INSERT INTO users (id, name, email, age, score, avatar) VALUES ($1, $2, $3, $4, $5, $6)";
    let name = "O'Brien \"the\" ünïcödé 🚀 \\ %_";
    let avatar = vec![0, 39, 92, 255];
    let params = vec![
        Value::I64(5_000_000_000),
        Value::Text(name.into()),
        Value::Null(Ty::Text),
        Value::I32(-7),
        Value::F64(0.1),
        Value::Bytes(avatar.clone()),
    ];
    assert_eq!(repo.execute_sql(&sql(insert, params)).await.unwrap(), 1);

    let user: User = repo
        .one_sql(&sql(
            "SELECT * FROM users WHERE name = $1",
            vec![Value::Text(name.into())],
        ))
        .await
        .unwrap();
    assert_eq!(
        user,
        User {
            id: 5_000_000_000,
            name: name.into(),
            email: None,
            age: -7,
            score: Some(0.1),
            avatar: Some(avatar)
        }
    );

    // A NULL of every type binds, and compares as NULL.
    for ty in [
        Ty::Bool,
        Ty::I16,
        Ty::I32,
        Ty::I64,
        Ty::F32,
        Ty::F64,
        Ty::Text,
        Ty::Bytes,
    ] {
        let (is_null,): (bool,) = repo
            .one_sql(&sql("SELECT $1 IS NULL", vec![Value::Null(ty)]))
            .await
            .unwrap();
        assert!(is_null, "{ty:?}");
    }
    let (yes, no): (bool, bool) = repo
        .one_sql(&sql(
            "SELECT $1, $2",
            vec![Value::Bool(true), Value::Bool(false)],
        ))
        .await
        .unwrap();
    assert!(yes && !no);
}

#[tokio::test]
async fn execute_sql_counts_affected_rows() {
    let repo = repo().await;
    let older = sql(
        "UPDATE users SET age = age + 1 WHERE age >= $1",
        vec![Value::I32(40)],
    );
    assert_eq!(repo.execute_sql(&older).await.unwrap(), 2);
    assert_eq!(repo.execute("DELETE FROM users").await.unwrap(), 3);
}

#[tokio::test]
async fn memory_database_is_one_database_per_repo() {
    let repo = repo().await;
    // Concurrent calls and clones all see the fixture: the pool never opens a second,
    // empty in-memory database.
    let clone = repo.clone();
    let count = sql("SELECT count(*) FROM users", vec![]);
    let ids = sql("SELECT id FROM users", vec![]);
    let (a, b, c) = tokio::join!(
        repo.one_sql::<(i64,)>(&count),
        clone.one_sql::<(i64,)>(&count),
        repo.all_sql::<(i64,)>(&ids)
    );
    assert_eq!((a.unwrap(), b.unwrap(), c.unwrap().len()), ((3,), (3,), 3));

    // Another Repo is another database.
    let other = Repo::sqlite_memory().await.unwrap();
    let err = other.all_sql::<(i64,)>(&count).await.unwrap_err();
    assert!(matches!(err, Error::Database(_)), "{err}");
    assert!(err.to_string().contains("no such table"), "{err}");
}

#[tokio::test]
async fn errors_are_typed() {
    let repo = repo().await;
    assert_eq!(repo.name(), "SQLite");

    // SQLite takes one placeholder per list element; a list bound as one value is refused
    // before anything runs.
    let list = sql(
        "SELECT id FROM users WHERE id IN ($1)",
        vec![Value::Array(Array::I64(vec![1, 2]))],
    );
    let err = repo.all_sql::<(i64,)>(&list).await.unwrap_err();
    assert!(
        matches!(
            err,
            Error::Unsupported {
                dialect: "SQLite",
                ..
            }
        ),
        "{err}"
    );

    let err = repo
        .all_sql::<(i64,)>(&sql("SELEC 1", vec![]))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Database(_)), "{err}");

    // A column that does not decode into the requested type is a decoding error, naming
    // the column.
    let err = repo
        .all_sql::<(i64, i64)>(&sql("SELECT id, name FROM users", vec![]))
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Decode { column: 1, .. }), "{err}");

    for url in ["oracle://scott@localhost/orcl", "localhost:5432", ""] {
        let err = Repo::connect(url).await.unwrap_err();
        assert!(matches!(err, Error::UnsupportedUrl { .. }), "{url}: {err}");
    }
    assert!(matches!(
        Repo::connect("sqlite:///nonexistent/dir/recto.db").await,
        Err(Error::Database(_))
    ));

    repo.close().await;
    assert!(matches!(
        repo.execute("SELECT 1").await,
        Err(Error::Database(_))
    ));
}

#[tokio::test]
async fn runs_from_queries() {
    let repo = repo().await;
    let min = 40;
    let older =
        from!(u in User, where: u.age > ^min, order_by: [desc: u.id], select: (u.id, u.name));
    assert_eq!(repo.to_sql(&older).unwrap(), older.to_sql(Sqlite).unwrap());

    // Alan (41) and Grace (45) are older than 40; Ada (36) is not.
    let rows: Vec<(i64, String)> = repo.all(&older).await.unwrap();
    assert_eq!(rows, [(3, "Grace".to_owned()), (2, "Alan".to_owned())]);

    // The whole binding, decoded into the schema struct.
    let id = 2_i64;
    let alan: User = repo
        .one(from!(u in User, where: u.id == ^id))
        .await
        .unwrap();
    assert_eq!(
        alan,
        User {
            id: 2,
            name: "Alan".into(),
            email: None,
            age: 41,
            score: None,
            avatar: None
        }
    );

    let nobody: Option<User> = repo
        .optional(from!(u in User, where: u.id == 99))
        .await
        .unwrap();
    assert_eq!(nobody, None);
    let a_names = from!(u in User, where: like(u.name, "A%"), select: u.id);
    assert!(matches!(
        repo.one(&a_names).await,
        Err(Error::TooManyRows { count: 2 })
    ));

    // A list parameter expands into placeholders on SQLite; an empty one matches nothing.
    for (ids, expected) in [(vec![1_i64, 3, 99], vec![1, 3]), (vec![], vec![])] {
        let q = from!(u in User, where: u.id in ^ids, order_by: u.id, select: u.id);
        let rows: Vec<i64> = repo.all(&q).await.unwrap();
        assert_eq!(rows, expected);
    }

    // A query the planner rejects is an error from the Repo, before anything runs.
    let no_select = from!(u in "users");
    assert!(matches!(
        repo.all::<(i64,)>(&no_select).await,
        Err(Error::MissingSelect { .. })
    ));
}

/// A row of a table of dates: SQLite has no date type, so the columns are TEXT and hold
/// sqlx's ISO-8601 text.
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

/// Dates and timestamps bind as the text sqlx's SQLite encoding writes (`%F`, `%F %T%.f`),
/// so bound parameters compare with the stored text as dates do, rows written by sqlx
/// directly compare the same, and the columns decode back.
#[tokio::test]
async fn dates_compare_and_round_trip() {
    let repo = Repo::sqlite_memory().await.unwrap();
    repo.execute(
        "CREATE TABLE events (id INTEGER PRIMARY KEY, day TEXT NOT NULL, at TEXT NOT NULL, until TEXT)",
    )
    .await
    .unwrap();

    // The text each value binds as: exactly sqlx's own encoding of the chrono type.
    let leap = day(2024, 2, 29);
    let exact = moment(day(2024, 12, 31), 13, 5, 0, 250_000);
    let shown: (String, String, String) = repo
        .one_sql(&sql(
            "SELECT $1, $2, $3",
            vec![
                Value::Date(leap),
                Value::Timestamp(exact),
                Value::Timestamp(moment(leap, 0, 0, 0, 0)),
            ],
        ))
        .await
        .unwrap();
    assert_eq!(
        shown,
        (
            "2024-02-29".to_owned(),
            "2024-12-31 13:05:00.250".to_owned(),
            "2024-02-29 00:00:00".to_owned()
        )
    );

    let rows = vec![
        Event {
            id: 1,
            day: day(2024, 2, 28),
            at: moment(day(2024, 2, 28), 23, 59, 59, 999_999),
            until: None,
        },
        Event {
            id: 2,
            day: leap,
            at: moment(leap, 0, 0, 0, 0),
            until: Some(day(2024, 12, 31)),
        },
        Event {
            id: 3,
            day: day(2025, 1, 1),
            at: exact,
            until: Some(day(1999, 1, 1)),
        },
    ];
    // Rows 1 and 2 through recto's binder, row 3 through sqlx's own encoders.
    for row in &rows[..2] {
        let insert = sql(
            "INSERT INTO events (id, day, at, until) VALUES ($1, $2, $3, $4)",
            vec![
                Value::I64(row.id),
                Value::Date(row.day),
                Value::Timestamp(row.at),
                row.until.map_or(Value::Null(Ty::Date), Value::Date),
            ],
        );
        repo.execute_sql(&insert).await.unwrap();
    }
    let Pool::Sqlite(pool) = repo.pool() else {
        panic!("a SQLite pool");
    };
    sqlx::query("INSERT INTO events (id, day, at, until) VALUES (?, ?, ?, ?)")
        .bind(rows[2].id)
        .bind(rows[2].day)
        .bind(rows[2].at)
        .bind(rows[2].until)
        .execute(pool)
        .await
        .unwrap();

    let ids = async |q: Query<Event, i64>| -> Vec<i64> { repo.all(&q).await.unwrap() };
    let q = from!(e in Event, where: e.day >= ^leap, order_by: e.id, select: e.id);
    assert_eq!(ids(q).await, [2, 3]);
    let q = from!(e in Event, where: e.day == ^leap, select: e.id);
    assert_eq!(ids(q).await, [2]);
    let midnight = moment(leap, 0, 0, 0, 0);
    let q = from!(e in Event, where: e.at < ^midnight, select: e.id);
    assert_eq!(ids(q).await, [1]);
    let q = from!(e in Event, where: e.at == ^exact, select: e.id);
    assert_eq!(ids(q).await, [3]);
    let none: Option<NaiveDate> = None;
    let q = from!(e in Event, where: e.until == ^none, select: e.id);
    assert_eq!(ids(q).await, Vec::<i64>::new());
    let q = from!(e in Event, where: is_nil(e.until), select: e.id);
    assert_eq!(ids(q).await, [1]);
    let days = vec![day(2025, 1, 1), day(2024, 2, 28), day(2030, 1, 1)];
    let q = from!(e in Event, where: e.day in ^days, order_by: e.id, select: e.id);
    assert_eq!(ids(q).await, [1, 3]);

    let decoded: Vec<Event> = repo.all(from!(e in Event, order_by: e.id)).await.unwrap();
    assert_eq!(decoded, rows);
}
