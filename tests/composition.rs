//! Queries composed across modules, as an application would write them: each module knows
//! one concern and takes or returns a `Query`. The composed query renders for all three
//! dialects and runs on SQLite through `Repo`.

use recto::prelude::*;

mod schema {
    // The structs describe the tables; this test reads its rows as tuples.
    #![allow(dead_code)]

    use recto::Schema;

    #[derive(Schema, Debug)]
    #[recto(table = "users")]
    pub struct User {
        #[recto(primary_key)]
        pub id: i64,
        pub name: String,
        pub email: Option<String>,
        pub age: i32,
        pub org_id: i64,
    }

    #[derive(Schema, Debug)]
    #[recto(table = "orgs")]
    pub struct Org {
        #[recto(primary_key)]
        pub id: i64,
        pub name: String,
        pub active: bool,
    }
}

/// Knows who counts as an adult.
mod accounts {
    use super::schema::User;
    use recto::prelude::*;

    pub fn adults() -> Query<User> {
        from!(u in User, where: u.age >= 18)
    }
}

/// Knows how users relate to organisations, and names the join so others can find it.
mod orgs {
    use super::schema::{Org, User};
    use recto::prelude::*;

    pub fn with_org(q: Query<User>) -> Query<(User, Org)> {
        from!(u in q, join: o in Org, on: o.id == u.org_id, as: org)
    }
}

/// Knows how lists are shown: ordered, paginated, and which columns.
mod listing {
    use super::schema::{Org, User};
    use recto::prelude::*;

    pub fn page(
        q: Query<(User, Org)>,
        page: i64,
        per_page: i64,
    ) -> Query<(User, Org), (i64, String, String)> {
        from!([u, o] in q,
              order_by: [asc: o.name, desc: u.age, asc: u.id],
              limit: ^per_page,
              offset: ^(page * per_page),
              select: (u.id, u.name, o.name))
    }
}

/// Filters on the organisation join without having created it: found by name.
mod policy {
    use recto::prelude::*;

    /// Generic over the rows too, so it keeps whatever the query selects.
    pub fn only_active_orgs<S, R>(q: Query<S, R>) -> Query<S, R> {
        from!([org: o] in q, where: o.active)
    }
}

fn composed(page: i64) -> Query<(schema::User, schema::Org), (i64, String, String)> {
    policy::only_active_orgs(listing::page(orgs::with_org(accounts::adults()), page, 2))
}

#[test]
fn composed_query_renders_for_every_dialect() {
    let q = composed(1);
    let pg = q.to_sql(Postgres).unwrap();
    assert_eq!(
        pg.text,
        concat!(
            r#"SELECT u0."id", u0."name", o1."name" FROM "users" AS u0 "#,
            r#"INNER JOIN "orgs" AS o1 ON (o1."id" = u0."org_id") "#,
            r#"WHERE ((u0."age" >= 18) AND o1."active") "#,
            r#"ORDER BY o1."name" ASC, u0."age" DESC, u0."id" ASC LIMIT $1 OFFSET $1"#
        )
    );
    // Page 1 of 2 per page: limit and offset are both 2, one value, so one placeholder.
    assert_eq!(pg.params, vec![recto::Value::I64(2)]);

    let my = q.to_sql(MySql).unwrap();
    assert_eq!(
        my.text,
        concat!(
            "SELECT u0.`id`, u0.`name`, o1.`name` FROM `users` AS u0 ",
            "INNER JOIN `orgs` AS o1 ON (o1.`id` = u0.`org_id`) ",
            "WHERE ((u0.`age` >= 18) AND o1.`active`) ",
            "ORDER BY o1.`name` ASC, u0.`age` DESC, u0.`id` ASC LIMIT ? OFFSET ?"
        )
    );
    // `?` is positional: each occurrence binds its own value.
    let both = vec![recto::Value::I64(2), recto::Value::I64(2)];
    assert_eq!(my.params, both);

    let lite = q.to_sql(Sqlite).unwrap();
    assert_eq!(lite.text, pg.text.replace("$1", "?"));
    assert_eq!(lite.params, both);
}

const FIXTURE: &[&str] = &[
    "CREATE TABLE orgs (id INTEGER PRIMARY KEY, name TEXT NOT NULL, active BOOLEAN NOT NULL)",
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, email TEXT, age INTEGER NOT NULL, org_id INTEGER NOT NULL)",
    "INSERT INTO orgs (id, name, active) VALUES (1, 'Acme', 1), (2, 'Globex', 1), (3, 'Initech', 0)",
    // Acme: three adults (ages 40, 30, 30) and a minor; Globex: two adults; Initech
    // (inactive): one adult.
    "INSERT INTO users (id, name, email, age, org_id) VALUES \
        (1, 'Ada', 'ada@acme.test', 40, 1), \
        (2, 'Brian', NULL, 30, 1), \
        (3, 'Cleo', 'cleo@acme.test', 30, 1), \
        (4, 'Dan', NULL, 12, 1), \
        (5, 'Eve', 'eve@globex.test', 25, 2), \
        (6, 'Finn', NULL, 50, 2), \
        (7, 'Gus', NULL, 60, 3)",
];

#[tokio::test]
async fn composed_query_runs_on_sqlite() {
    let repo = Repo::connect("sqlite::memory:").await.unwrap();
    for statement in FIXTURE {
        repo.execute(statement).await.unwrap();
    }

    // Adults in active orgs, ordered by org name, then oldest first, then id:
    // Acme: Ada (40), Brian (30, id 2), Cleo (30, id 3); Globex: Finn (50), Eve (25).
    // Dan is a minor; Gus is in the inactive Initech. Two per page.
    // The rows' type comes from `listing::page`'s select.
    let page0 = repo.all(composed(0)).await.unwrap();
    assert_eq!(
        page0,
        vec![
            (1, "Ada".into(), "Acme".into()),
            (2, "Brian".into(), "Acme".into())
        ]
    );

    let page1: Vec<(i64, String, String)> = repo.all(composed(1)).await.unwrap();
    assert_eq!(
        page1,
        vec![
            (3, "Cleo".into(), "Acme".into()),
            (6, "Finn".into(), "Globex".into())
        ]
    );

    let page2: Vec<(i64, String, String)> = repo.all(composed(2)).await.unwrap();
    assert_eq!(page2, vec![(5, "Eve".into(), "Globex".into())]);

    let page3: Vec<(i64, String, String)> = repo.all(composed(3)).await.unwrap();
    assert!(page3.is_empty());
}
