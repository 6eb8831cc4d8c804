//! A call-site template renders through the cache exactly as its clauses render without
//! it, whatever its pins, and a repeated call site is served from the cache.

use recto_core::dsl::{
    and, arg, condition, eq, field_by_name, gt, in_param, like, list_arg, lit, one, pin, selected,
    template, template_on,
};
use recto_core::{Array, BindingRef, Query, Value};

use crate::{Dialect, MySql, Postgres, Sqlite, ToSql, render_uncached};

fn column(name: &'static str) -> recto_core::dsl::Typed<recto_core::value::Any> {
    field_by_name(BindingRef::Index(0), name)
}

/// `from!(u in "users", where: u.name == ^name && like(u.email, "A%") && u.id > ^min
/// && u.id in ^ids, select: u.name)`, as the macro writes it.
fn users(name: Value, min: Value, ids: Array) -> Query {
    template((arg(name), arg(min), list_arg(ids)), |(name, min, ids)| {
        Query::table("users")
            .filter(condition(and(
                and(
                    and(
                        eq(column("name"), pin(name)),
                        like(column("email"), lit("A%"), false),
                    ),
                    gt(column("id"), pin(min)),
                ),
                in_param(column("id"), ids),
            )))
            .select(one(selected(column("name"))))
            .erase()
    })
}

/// `from!(u in q, where: u.age > ^age)`: a call site that extends `q`.
fn older(q: Query, age: Value) -> Query {
    template_on(
        (),
        (arg(age),),
        q,
        |q, (age,), ()| q.filter(condition(gt(column("age"), pin(age)))),
        false,
    )
}

/// The pins the tests vary: equal and unequal values, a pin equal to the literal, NULL,
/// NaN, negative numbers and lists of several lengths.
fn cases() -> Vec<(Value, Value, Array)> {
    let text = |s: &str| Value::Text(s.to_owned());
    vec![
        (text("Ada"), Value::I64(1), Array::I64(vec![1, 2, 3])),
        (text("Grace"), Value::I64(2), Array::I64(vec![4, 5, 6])),
        (text("A%"), Value::I64(3), Array::I64(vec![7])),
        (text("Ada"), Value::I64(-4), Array::I64(vec![])),
        (
            Value::Null(recto_core::Ty::Text),
            Value::F64(f64::NAN),
            Array::I64(vec![1; 9]),
        ),
        (text("7"), Value::I64(7), Array::I64(vec![7, 7])),
        (
            text("Ada"),
            Value::I64(1),
            Array::Text(vec!["1".into(), "2".into()]),
        ),
    ]
}

/// Results are compared as their debug text, in which a NaN parameter equals itself.
fn check<D: Dialect + Copy>(dialect: D) {
    for round in 0..2 {
        for (name, min, ids) in cases() {
            let query = users(name.clone(), min.clone(), ids.clone());
            assert!(query.template().is_some());
            let expected = render_uncached(query.data(), &dialect)
                .map_err(|e| e.to_string())
                .map(|sql| format!("{sql:?}"));
            let fresh = users(name, min, ids);
            let sql = fresh
                .to_sql(dialect)
                .map_err(|e| e.to_string())
                .map(|sql| format!("{sql:?}"));
            assert_eq!(sql, expected, "round {round}");
            let composed = older(fresh.clone(), Value::I32(30));
            assert_eq!(
                composed
                    .to_sql(dialect)
                    .map_err(|e| e.to_string())
                    .map(|sql| format!("{sql:?}")),
                render_uncached(composed.data(), &dialect)
                    .map_err(|e| e.to_string())
                    .map(|sql| format!("{sql:?}")),
                "round {round}, composed"
            );
        }
    }
}

#[test]
fn templates_render_as_their_clauses_on_postgres() {
    check(Postgres);
}

#[test]
fn templates_render_as_their_clauses_on_mysql() {
    check(MySql);
}

#[test]
fn templates_render_as_their_clauses_on_sqlite() {
    check(Sqlite);
}

/// A repeated call site is a hit: its clauses are never built.
#[test]
fn a_repeated_call_site_is_rendered_without_building_its_clauses() {
    // A call site of this test's own, which no other test renders.
    let by_name = |name: &str, min: i64| -> Query {
        template((arg(name.to_owned()), arg(min)), |(name, min)| {
            Query::table("people")
                .filter(condition(and(
                    like(column("name"), pin(name), false),
                    gt(column("id"), pin(min)),
                )))
                .select(one(selected(column("name"))))
                .erase()
        })
    };
    let first = by_name("Ada", 1);
    let expected = first.to_sql(Postgres).expect("renders");
    assert!(first.template().is_some_and(|t| t.is_built()));
    let second = by_name("Bob", 2);
    let sql = second.to_sql(Postgres).expect("renders");
    assert!(second.template().is_some_and(|t| !t.is_built()));
    assert_eq!(sql.text, expected.text);
    assert_eq!(sql.params, [Value::Text("Bob".into()), Value::I64(2)]);
}

/// A call site whose clauses compare expressions but that does not say so is never served
/// from the cache: its pins' `==` relation is not in its key.
#[test]
fn a_call_site_that_hides_its_grouping_is_not_cached() {
    // `SELECT age + ^c ... GROUP BY age + ^b`: valid where `b == c`, an error elsewhere.
    let grouped = |b: i64, c: i64| -> Query {
        template((arg(b), arg(c)), |(b, c)| {
            Query::table("people")
                .group_by(vec![recto_core::dsl::expr(recto_core::dsl::add(
                    column("age"),
                    pin(b),
                ))])
                .select(one(selected(recto_core::dsl::add(column("age"), pin(c)))))
                .erase()
        })
    };
    for (b, c) in [(1, 1), (1, 2), (2, 2), (2, 1)] {
        let query = grouped(b, c);
        let expected = render_uncached(query.data(), &MySql).map_err(|e| e.to_string());
        assert_eq!(expected.is_ok(), b == c, "{expected:?}");
        let fresh = grouped(b, c);
        assert_eq!(fresh.to_sql(MySql).map_err(|e| e.to_string()), expected);
        // Rendered through its clauses every time, never from the cache.
        assert!(fresh.template().is_some_and(|t| t.is_built()));
    }
}

/// A pin that is a spliced condition makes the query at once: no template.
#[test]
fn a_dynamic_pin_builds_at_once() {
    let dynamic = recto_core::Dynamic::new(recto_core::Expr::Lit(Value::Bool(true)));
    let query: Query = template((arg(dynamic),), |(d,)| {
        Query::table("users")
            .filter(condition(pin(d)))
            .select(one(selected(column("name"))))
            .erase()
    });
    assert!(query.template().is_none());
    let sql = query.to_sql(Postgres).expect("renders");
    assert_eq!(
        sql.text,
        r#"SELECT u0."name" FROM "users" AS u0 WHERE TRUE"#
    );
}

/// `into_sql` of a template nobody else holds moves a large pin into the parameters; one
/// that is shared clones it.
#[test]
fn into_sql_moves_large_pins_of_an_unshared_template() {
    let by_note = |note: String| -> Query {
        template((arg(note),), |(note,)| {
            Query::table("notes")
                .filter(condition(eq(column("body"), pin(note))))
                .select(one(selected(column("id"))))
                .erase()
        })
    };
    by_note("warm".into()).to_sql(Sqlite).expect("renders");
    let long = "n".repeat(10_000);
    let pinned = long.clone();
    let address = pinned.as_ptr();
    let sql = crate::IntoSql::into_sql(by_note(pinned), Sqlite).expect("renders");
    match sql.params.as_slice() {
        [Value::Text(text)] => {
            assert_eq!(*text, long);
            assert_eq!(text.as_ptr(), address, "moved, not copied");
        }
        other => panic!("unexpected parameters {other:?}"),
    }
    let shared = by_note(long.clone());
    let keep = shared.clone();
    let sql = crate::IntoSql::into_sql(shared, Sqlite).expect("renders");
    assert_eq!(sql.params, [Value::Text(long)]);
    assert!(keep.template().is_some_and(|t| t.params().len() == 1));
}
