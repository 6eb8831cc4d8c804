//! A tour of recto: schemas, queries composed across modules, SQL for three dialects, and
//! rows from an in-memory SQLite database.
//!
//! Run it with `cargo run --example tour`.

use recto::prelude::*;
use recto::{Dynamic, Sql};

/// The schemas: plain structs that map to tables.
mod schema {
    use recto::Schema;

    #[derive(Schema, Debug, sqlx::FromRow)]
    #[recto(table = "users")]
    pub struct User {
        #[recto(primary_key)]
        pub id: i64,
        pub name: String,
        pub email: Option<String>,
        pub age: i32,
        pub org_id: i64,
    }

    #[derive(Schema, Debug, sqlx::FromRow)]
    #[recto(table = "orgs")]
    pub struct Org {
        #[recto(primary_key)]
        pub id: i64,
        pub name: String,
        pub active: bool,
    }
}

/// One module knows who the adults are.
mod accounts {
    use super::schema::User;
    use recto::prelude::*;

    pub fn adults(min_age: i32) -> Query<User> {
        from!(u in User, where: u.age >= ^min_age)
    }
}

/// Another joins organisations and names the join `org`.
mod orgs {
    use super::schema::{Org, User};
    use recto::prelude::*;

    pub fn with_org(q: Query<User>) -> Query<(User, Org)> {
        from!(u in q, join: o in Org, on: o.id == u.org_id, as: org)
    }

    /// Works on any query with an `org` binding, whoever created it, and keeps its rows.
    pub fn active_only<S, R>(q: Query<S, R>) -> Query<S, R> {
        from!([org: o] in q, where: o.active)
    }
}

/// A third decides ordering, pagination and the row shape.
mod listing {
    use super::schema::{Org, User};
    use recto::prelude::*;

    /// The query's type says what a row is: `(id, name, org name)`.
    pub fn page(
        q: Query<(User, Org)>,
        page: i64,
        per_page: i64,
    ) -> Query<(User, Org), (i64, String, String)> {
        from!([u, o] in q,
              order_by: [asc: o.name, desc: u.age, asc_nulls_last: u.email],
              limit: ^per_page,
              offset: ^(page * per_page),
              select: (u.id, u.name, o.name))
    }
}

/// A search form with optional fields becomes a `Dynamic` filter.
fn search(name_prefix: Option<&str>, min_age: Option<i32>) -> Query<schema::User> {
    let mut filter = Dynamic::always();
    if let Some(prefix) = name_prefix {
        let pattern = format!("{prefix}%");
        filter = filter.and(dynamic!([u], ilike(u.name, ^pattern)));
    }
    if let Some(min_age) = min_age {
        filter = filter.and(dynamic!([u], u.age >= ^min_age));
    }
    from!(u in schema::User, where: ^filter, order_by: u.id)
}

fn show(title: &str, sql: Result<Sql, recto::Error>) {
    match sql {
        Ok(sql) => println!(
            "  {title:<10} {}\n  {:<10} params: {:?}",
            sql.text, "", sql.params
        ),
        Err(e) => println!("  {title:<10} error: {e}"),
    }
}

fn print_sql<S, R>(name: &str, q: &Query<S, R>) {
    println!("{name}");
    show("PostgreSQL", q.to_sql(Postgres));
    show("MySQL", q.to_sql(MySql));
    show("SQLite", q.to_sql(Sqlite));
    println!();
}

const FIXTURE: &[&str] = &[
    "CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN NOT NULL)",
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, \
     age INTEGER NOT NULL, org_id INTEGER NOT NULL REFERENCES orgs (id))",
    "INSERT INTO orgs (id, name, active) VALUES (1, 'Acme', 1), (2, 'Globex', 1), (3, 'Initech', 0)",
    "INSERT INTO users (id, name, email, age, org_id) VALUES \
     (1, 'Ada', 'ada@acme.test', 36, 1), (2, 'Alan', NULL, 41, 1), (3, 'Grace', 'grace@globex.test', 45, 2), \
     (4, 'Linus', NULL, 17, 2), (5, 'Barbara', 'barbara@initech.test', 52, 3)",
];

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), recto::Error> {
    let listing = orgs::active_only(listing::page(orgs::with_org(accounts::adults(18)), 0, 10));
    let searched = search(Some("a"), Some(30));
    let per_org = from!(u in schema::User,
                        join: o in schema::Org, on: o.id == u.org_id,
                        group_by: o.name,
                        having: count() >= 1,
                        order_by: o.name,
                        select: (o.name, count(), max(u.age)));

    println!("== SQL for every dialect ==\n");
    print_sql("adults in active orgs, first page", &listing);
    print_sql(
        "search: name starts with 'a' (any case), age >= 30",
        &searched,
    );
    print_sql("users per org", &per_org);

    println!("== Rows from an in-memory SQLite database ==\n");
    let repo = Repo::connect("sqlite::memory:").await?;
    for statement in FIXTURE {
        repo.execute(statement).await?;
    }

    // Rows need no annotation: each query's type carries its row type.
    let rows = repo.all(&listing).await?;
    println!("adults in active orgs:");
    for (id, name, org) in rows {
        println!("  {id:>2}  {name:<8} {org}");
    }

    let users = repo.all(&searched).await?;
    println!("search results:");
    for user in users {
        println!(
            "  {:>2}  {:<8} age {}  org {}  email {:?}",
            user.id, user.name, user.age, user.org_id, user.email
        );
    }

    let counts = repo.all(&per_org).await?;
    println!("users per org:");
    for (org, n, oldest) in counts {
        println!("  {org:<8} {n} user(s), oldest {oldest:?}");
    }

    let active = repo
        .all(from!(o in schema::Org, where: o.active, order_by: o.name))
        .await?;
    println!("active orgs:");
    for org in active {
        println!("  {:>2}  {:<8} active {}", org.id, org.name, org.active);
    }

    let ada = repo.one(from!(u in schema::User, where: u.id == 1)).await?;
    println!("one: {ada:?}");
    let nobody = repo
        .optional(from!(u in schema::User, where: u.id == 99))
        .await?;
    println!("optional: {nobody:?}");

    // One selected value decodes as the value itself.
    let names: Vec<String> = repo
        .all(from!(u in schema::User, order_by: u.id, select: u.name))
        .await?;
    println!("names: {names:?}");
    let minors: i64 = repo
        .one(from!(u in schema::User, where: u.age < 18, select: count()))
        .await?;
    println!("minors: {minors}");

    // Whole bindings decode as their structs; a left-joined one as an `Option`.
    let with_orgs = repo
        .all(
            from!(o in schema::Org, left_join: u in schema::User, on: u.org_id == o.id,
                   order_by: [asc: o.id, asc: u.id], select: (o, u)),
        )
        .await?;
    println!("orgs and their users:");
    for (org, user) in with_orgs {
        let user = user.map_or_else(|| "(none)".to_owned(), |user| user.name);
        println!("  {:<8} {user}", org.name);
    }
    Ok(())
}
