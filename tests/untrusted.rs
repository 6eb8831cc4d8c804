//! Queries from outside the program: `Catalog::query_from_json` takes every table's
//! metadata from the schemas compiled into the program, refuses other tables, and refuses
//! payloads past each of its `Limits` with an error naming the limit (`limits.rs`).

mod common;

use recto::prelude::*;
use recto::{Catalog, Error, Limit, Limits, Ty, plan};
use serde_json::json;

use common::{Org, Post, User};

fn catalog() -> Catalog {
    Catalog::new().with::<User>().with::<Org>().with::<Post>()
}

fn admit(json: &str) -> Result<Query, Error> {
    catalog().query_from_json(json, &Limits::default())
}

fn sql(query: &Query) -> [String; 3] {
    [
        query.to_sql(Postgres).expect("renders for PostgreSQL").text,
        query.to_sql(MySql).expect("renders for MySQL").text,
        query.to_sql(Sqlite).expect("renders for SQLite").text,
    ]
}

/// The JSON of `query` with `edit` applied to it.
fn edited(query: &Query, edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value = serde_json::to_value(query).expect("a query serializes");
    edit(&mut value);
    value.to_string()
}

/// The JSON of `query` (over `S`) with `edit` applied to the metadata the payload states
/// for the source's field `name`.
fn lie_about<S: Schema>(
    query: &Query,
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> String {
    lie_about_meta(query, &S::META, name, edit)
}

/// [`lie_about`] for a schema known by its metadata.
fn lie_about_meta(
    query: &Query,
    meta: &recto::SchemaMeta,
    name: &str,
    edit: impl FnOnce(&mut serde_json::Value),
) -> String {
    let index = meta.fields.iter().position(|f| f.name == name).unwrap();
    edited(query, |q| {
        edit(&mut q["from"]["source"]["Schema"]["fields"][index])
    })
}

fn limit_exceeded(result: Result<Query, Error>) -> (Limit, usize) {
    match result {
        Err(Error::LimitExceeded { limit, max }) => (limit, max),
        other => panic!("expected a limit error, got {other:?}"),
    }
}

fn refused(result: Result<Query, Error>) -> String {
    match result {
        Err(Error::UntrustedQuery { reason }) => reason,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_legitimate_query_round_trips_unchanged() {
    let min = 18;
    let ids = vec![1_i64, 2, 3];
    let query = from!(u in User,
        left_join: o in Org, on: o.id == u.org_id, as: org,
        join: p in Post, on: p.user_id == u.id,
        where: u.age >= ^min && u.id in ^ids,
        or_where: like(u.name, "A%"),
        group_by: [u.org_id, o.name],
        having: count(p.id) > 1,
        order_by: [desc: o.name, asc: u.org_id],
        limit: 10, offset: 2,
        select: (u.org_id, o.name, count(p.id), max(p.score)))
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = admit(&json).expect("a query over the catalog's tables is admitted");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
}

#[test]
fn conditionals_and_filters_round_trip_unchanged() {
    let min = 10_i64;
    let query = from!(p in Post, join: u in User, on: u.id == p.user_id,
        group_by: u.id,
        having: filter(count(), p.views > ^min) > 0,
        select: (
            u.id,
            filter(sum(if p.score > 2.0 { p.views } else { 0 }), !is_nil(p.body)),
            max(if u.age >= 18 { u.name } else { nil })))
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = admit(&json).expect("a query over the catalog's tables is admitted");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
    // A field its table does not have, inside a branch's condition, is refused as anywhere
    // else.
    let hidden = edited(&query, |v| {
        let text = v.to_string().replace("\"score\"", "\"secret\"");
        *v = serde_json::from_str(&text).unwrap();
    });
    assert!(
        admit(&hidden)
            .and_then(|q| q.to_sql(Postgres).map(|_| ()))
            .is_err()
    );
}

#[test]
fn row_values_and_casts_round_trip_unchanged() {
    let (t, id, min) = (
        chrono::NaiveDate::from_ymd_opt(2024, 1, 15).unwrap(),
        3_i64,
        2_i32,
    );
    let query = from!(u in User,
        where: (u.born, u.id) > (^t, ^id) && (u.age, u.name) in [(36, "Ada"), (41, "Brian")],
        or_where: u.org_id > cast(^min, i64),
        select: (u.id, cast(u.age, f64), cast(u.born, String)))
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = admit(&json).expect("a query over the catalog's tables is admitted");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
    // A cast to a type recto does not cast to is the planner's typed error, not SQL.
    let bad = edited(&query, |value| {
        let text = value.to_string().replace("\"F64\"", "\"Json\"");
        *value = serde_json::from_str(&text).unwrap();
    });
    let back = admit(&bad).expect("a cast's type is data the planner checks");
    assert!(matches!(
        back.to_sql(Postgres),
        Err(Error::InvalidClause { .. })
    ));
}

#[test]
fn a_payload_that_lies_about_a_columns_type_gets_the_catalogs_type() {
    // `score` is an f64: MySQL divides it with `/`. Called an i64, it would print `DIV`.
    let query = from!(p in Post, select: p.score / 2).erase();
    let lie = lie_about::<Post>(&query, "score", |field| {
        field["ty"] = json!("I64");
    });

    let believed: Query = serde_json::from_str(&lie).unwrap();
    let believed_plan = plan(believed.data()).unwrap();
    assert_eq!(
        believed_plan.exprs.ty(believed_plan.select[0].expr),
        Some(Ty::I64),
        "the plain path believes"
    );
    assert!(believed.to_sql(MySql).unwrap().text.contains(" DIV "));

    let admitted = admit(&lie).unwrap();
    let planned = plan(admitted.data()).unwrap();
    assert_eq!(planned.exprs.ty(planned.select[0].expr), Some(Ty::F64));
    assert!(!admitted.to_sql(MySql).unwrap().text.contains("DIV"));
    assert_eq!(sql(&admitted), sql(&query));
    assert_eq!(admitted, query);
}

#[test]
fn a_payload_that_lies_about_nullability_and_columns_gets_the_catalogs() {
    // `email` is nullable: ascending order puts its NULLs last on every engine, which MySQL
    // and SQLite need an emulation for. Called non-null and mapped to the column `id`, it
    // would sort by another column without the emulation.
    let query = from!(u in User, order_by: [asc: u.email], select: u.id).erase();
    let lie = lie_about::<User>(&query, "email", |field| {
        field["nullable"] = json!(false);
        field["column"] = json!("id");
    });
    let believed: Query = serde_json::from_str(&lie).unwrap();
    assert_ne!(sql(&believed), sql(&query), "the lie changes the SQL");

    let admitted = admit(&lie).unwrap();
    assert_eq!(sql(&admitted), sql(&query));
    let planned = plan(admitted.data()).unwrap();
    assert!(planned.exprs.nullable(planned.order_by[0].expr));
}

#[test]
fn no_lie_about_any_field_survives() {
    let queries = [
        (from!(u in User).erase(), User::META),
        (from!(o in Org).erase(), Org::META),
        (from!(p in Post).erase(), Post::META),
    ];
    for (query, meta) in queries {
        for field in meta.fields.iter() {
            for ty in Ty::ALL {
                for nullable in [false, true] {
                    let lie = lie_about_meta(&query, &meta, &field.name, |f| {
                        f["ty"] = serde_json::to_value(ty).unwrap();
                        f["nullable"] = json!(nullable);
                        f["column"] = json!("password");
                    });
                    let admitted = admit(&lie).expect("a lie about a listed table is admitted");
                    assert_eq!(admitted, query, "{}.{} as {ty:?}", meta.table, field.name);
                }
            }
        }
        // Lies about the key and the field list do not survive either.
        let lie = edited(&query, |q| {
            let schema = &mut q["from"]["source"]["Schema"];
            schema["primary_key"] = json!(["name"]);
            schema["fields"].as_array_mut().unwrap().truncate(1);
        });
        assert_eq!(admit(&lie).unwrap(), query);
    }
}

#[test]
fn two_schemas_of_one_table_make_it_ambiguous() {
    // Only its metadata matters: a second description of `users`.
    #[allow(dead_code)]
    #[derive(Schema)]
    #[recto(table = "users")]
    struct UserName {
        #[recto(primary_key)]
        id: i64,
        name: String,
    }
    let both = Catalog::new().with::<User>().with::<UserName>();
    let json = serde_json::to_string(&from!(u in User, select: u.id)).unwrap();
    let reason = refused(both.query_from_json(&json, &Limits::default()));
    assert!(reason.contains("two different schemas"), "{reason}");
    // The same schema twice is one schema.
    let twice = Catalog::new().with::<User>().with::<User>();
    assert!(twice.query_from_json(&json, &Limits::default()).is_ok());
    assert_eq!(twice.tables().collect::<Vec<_>>(), ["users"]);
}

#[test]
fn a_payload_naming_a_table_outside_the_catalog_is_refused() {
    let query = from!(u in User, select: u.id).erase();
    let json = serde_json::to_string(&query).unwrap();
    let reason = refused(admit(&json.replace(r#""users""#, r#""secrets""#)));
    assert!(reason.contains("`secrets`"), "{reason}");

    let schemaless = serde_json::to_string(&Query::table("secrets")).unwrap();
    assert!(refused(admit(&schemaless)).contains("`secrets`"));

    let joined = from!(u in User, join: t in "tags", on: t["user_id"] == u.id, select: u.id);
    let reason = refused(admit(&serde_json::to_string(&joined).unwrap()));
    assert!(reason.contains("`tags`"), "{reason}");

    let empty = Catalog::new().query_from_json(&json, &Limits::default());
    assert!(refused(empty).contains("`users`"));
}

#[test]
fn a_schemaless_source_of_a_listed_table_gets_its_schema() {
    let query = from!(u in "users", where: u["age"] > 30, select: u["name"]).erase();
    let admitted = admit(&serde_json::to_string(&query).unwrap()).unwrap();
    let planned = plan(admitted.data()).unwrap();
    assert_eq!(planned.exprs.ty(planned.select[0].expr), Some(Ty::Text));
    assert!(!planned.exprs.nullable(planned.select[0].expr));
    // Its fields are now checked against the schema.
    let unknown = from!(u in "users", select: u["password"]).erase();
    let admitted = admit(&serde_json::to_string(&unknown).unwrap()).unwrap();
    assert!(matches!(
        plan(admitted.data()),
        Err(Error::UnknownField { .. })
    ));
}

#[test]
fn a_payload_that_is_not_a_query_is_refused() {
    for junk in [
        "",
        "null",
        "{}",
        "[1, 2]",
        r#"{"from": 3}"#,
        "{\"from\"",
        "\u{0}",
    ] {
        refused(admit(junk));
    }
    let json = serde_json::to_string(&from!(u in User, select: u.id)).unwrap();
    refused(admit(&format!("{json} trailing")));
    // A huge unknown variant name is not repeated whole in the error.
    assert!(json.contains(r#"{"Index":0}"#));
    let huge = json.replace("\"Index\"", &format!("\"{}\"", "x".repeat(100_000)));
    let reason = refused(admit(&huge));
    assert!(reason.len() < 400, "{reason}");
}

#[path = "untrusted/limits.rs"]
mod limits;

#[path = "untrusted/fragments.rs"]
mod fragments;

#[test]
fn any_serde_format_goes_through_the_same_checks() {
    let query = from!(u in User, where: u.age > 30, select: u.name).erase();
    let value = serde_json::to_value(&query).unwrap();
    let back = catalog()
        .query_from_deserializer(value.clone(), &Limits::default())
        .unwrap();
    assert_eq!(back, query);
    let tight = Limits {
        nodes: 2,
        ..Limits::default()
    };
    let refused = catalog().query_from_deserializer(value, &tight);
    assert_eq!(limit_exceeded(refused), (Limit::Nodes, 2));
    let error = catalog()
        .query_from_deserializer(json!({"from": "users"}), &Limits::default())
        .unwrap_err();
    assert!(matches!(error, Error::UntrustedQuery { .. }), "{error}");
}

#[test]
fn nested_queries_round_trip_and_their_tables_are_the_catalogs() {
    let min = 3_i64;
    let query = from!(u in User, as: user,
        with_cte: "adults", as: from!(a in User, where: a.age >= 18, select: a.id),
        where: exists(from!(p in Post, where: p.user_id == parent_as(user).id && p.views > ^min))
            && u.id in subquery(from!(a in "adults", select: a.id)),
        select: u.name)
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = admit(&json).expect("nested queries over the catalog's tables are admitted");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
    // A nested query's table must be in the catalog too: `tags` is not.
    let other =
        from!(u in User, where: exists(from!(t in "tags", select: t.label)), select: u.id).erase();
    let json = serde_json::to_string(&other).unwrap();
    assert!(refused(admit(&json)).contains("`tags`"));
    // A CTE's name stands for the CTE only where the planner would read it so: a CTE
    // reading a later one's name reads a table, which must be the catalog's.
    let early = from!(t in "later", select: t.id);
    let later = from!(u in User, select: u.id);
    let sneaky =
        from!(u in User, with_cte: "first", as: early, with_cte: "later", as: later, select: u.id)
            .erase();
    let json = serde_json::to_string(&sneaky).unwrap();
    assert!(refused(admit(&json)).contains("`later`"));
    // And its nesting counts toward the limits: 17 levels of subqueries are refused.
    let mut deep: Query<User, i64> = from!(u in User, select: u.id);
    for _ in 0..=recto::MAX_NESTING {
        deep = from!(u in User, where: u.id in subquery(&deep), select: u.id);
    }
    let json = serde_json::to_string(&deep.erase()).unwrap();
    assert_eq!(limit_exceeded(admit(&json)).0, Limit::Nesting);
}

#[derive(recto::Row)]
#[allow(dead_code)]
struct Named {
    id: i64,
    name: String,
    score: i32,
}

/// Functions, `selected_as` and `select_merge` come back as they went out, and their names
/// are checked against the catalog's tables like any other.
#[test]
fn functions_selected_as_and_select_merge_round_trip_unchanged() {
    let query = from!(u in User, group_by: selected_as(decade), order_by: selected_as(decade),
        select: (selected_as(u.age / 10, decade), max(upper(substring(u.name, 1, 3)))))
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = admit(&json).expect("a query over the catalog's tables is admitted");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
    let query =
        from!(u in User, select_merge: Named { name: lower(u.name), score: round(u.age) }).erase();
    let json = serde_json::to_string(&query).unwrap();
    let back = admit(&json).expect("a merged select over the catalog's tables is admitted");
    assert_eq!(back, query);
    assert_eq!(sql(&back), sql(&query));
    let hidden = json.replace("\"age\"", "\"secret\"");
    assert!(
        admit(&hidden)
            .and_then(|q| q.to_sql(Postgres).map(|_| ()))
            .is_err()
    );
}
