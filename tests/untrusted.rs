//! Queries from outside the program: `Catalog::query_from_json` takes every table's
//! metadata from the schemas compiled into the program, refuses other tables, and refuses
//! payloads past each of its `Limits` with an error naming the limit.

mod common;

use recto::prelude::*;
use recto::{
    BindingRef, Catalog, Clause, Error, Expr, Limit, Limits, MAX_EXPR_DEPTH, Ty, UnOp, Value, plan,
};
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
    let index = S::META.fields.iter().position(|f| f.name == name).unwrap();
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
fn a_payload_that_lies_about_a_columns_type_gets_the_catalogs_type() {
    // `score` is an f64: MySQL divides it with `/`. Called an i64, it would print `DIV`.
    let query = from!(p in Post, select: p.score / 2).erase();
    let lie = lie_about::<Post>(&query, "score", |field| {
        field["ty"] = json!("I64");
    });

    let believed: Query = serde_json::from_str(&lie).unwrap();
    let believed_plan = plan(believed.data()).unwrap();
    assert_eq!(
        believed_plan.select[0].expr.ty(),
        Some(Ty::I64),
        "the plain path believes"
    );
    assert!(believed.to_sql(MySql).unwrap().text.contains(" DIV "));

    let admitted = admit(&lie).unwrap();
    let planned = plan(admitted.data()).unwrap();
    assert_eq!(planned.select[0].expr.ty(), Some(Ty::F64));
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
    assert!(planned.order_by[0].expr.nullable());
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
    assert_eq!(planned.select[0].expr.ty(), Some(Ty::Text));
    assert!(!planned.select[0].expr.nullable());
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

#[test]
fn the_input_size_limit() {
    let json = serde_json::to_string(&from!(u in User, select: u.id)).unwrap();
    let limits = Limits {
        input_bytes: json.len(),
        ..Limits::default()
    };
    catalog()
        .query_from_json(&json, &limits)
        .expect("a payload at the limit");
    let padded = format!("{json} ");
    let refused = catalog().query_from_json(&padded, &limits);
    assert_eq!(limit_exceeded(refused), (Limit::InputBytes, json.len()));
}

fn field(name: &'static str) -> Expr {
    Expr::field(BindingRef::Index(0), name)
}

/// `u.age > 0` under `depth` NOTs.
fn nots(depth: usize) -> Expr {
    let mut expr = Expr::binary(recto::BinOp::Gt, field("age"), Expr::Lit(Value::I32(0)));
    for _ in 1..depth {
        expr = Expr::Unary {
            op: UnOp::Not,
            expr: Box::new(expr),
        };
    }
    expr
}

/// Runs `test` on a thread with a 2 MiB stack, the default of a spawned thread.
fn on_small_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(test)
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn the_depth_limit_is_exact_and_not_cut_short_by_serde_json() {
    on_small_stack(|| {
        for depth in [8, 64, 200, MAX_EXPR_DEPTH] {
            let limits = Limits {
                depth,
                ..Limits::default()
            };
            let at = Query::<User>::from_schema().filter(nots(depth)).erase();
            let json = serde_json::to_string(&at).unwrap();
            let back = catalog().query_from_json(&json, &limits);
            assert_eq!(back.expect("a query at the depth limit"), at);
            let past = Query::<User>::from_schema().filter(nots(depth + 1));
            let json = serde_json::to_string(&past);
            // Past the crate-wide bound the query cannot even be serialized.
            let Ok(json) = json else { continue };
            let refused = catalog().query_from_json(&json, &limits);
            assert_eq!(limit_exceeded(refused), (Limit::Depth, depth));
        }
    });
}

#[test]
fn deep_nesting_anywhere_in_the_payload_is_refused_without_recursion() {
    on_small_stack(|| {
        let json = serde_json::to_string(&from!(u in User, select: u.id)).unwrap();
        let deep = "[".repeat(500_000) + &"]".repeat(500_000);
        // In an unknown field, which serde skips by recursing through it.
        let junk = json.replacen('{', &format!("{{\"junk\":{deep},"), 1);
        let limits = Limits {
            input_bytes: usize::MAX,
            ..Limits::default()
        };
        let refused = catalog().query_from_json(&junk, &limits);
        assert_eq!(limit_exceeded(refused), (Limit::Depth, 64));
        // And as an expression, written by hand since no serializer writes it.
        let not = r#"{"Unary":{"op":"Not","expr":"#;
        let leaf = r#"{"Field":{"binding":{"Index":0},"name":"age"}}"#;
        let expr = not.repeat(30) + leaf + &"}}".repeat(30);
        let query = Query::<User>::from_schema().filter(field("age")).erase();
        let query = edited(&query, |q| {
            q["wheres"][0]["expr"] = serde_json::from_str(&expr).unwrap();
        });
        let limits = Limits {
            depth: 29,
            ..Limits::default()
        };
        let refused = catalog().query_from_json(&query, &limits);
        assert_eq!(limit_exceeded(refused), (Limit::Depth, 29));
    });
}

#[test]
fn the_node_limit() {
    let wide = (0..5).fold(field("age"), |e, _| e.and(field("id")));
    let query = Query::<User>::from_schema().filter(wide).erase();
    let json = serde_json::to_string(&query).unwrap();
    // Five ANDs over six fields: eleven nodes.
    let limits = |nodes| Limits {
        nodes,
        ..Limits::default()
    };
    catalog().query_from_json(&json, &limits(11)).unwrap();
    let refused = catalog().query_from_json(&json, &limits(10));
    assert_eq!(limit_exceeded(refused), (Limit::Nodes, 10));
}

#[test]
fn the_list_limit_applies_to_every_list() {
    let ids: Vec<i64> = (0..4).collect();
    let queries = [
        from!(u in User, where: u.id in ^&ids, select: u.id).erase(),
        from!(u in User, where: u.id in [1, 2, 3, 4], select: u.id).erase(),
        from!(u in User, select: coalesce(u.email, u.name, "a", "b")).erase(),
        from!(u in User, select: (u.id, u.name, u.age, u.email)).erase(),
        from!(u in User, group_by: [u.id, u.name, u.age, u.email], select: u.id).erase(),
        from!(u in User, order_by: [u.id, u.name, u.age, u.email], select: u.id).erase(),
        Query::<User>::from_schema()
            .filter(Expr::Param(Value::Array(recto::Array::I64(ids.clone()))).and(field("age")))
            .erase(),
    ];
    let limits = |list_len| Limits {
        list_len,
        ..Limits::default()
    };
    for query in queries {
        let json = serde_json::to_string(&query).unwrap();
        catalog().query_from_json(&json, &limits(4)).unwrap();
        let refused = catalog().query_from_json(&json, &limits(3));
        assert_eq!(limit_exceeded(refused), (Limit::ListLength, 3), "{json}");
    }
}

#[test]
fn the_clause_limit_counts_each_kind() {
    let limits = Limits {
        clauses: 2,
        ..Limits::default()
    };
    let admit = |query: Query<User>| {
        let json = serde_json::to_string(&query).unwrap();
        catalog().query_from_json(&json, &limits)
    };
    let two = from!(u in User, where: u.id > 1, where: u.id < 9, order_by: u.id, order_by: u.age);
    admit(two.clone()).unwrap();
    let cases = [
        (from!(u in &two, where: u.age > 3), Clause::Where),
        (from!(u in &two, or_where: u.age > 3), Clause::Where),
        (from!(u in &two, order_by: u.name), Clause::OrderBy),
        (
            from!(u in &two, group_by: u.id, group_by: u.age, group_by: u.name, select: u.id),
            Clause::GroupBy,
        ),
        (
            from!(u in User, group_by: u.id, having: count() > 1, having: count() > 2,
                  or_having: count() > 3, select: u.id),
            Clause::Having,
        ),
    ];
    for (query, clause) in cases {
        assert_eq!(limit_exceeded(admit(query)), (Limit::Clauses(clause), 2));
    }
}

#[test]
fn the_join_limit() {
    let limits = Limits {
        joins: 1,
        ..Limits::default()
    };
    let one = from!(u in User, join: o in Org, on: o.id == u.org_id);
    let json = serde_json::to_string(&one).unwrap();
    catalog().query_from_json(&json, &limits).unwrap();
    let two = from!([u, o] in one, join: p in Post, on: p.user_id == u.id);
    let json = serde_json::to_string(&two).unwrap();
    let refused = catalog().query_from_json(&json, &limits);
    assert_eq!(limit_exceeded(refused), (Limit::Joins, 1));
}

/// A change to a query's JSON.
type Edit<'a> = &'a dyn Fn(&mut serde_json::Value);

#[test]
fn huge_names_are_refused_wherever_they_are() {
    // Only its field names matter: the row type of a struct `select:`.
    #[allow(dead_code)]
    #[derive(recto::sqlx::FromRow)]
    struct Named {
        n: i64,
    }

    let huge = "n".repeat(100_000);
    let query = from!(u in User, join: o in Org, on: o.id == u.org_id, as: org,
                      select: (u.id, o.name))
    .erase();
    let json = serde_json::to_string(&query).unwrap();
    let places: [(&str, Edit); 5] = [
        ("table", &|q| {
            q["from"]["source"]["Schema"]["table"] = json!(huge)
        }),
        ("binding", &|q| q["joins"][0]["name"] = json!(huge)),
        ("field", &|q| {
            q["select"]["select"]["Tuple"][0]["Expr"]["Field"]["name"] = json!(huge)
        }),
        ("named binding", &|q| {
            q["select"]["select"]["Tuple"][1]["Expr"]["Field"]["binding"] = json!({"Named": huge})
        }),
        ("file", &|q| q["joins"][0]["at"]["file"] = json!(huge)),
    ];
    for (place, edit) in places {
        let mut value: serde_json::Value = serde_json::from_str(&json).unwrap();
        edit(&mut value);
        let refused = admit(&value.to_string());
        assert_eq!(
            limit_exceeded(refused),
            (Limit::NameLength, 255),
            "a huge {place} name"
        );
    }
    let alias = from!(u in User, select: Named { n: u.id }).erase();
    let json = serde_json::to_string(&alias)
        .unwrap()
        .replace(r#"["n","#, &format!("[\"{huge}\","));
    assert_eq!(
        limit_exceeded(admit(&json)),
        (Limit::NameLength, 255),
        "a huge alias"
    );
}

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
