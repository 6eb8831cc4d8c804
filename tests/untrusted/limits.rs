//! One test per limit of `Limits`: a payload at the limit is admitted, one past it refused
//! with `Error::LimitExceeded` naming it.

use recto::prelude::*;
use recto::{BindingRef, Clause, Expr, Limit, Limits, MAX_EXPR_DEPTH, UnOp, Value};
use serde_json::json;

use super::common::{Org, Post, User};
use super::{admit, catalog, edited, limit_exceeded};

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

/// `u.age > 0` under `depth - 1` NOTs: `depth` levels below the top.
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
            match serde_json::to_string(&past) {
                Ok(json) => {
                    let refused = catalog().query_from_json(&json, &limits);
                    assert_eq!(limit_exceeded(refused), (Limit::Depth, depth));
                }
                // Past the crate-wide bound the query cannot even be serialized.
                Err(_) => assert_eq!(depth, MAX_EXPR_DEPTH),
            }
        }
    });
}

#[test]
fn the_json_nesting_bound_admits_the_deepest_forms() {
    on_small_stack(|| {
        // `x in [.., e]` nests three JSON levels per expression level, the most of any form,
        // and sits here in a struct select with a bound list at the bottom: the deepest
        // JSON a query of this depth can have.
        let mut expr = Expr::Param(Value::Array(recto::Array::F64(vec![1.0])));
        for _ in 0..MAX_EXPR_DEPTH {
            expr = Expr::InList {
                expr: Box::new(field("age")),
                list: vec![expr],
            };
        }
        let select = recto::Select::Struct(vec![("n".into(), recto::Selected::Expr(expr))]);
        let query = Query::<User>::from_schema().select(select).erase();
        let json = serde_json::to_string(&query).unwrap();
        let limits = Limits {
            depth: MAX_EXPR_DEPTH,
            nodes: usize::MAX,
            ..Limits::default()
        };
        let back = catalog().query_from_json(&json, &limits);
        assert_eq!(back.expect("the deepest form at the limit"), query);
        // Junk nested as deep as that bound lets through (the root object is one level),
        // in a field serde skips, does not exhaust the stack either.
        let levels = 3 * MAX_EXPR_DEPTH + 16 - 1;
        let junk = "[".repeat(levels) + &"]".repeat(levels);
        let junk = json.replacen('{', &format!("{{\"junk\":{junk},"), 1);
        let back = catalog().query_from_json(&junk, &limits);
        assert_eq!(back.expect("unknown fields are skipped"), query);
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
    let admit = |query: Query<User, recto::row::AnyRow>| {
        let json = serde_json::to_string(&query).unwrap();
        catalog().query_from_json(&json, &limits)
    };
    let two = from!(u in User, where: u.id > 1, where: u.id < 9, order_by: u.id, order_by: u.age);
    admit(two.clone().any_rows()).unwrap();
    let cases = [
        (from!(u in &two, where: u.age > 3).any_rows(), Clause::Where),
        (
            from!(u in &two, or_where: u.age > 3).any_rows(),
            Clause::Where,
        ),
        (
            from!(u in &two, order_by: u.name).any_rows(),
            Clause::OrderBy,
        ),
        (
            from!(u in &two, group_by: u.id, group_by: u.age, group_by: u.name, select: u.id)
                .any_rows(),
            Clause::GroupBy,
        ),
        (
            from!(u in User, group_by: u.id, having: count() > 1, having: count() > 2,
                  or_having: count() > 3, select: u.id)
            .any_rows(),
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
