//! Prepared statements on PostgreSQL (`RECTO_POSTGRES_URL`): a query shape run again with
//! other values is prepared once per connection and then only executed — the Repo hands
//! sqlx the same text every time, so sqlx's per-connection statement cache serves it —
//! and the type tags the Repo adds when a text's parameter types change make one more
//! statement per combination of types, each prepared once too.
//!
//! Every test runs on a pool of one connection, so that `pg_prepared_statements`, which
//! lists the statements of the session that reads it, sees every statement the Repo made.
//! The table is a temporary one: it belongs to that session alone and vanishes with it.

mod servers;

use servers::Server;

use recto::prelude::*;
use recto::{RawSql, Repo, ToSql, Value};

#[derive(Schema, Debug, PartialEq, sqlx::FromRow)]
#[recto(table = "recto_prepared_items")]
struct Item {
    #[recto(primary_key)]
    id: i64,
    name: String,
}

/// A Repo over a pool of exactly one connection to the test server, holding a temporary
/// table of five items; `None` when the server's URL is unset (see `tests/servers`).
async fn one_connection() -> Option<Repo> {
    let url = Server::Postgres.url()?;
    let pool = sqlx::postgres::PgPoolOptions::new()
        .max_connections(1)
        .connect(&url)
        .await
        .expect("connect to PostgreSQL");
    let repo = Repo::from(pool);
    repo.execute(
        "CREATE TEMPORARY TABLE recto_prepared_items (id BIGINT PRIMARY KEY, name TEXT NOT NULL);
         INSERT INTO recto_prepared_items VALUES (1, 'a'), (2, 'b'), (3, 'c'), (4, 'd'), (5, 'e')",
    )
    .await
    .expect("create the temporary table");
    Some(repo)
}

/// How many statements the Repo's connection has prepared with exactly `text`, and how
/// many times they were executed in all (each execution is planned once, generically or
/// not).
async fn prepared(repo: &Repo, text: &str) -> (i64, i64) {
    let count = RawSql::new(
        "SELECT count(*), coalesce(sum(generic_plans + custom_plans), 0)::BIGINT \
         FROM pg_prepared_statements WHERE statement = $1",
    )
    .bind(text.to_owned());
    repo.one_sql(&count)
        .await
        .expect("read pg_prepared_statements")
}

/// Items with an id above `min`: one shape, whatever `min` is.
fn above(min: i64) -> Query<Item> {
    from!(i in Item, where: i.id > ^min, order_by: i.id, select: i)
}

#[tokio::test]
async fn a_repeated_shape_is_prepared_once_per_connection() {
    let Some(repo) = one_connection().await else {
        return;
    };
    let text = above(0).to_sql(Postgres).unwrap().text;
    for min in 0..5 {
        let items: Vec<Item> = repo.all(above(min)).await.unwrap();
        // The ids above `min`, out of 1..=5.
        assert_eq!(items.len(), 5 - min as usize, "min {min}");
        assert_eq!(
            prepared(&repo, &text).await,
            (1, min + 1),
            "after run {min}"
        );
    }
    // `one` and `optional` send the same text, so they reuse the statement too.
    let item: Item = repo.one(above(4)).await.unwrap();
    assert_eq!(item.name, "e");
    assert_eq!(repo.optional::<Item>(above(5)).await.unwrap(), None);
    assert_eq!(prepared(&repo, &text).await, (1, 7));
    repo.close().await;
}

#[tokio::test]
async fn each_combination_of_parameter_types_is_prepared_once() {
    let Some(repo) = one_connection().await else {
        return;
    };
    // A schemaless field takes a parameter of whatever type the value has: the same text
    // runs with an `i64` and then with an `i32`.
    let query =
        |min: Value| from!(i in "recto_prepared_items", where: i["id"] > ^min, select: i["name"]);
    let text = query(Value::I64(0)).to_sql(Postgres).unwrap().text;
    let tagged = format!("/* recto: i32 */ {text}");
    for round in 1..=3 {
        let names: Vec<String> = repo.all(query(Value::I64(3))).await.unwrap();
        assert_eq!(names.len(), 2);
        let names: Vec<String> = repo.all(query(Value::I32(4))).await.unwrap();
        assert_eq!(names, ["e".to_owned()]);
        assert_eq!(prepared(&repo, &text).await, (1, round), "round {round}");
        assert_eq!(prepared(&repo, &tagged).await, (1, round), "round {round}");
    }
    repo.close().await;
}
