//! Call-site templates render exactly as their clauses do: `from!` call sites, called with
//! random pins one after another (equal to each other and to a literal of the query, NULL,
//! NaN, infinite, negative, and lists of many lengths), give through the shape cache the
//! text and parameters (or the error) that rendering their built clauses without the cache
//! gives, on every dialect, through `to_sql` and `into_sql` alike. Composed call sites
//! (`from!(u in q, ..)` over a template) are keyed by their whole chain.

use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestRunner};
use recto::prelude::*;
use recto::{IntoSql, MySql, Postgres, Query, Sqlite, render_uncached};

use crate::common::{Post, User};
use crate::config;

/// The pins of one call of every call site below.
#[derive(Clone, Debug)]
struct Pins {
    name: String,
    other: String,
    age: i32,
    id: i64,
    ids: Vec<i64>,
    names: Vec<String>,
    email: Option<String>,
    score: f64,
    limit: i64,
}

fn text() -> impl Strategy<Value = String> {
    // Few distinct texts, so that pins often equal each other and the literal "A%".
    prop_oneof![Just("A%".to_owned()), Just("Ada".to_owned()), "[a-c%]{0,3}"]
}

fn pins() -> impl Strategy<Value = Pins> {
    let float = prop_oneof![
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        -3.0..3.0_f64,
    ];
    (
        (text(), text(), -2..3_i32, -2..3_i64),
        (
            proptest::collection::vec(-2..3_i64, 0..20),
            proptest::collection::vec(text(), 0..6),
            proptest::option::of(text()),
            float,
            -2..5_i64,
        ),
    )
        .prop_map(
            |((name, other, age, id), (ids, names, email, score, limit))| Pins {
                name,
                other,
                age,
                id,
                ids,
                names,
                email,
                score,
                limit,
            },
        )
}

/// Every call site, called with `pins`.
fn queries(p: &Pins) -> Vec<Query> {
    let Pins {
        name,
        other,
        age,
        id,
        ids,
        names,
        email,
        score,
        limit,
    } = p.clone();
    vec![
        from!(u in User, where: u.name == ^name.clone() && like(u.name, "A%") && u.age > ^age,
              select: (u.id, u.name))
        .erase(),
        from!(u in User, where: u.id in ^ids.clone() && u.name in ^names.clone()
              || u.name == ^other.clone(), order_by: [desc: u.id], limit: ^limit, select: u.id)
        .erase(),
        from!(u in User, where: u.email == ^email.clone() || is_nil(u.email),
              group_by: u.age, having: count(u.id) > ^id, select: (u.age, count(u.id)))
        .erase(),
        from!(p in Post, where: p.score * ^score + 1.0 > ^score && p.title != ^name.clone(),
              select: (p.id, p.score * ^score))
        .erase(),
        from!(u in User, join: p in Post, on: p.user_id == u.id && p.title == ^other.clone(),
              where: u.id != ^id, distinct: true, order_by: [asc: u.name],
              offset: ^limit, select: (u.name, p.title))
        .erase(),
        // Composed call sites: on a template, and on a composed template of a join.
        from!(u in from!(u in User, where: u.name == ^name.clone()),
              where: u.age != ^age || u.email == ^other.clone(), limit: ^limit,
              select: (u.id, u.name))
        .erase(),
        from!([u, p] in from!(u in User, join: p in Post, on: p.user_id == u.id,
                                 where: p.score > ^score),
              where: p.title != ^other && u.id in ^ids.clone(), group_by: u.id,
              select: (u.id, count(p.id)))
        .erase(),
        // One composing call site over different sources, two of them alike but for an
        // operator.
        page(from!(u in User, where: u.name == ^name.clone()), limit).erase(),
        page(
            from!(u in User, where: u.age > ^age, order_by: [desc: u.age]),
            limit,
        )
        .erase(),
        page(
            from!(u in User, where: u.age < ^age, order_by: [desc: u.age]),
            limit,
        )
        .erase(),
    ]
}

/// A composition function: the same call site whatever query it is given.
fn page<S>(q: Query<S>, limit: i64) -> Query<S, recto::value::Any> {
    from!(u in q, limit: ^limit, select: u["id"])
}

/// The result of a render, as comparable text (a NaN parameter equals itself there).
fn shown(result: Result<recto::Sql, recto::Error>) -> String {
    match result {
        Ok(sql) => format!("{sql:?}"),
        Err(error) => format!("error: {error}"),
    }
}

fn check(calls: &[Pins]) -> Result<(), TestCaseError> {
    // Twice over, so every call is rendered both after the others and after itself.
    for round in 0..2 {
        for (call, pins) in calls.iter().enumerate() {
            for (site, query) in queries(pins).into_iter().enumerate() {
                let at = format!("round {round}, call {call}, call site {site}: {pins:?}");
                let expected = [
                    shown(render_uncached(query.data(), &Postgres)),
                    shown(render_uncached(query.data(), &MySql)),
                    shown(render_uncached(query.data(), &Sqlite)),
                ];
                // Fresh queries, whose clauses are not built, so a hit renders from pins.
                let fresh = || queries(pins).swap_remove(site);
                prop_assert!(fresh().template().is_some(), "not a template: {}", at);
                let cached = [
                    shown(fresh().to_sql(Postgres)),
                    shown(fresh().to_sql(MySql)),
                    shown(fresh().to_sql(Sqlite)),
                ];
                prop_assert_eq!(&cached, &expected, "to_sql, {}", at);
                let moved = [
                    shown(fresh().into_sql(Postgres)),
                    shown(fresh().into_sql(MySql)),
                    shown(fresh().into_sql(Sqlite)),
                ];
                prop_assert_eq!(&moved, &expected, "into_sql, {}", at);
            }
        }
    }
    Ok(())
}

#[test]
fn call_sites_render_as_their_clauses() {
    let (config, seed) = config(128);
    let mut runner = TestRunner::new(config);
    let outcome = runner.run(&proptest::collection::vec(pins(), 1..5), |calls| {
        check(&calls)
    });
    if let Err(e) = outcome {
        panic!("call-site templates: {e}\nreproduce with PROPTEST_RNG_SEED={seed}");
    }
}
