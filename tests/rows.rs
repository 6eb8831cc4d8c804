//! Rows decode into the type a query's `select:` gives, with no annotation, on every
//! engine: one selected value as the value itself, tuples, whole bindings as their structs,
//! a left-joined binding as an `Option` of its struct, struct literals by name, and the
//! types of aggregates, arithmetic, comparisons and `coalesce` with their NULLs. The
//! expected rows are reasoned from the fixture (`tests/fixture`): six users (Ada, Brian,
//! Zoë, O'Brien, alice, 日本) in four organisations (Acme, Globex, Initech, and Umbrella,
//! which has no users; alice has none).
//!
//! Each test binds the rows to a variable whose type it never names where the point is
//! inference, and compares them with values of the type the query promises: a query whose
//! rows decoded into another type would not compile.

mod common;
mod fixture;
mod servers;

use recto::prelude::*;

use common::{Org, User};
use fixture::{date, on_every_engine};

fn org(id: i64, name: &str, active: bool) -> Org {
    Org {
        id,
        name: name.to_owned(),
        active,
    }
}

fn ada() -> User {
    User {
        id: 1,
        name: "Ada".to_owned(),
        email: Some("ada@acme.test".to_owned()),
        age: 36,
        org_id: Some(1),
        born: date(1989, 12, 10),
    }
}

/// The struct a struct literal select names: decoded by its columns' names.
#[derive(Debug, PartialEq, sqlx::FromRow)]
struct Headcount {
    org: String,
    people: i64,
}

#[tokio::test]
async fn one_selected_value_decodes_as_the_value() {
    on_every_engine(|repo, name| async move {
        let ids = repo
            .all(from!(u in User, order_by: u.id, select: u.id))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(ids, vec![1_i64, 2, 3, 4, 5, 6], "{name}");

        // A nullable column is an `Option` of it: Brian and O'Brien have no email.
        let emails = repo
            .all(from!(u in User, where: u.id <= 2, order_by: u.id, select: u.email))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            emails,
            vec![Some("ada@acme.test".to_owned()), None],
            "{name}"
        );

        let users = repo
            .one(from!(u in User, select: count()))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(users, 6_i64, "{name}");

        let nobody = repo
            .optional(from!(u in User, where: u.id == 99, select: u.name))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(nobody, None::<String>, "{name}");
    })
    .await;
}

#[tokio::test]
async fn aggregates_are_nullable_where_sql_makes_them_null() {
    on_every_engine(|repo, name| async move {
        // Ages 36 + 41 + 36 + 17 + 64 + 28 = 222, over 6 users; alice has no org.
        let all = from!(u in User, select: (sum(u.age), avg(u.age), max(u.age), min(u.org_id), count(u.org_id)));
        let row = repo
            .one(&all)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(row, (Some(222_i64), Some(37.0_f64), Some(64_i32), Some(1_i64), 5_i64), "{name}");

        // Over no rows, `sum`, `avg`, `max` and `min` are NULL and `count` is 0.
        let none = from!(u in User, where: u.age > 100,
                         select: (sum(u.age), avg(u.age), max(u.age), min(u.org_id), count()));
        let row = repo
            .one(&none)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(row, (None, None, None, None, 0), "{name}");
    })
    .await;
}

#[tokio::test]
async fn expressions_carry_their_type_and_their_nulls() {
    on_every_engine(|repo, name| async move {
        // alice (id 5) is in no organisation: her comparison with it is NULL, and her
        // `coalesce` falls back.
        let q = from!(u in User, where: u.id >= 4 && u.id <= 5, order_by: u.id,
                      select: (u.age + 1, u.org_id == 2, coalesce(u.email, "none"), u.age * 2.5));
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            vec![
                (18_i32, Some(true), "none".to_owned(), 42.5_f64),
                (65, None, "alice@example.test".to_owned(), 160.0),
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn selected_bindings_decode_as_their_structs() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in User, join: o in Org, on: o.id == u.org_id, where: u.id == 1,
                      select: (u, o));
        let pairs = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(pairs, vec![(ada(), org(1, "Acme", true))], "{name}");

        // `select: u` of the root binding is the query's own rows, typed as without it.
        let q: Query<User> = from!(u in User, where: u.id == 1, select: u);
        let users = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(users, vec![ada()], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_left_joined_binding_is_none_where_the_join_found_no_row() {
    on_every_engine(|repo, name| async move {
        // Each organisation with its users; Umbrella (4) has none.
        let q = from!(o in Org, left_join: u in User, on: u.org_id == o.id,
                      order_by: [asc: o.id, asc: u.id], select: (o, u));
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let found: Vec<(i64, Option<i64>)> = rows
            .iter()
            .map(|(o, u)| (o.id, u.as_ref().map(|u| u.id)))
            .collect();
        assert_eq!(
            found,
            vec![
                (1, Some(1)),
                (1, Some(2)),
                (2, Some(3)),
                (2, Some(4)),
                (3, Some(6)),
                (4, None)
            ],
            "{name}"
        );
        assert_eq!(rows[0].1, Some(ada()), "{name}");
        assert_eq!(rows[5].0, org(4, "Umbrella", true), "{name}");

        // Its fields are `Option`s too.
        let q = from!(o in Org, left_join: u in User, on: u.org_id == o.id,
                      where: o.id >= 3, order_by: o.id, select: (o.name, u.name, u.age));
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            rows,
            vec![
                ("Initech".to_owned(), Some("日本".to_owned()), Some(28_i32)),
                ("Umbrella".to_owned(), None, None),
            ],
            "{name}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_struct_literal_decodes_by_its_field_names() {
    on_every_engine(|repo, name| async move {
        // Acme: Ada and Brian; Globex: Zoë and O'Brien; Initech: 日本.
        let q = from!(u in User, join: o in Org, on: o.id == u.org_id,
                      group_by: o.name, order_by: o.name,
                      select: Headcount { people: count(), org: o.name });
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let counts: Vec<(&str, i64)> = rows.iter().map(|h| (h.org.as_str(), h.people)).collect();
        assert_eq!(
            counts,
            vec![("Acme", 2), ("Globex", 2), ("Initech", 1)],
            "{name}"
        );
    })
    .await;
}

/// A row struct whose fields hold whole bindings: read by its fields' names.
#[derive(Debug, PartialEq, recto::Row)]
struct Membership {
    member: Option<User>,
    org: Org,
    name: String,
}

#[tokio::test]
async fn a_struct_literal_may_hold_whole_bindings() {
    on_every_engine(|repo, name| async move {
        // Every organisation from 3 on, with its users: Initech has 日本, Umbrella nobody.
        // The field `name` is also a column of both bindings: it is still found.
        let q = from!(o in Org, left_join: u in User, on: u.org_id == o.id,
                      where: o.id >= 3, order_by: o.id,
                      select: Membership { name: o.name, org: o, member: u });
        let rows = repo.all(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        let found: Vec<(&str, i64, Option<i64>)> = rows
            .iter()
            .map(|m| (m.name.as_str(), m.org.id, m.member.as_ref().map(|u| u.id)))
            .collect();
        assert_eq!(
            found,
            vec![("Initech", 3, Some(6)), ("Umbrella", 4, None)],
            "{name}"
        );
        assert_eq!(rows[1].org, org(4, "Umbrella", true), "{name}");
        let member = rows[0].member.as_ref().expect("Initech has a member");
        assert_eq!((member.name.as_str(), member.age), ("日本", 28), "{name}");
    })
    .await;
}

/// A composing function generic over the rows keeps whatever the query selects.
fn adults<S, R>(q: Query<S, R>) -> Query<S, R> {
    from!(u in q, where: u["age"] >= 18)
}

#[tokio::test]
async fn composition_keeps_the_row_type() {
    on_every_engine(|repo, name| async move {
        let names = adults(from!(u in User, order_by: u.id, select: u.name));
        let rows = repo
            .all(&names)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let expected = ["Ada", "Brian", "Zoë", "alice", "日本"];
        assert_eq!(rows, expected.map(str::to_owned), "{name}");

        // The root's rows through a function that knows the schema.
        let oldest = from!(u in adults(Query::<User>::from_schema()),
                           order_by: [desc: u.age], limit: 1);
        let rows = repo
            .all(&oldest)
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(rows.iter().map(|u| u.id).collect::<Vec<_>>(), [5], "{name}");
    })
    .await;
}

#[tokio::test]
async fn a_query_built_at_run_time_decodes_into_the_named_type() {
    on_every_engine(|repo, name| async move {
        let q = from!(u in "users", where: u["id"] == 2, select: (u["name"], u["email"]));
        let row: (String, Option<String>) =
            repo.one(&q).await.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(row, ("Brian".to_owned(), None), "{name}");

        // A NULL where the named type is not an `Option` is a typed error, naming the
        // column.
        let err = repo.one::<(String, String)>(&q).await.unwrap_err();
        assert!(
            matches!(err, recto::Error::Decode { column: 1, .. }),
            "{name}: {err}"
        );
    })
    .await;
}
