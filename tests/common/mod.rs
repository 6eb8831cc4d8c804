//! The schemas the integration tests share: users in organisations, writing posts.

#![allow(dead_code)] // Each test crate uses the part of the fixture it needs.

use recto::Schema;
use recto::chrono::{NaiveDate, NaiveDateTime};

#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub email: Option<String>,
    pub age: i32,
    pub org_id: Option<i64>,
    pub born: NaiveDate,
}

#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "orgs")]
pub struct Org {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub active: bool,
}

#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub title: String,
    #[recto(column = "body_text")]
    pub body: Option<String>,
    pub score: f64,
    pub views: i64,
    pub published_at: NaiveDateTime,
}

/// A table without a primary key; queries reach it schemalessly as `"tags"`.
#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "tags")]
pub struct Tag {
    pub user_id: i64,
    pub label: String,
}

/// A tree: each node but the roots has a parent in the same table.
#[derive(Schema, Debug, Clone, PartialEq, recto::sqlx::FromRow)]
#[recto(table = "nodes")]
pub struct Node {
    #[recto(primary_key)]
    pub id: i64,
    pub parent_id: Option<i64>,
    pub name: String,
}

/// A row of the users' ids and orgs, read by name.
#[derive(Debug, PartialEq, recto::Row)]
pub struct Person {
    pub id: i64,
    pub org_id: Option<i64>,
}

/// A step of a walk down the tree of `nodes`, read by name.
#[derive(Debug, PartialEq, recto::Row)]
pub struct Walk {
    pub id: i64,
    pub depth: i32,
}

/// A table and a column whose names hold both quote characters.
#[derive(Schema, Debug, Clone, PartialEq)]
#[recto(table = "we\"ird`table")]
pub struct Weird {
    #[recto(column = "col\"with`quotes")]
    pub col: String,
}

/// The error of `query` on every dialect; they must agree.
pub fn error_of<S, R>(query: &recto::Query<S, R>) -> recto::Error {
    use recto::ToSql as _;
    let errors = [
        query.to_sql(recto::Postgres),
        query.to_sql(recto::MySql),
        query.to_sql(recto::Sqlite),
    ]
    .map(|sql| match sql {
        Ok(sql) => panic!("expected an error, got SQL: {}", sql.text),
        Err(e) => e,
    });
    let [first, rest @ ..] = errors;
    for other in rest {
        assert_eq!(other.to_string(), first.to_string());
    }
    first
}

/// `query`'s text and parameters, or its error, in each dialect: a snapshot's body.
pub fn render<S, R>(query: &recto::Query<S, R>) -> String {
    use recto::ToSql as _;
    let mut out = String::new();
    for (name, sql) in [
        ("postgres", query.to_sql(recto::Postgres)),
        ("mysql", query.to_sql(recto::MySql)),
        ("sqlite", query.to_sql(recto::Sqlite)),
    ] {
        out.push_str(&format!("-- {name}\n"));
        match sql {
            Ok(sql) => out.push_str(&format!("{}\n   params: {:?}\n", sql.text, sql.params)),
            Err(e) => out.push_str(&format!("error: {e}\n")),
        }
    }
    out
}
