//! Set operations (`union:`, `union_all:`, `intersect:`, `intersect_all:`, `except:`,
//! `except_all:`): the clause data the builder, the functions and `from!` record, the
//! untrusted catalog's checks of nested members, and the typed error the planner gives
//! until it plans them.

mod common;

use recto::prelude::*;
use recto::{
    Catalog, Clause, Error, Limit, Limits, MAX_NESTING, Query, QueryData, SetOp, except,
    except_all, intersect, intersect_all, union, union_all,
};

use common::{User, error_of};

fn ops(data: &QueryData) -> Vec<SetOp> {
    data.combinations.iter().map(|c| c.op).collect()
}

#[test]
fn the_functions_and_methods_record_each_operator_in_order() {
    let adults = from!(u in User, where: u.age >= 18, select: u.name);
    let named = from!(u in User, where: u.name == "ann", select: u.name);
    let q = union(&adults, &named);
    let q = union_all(q, &named);
    let q = intersect(q, &named);
    let q = intersect_all(q, &named);
    let q = except(q, &named);
    let q = except_all(q, &named).union(&named);
    assert_eq!(
        ops(q.data()),
        [
            SetOp::Union,
            SetOp::UnionAll,
            SetOp::Intersect,
            SetOp::IntersectAll,
            SetOp::Except,
            SetOp::ExceptAll,
            SetOp::Union,
        ]
    );
    // The member's clauses are kept whole; the query's own are untouched.
    assert_eq!(q.data().combinations[0].query, *named.data());
    assert_eq!(q.data().wheres, adults.data().wheres);
    assert_eq!(q.data().combinations[0].at.line, line!() - 21);
}

#[test]
fn from_records_every_set_operation_clause_after_the_others() {
    let others = from!(u in User, where: u.age < 18, select: u.name);
    let min = 18;
    // `union:` before `select:`: the member's rows are checked against the selected type.
    let q = from!(u in User,
        union: ^others.clone(),
        union_all: others.clone(),
        intersect: &others,
        intersect_all: &others,
        except: &others,
        except_all: &others,
        where: u.age >= ^min,
        select: u.name,
        order_by: u.name,
        limit: 3);
    assert_eq!(
        ops(q.data()),
        [
            SetOp::Union,
            SetOp::UnionAll,
            SetOp::Intersect,
            SetOp::IntersectAll,
            SetOp::Except,
            SetOp::ExceptAll,
        ]
    );
    assert_eq!(q.data().combinations[0].at.line, line!() - 21);
    assert!(q.data().limit.is_some() && q.data().order_bys.len() == 1);
}

#[test]
fn planning_a_set_operation_is_a_typed_error_naming_the_clause_and_line() {
    let names = from!(u in User, select: u.name);
    let q = from!(u in User, select: u.name, intersect_all: &names);
    match error_of(&q) {
        Error::InvalidClause { clause, reason, at } => {
            assert_eq!(clause, Clause::Combinations);
            assert!(reason.contains("`intersect_all:`"), "{reason}");
            assert_eq!((at.file.as_ref(), at.line), (file!(), line!() - 5));
        }
        other => panic!("unexpected error: {other}"),
    }
    // Nested inside the member too.
    let nested = names.clone().union(names.clone().except(&names));
    assert!(matches!(
        error_of(&nested),
        Error::InvalidClause {
            clause: Clause::Combinations,
            ..
        }
    ));
}

#[test]
fn exclude_removes_the_set_operations() -> Result<(), Error> {
    let names = from!(u in User, select: u.name);
    let q = recto::exclude(names.clone().union(&names), Clause::Combinations)?;
    assert!(q.data().combinations.is_empty());
    Ok(())
}

fn admit(json: &str) -> Result<Query, Error> {
    Catalog::new()
        .with::<User>()
        .query_from_json(json, &Limits::default())
}

#[test]
fn an_untrusted_query_has_its_members_rebound_and_bounded() {
    let names = from!(u in User, select: u.name).erase();
    let both = names.clone().union(&names);
    // A member naming a table outside the catalog is refused.
    let mut outside = serde_json::to_value(&both).unwrap();
    outside["combinations"][0]["query"]["from"]["source"] = serde_json::json!({"Table": "secrets"});
    match admit(&outside.to_string()) {
        Err(Error::UntrustedQuery { reason }) => assert!(reason.contains("secrets"), "{reason}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
    // A member naming a listed table gets the catalog's schema.
    let mut table = serde_json::to_value(&both).unwrap();
    table["combinations"][0]["query"]["from"]["source"] = serde_json::json!({"Table": "users"});
    let admitted = admit(&table.to_string()).expect("admitted");
    assert_eq!(admitted.data(), both.data());
    // Members nested past MAX_NESTING are refused with a typed error.
    let mut deep = names.clone();
    for _ in 0..=MAX_NESTING {
        deep = names.clone().union(deep);
    }
    let json = serde_json::to_string(&deep).unwrap();
    match admit(&json) {
        Err(Error::LimitExceeded { limit, max }) => {
            assert_eq!((limit, max), (Limit::Nesting, MAX_NESTING));
        }
        other => panic!("expected a limit error, got {other:?}"),
    }
    // Too many members at one level.
    let mut wide = names.clone();
    for _ in 0..=Limits::default().clauses {
        wide = wide.union(&names);
    }
    let json = serde_json::to_string(&wide).unwrap();
    match admit(&json) {
        Err(Error::LimitExceeded { limit, .. }) => {
            assert_eq!(limit, Limit::Clauses(Clause::Combinations));
        }
        other => panic!("expected a limit error, got {other:?}"),
    }
}
