//! Set operations (`union:`, `union_all:`, `intersect:`, `intersect_all:`, `except:`,
//! `except_all:`): the clause data the builder, the functions and `from!` record, the
//! untrusted catalog's checks of nested members, the planner's typed errors, and the SQL of
//! every operator in every dialect (each snapshot a reviewed claim). Rows on the engines are
//! `tests/set_operations_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{
    Catalog, Clause, Error, Limit, Limits, MAX_NESTING, Query, QueryData, SetOp, except,
    except_all, intersect, intersect_all, union, union_all,
};

use common::{User, error_of, render};

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
fn members_selecting_another_number_of_columns_are_a_typed_error() {
    let pairs = from!(u in User, select: (u.name, u.age)).any_rows();
    let q = from!(u in User, select: u.name).any_rows();
    let q = q.intersect_all(&pairs);
    match error_of(&q) {
        Error::InvalidClause { clause, reason, at } => {
            assert_eq!(clause, Clause::Combinations);
            assert!(
                reason.contains("`intersect_all:` member selects 2"),
                "{reason}"
            );
            assert_eq!((at.file.as_ref(), at.line), (file!(), line!() - 8));
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn members_selecting_other_types_are_a_typed_error() {
    let ages = from!(u in User, select: u.age).any_rows();
    let q = from!(u in User, select: u.name).any_rows();
    let q = q.union(&ages);
    match error_of(&q) {
        Error::InvalidClause { clause, reason, .. } => {
            assert_eq!(clause, Clause::Combinations);
            assert!(
                reason.contains("column 1 of the `union:` member is of type I32"),
                "{reason}"
            );
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn members_selecting_decimals_of_other_scales_are_a_typed_error() {
    use recto::rust_decimal::Decimal;
    let cents = from!(u in User, select: ^Decimal::new(150, 2));
    let q = from!(u in User, select: ^Decimal::new(1500, 3), union: &cents);
    match error_of(&q) {
        Error::InvalidClause { clause, reason, .. } => {
            assert_eq!(clause, Clause::Combinations);
            assert!(
                reason.contains("scale 2 where the query's has scale 3"),
                "{reason}"
            );
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn sorting_combined_rows_by_an_unselected_expression_is_a_typed_error() {
    let names = from!(u in User, select: u.name);
    let q = from!(u in User, select: u.name, union: &names, order_by: u.age);
    match error_of(&q) {
        Error::InvalidClause { clause, reason, at } => {
            assert_eq!(clause, Clause::OrderBy);
            assert!(reason.contains("selected columns"), "{reason}");
            assert_eq!(at.line, line!() - 5);
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn members_nested_past_the_limit_are_a_typed_error() {
    let names = from!(u in User, select: u.name);
    let mut deep = names.clone();
    for _ in 0..=MAX_NESTING {
        deep = names.clone().union(deep);
    }
    match error_of(&deep) {
        Error::LimitExceeded { limit, max } => {
            assert_eq!((limit, max), (Limit::Nesting, MAX_NESTING))
        }
        other => panic!("unexpected error: {other}"),
    }
}

#[test]
fn every_operator_renders_in_every_dialect() {
    let young = from!(u in User, where: u.age < ^40, select: u.org_id);
    let q = |base: Query<User, Option<i64>>| base;
    let all = || from!(u in User, where: u.age >= ^30, select: u.org_id);
    insta::assert_snapshot!("union", render(&q(all().union(&young))));
    insta::assert_snapshot!("union_all", render(&q(all().union_all(&young))));
    insta::assert_snapshot!("intersect", render(&q(all().intersect(&young))));
    insta::assert_snapshot!("intersect_all", render(&q(all().intersect_all(&young))));
    insta::assert_snapshot!("except", render(&q(all().except(&young))));
    insta::assert_snapshot!("except_all", render(&q(all().except_all(&young))));
}

#[test]
fn the_combined_rows_sort_and_count_and_members_keep_their_own() {
    let oldest = from!(u in User, order_by: [desc: u.age], limit: ^2, select: u.org_id);
    let min = 30;
    let q = from!(u in User,
        where: u.age >= ^min,
        select: u.org_id,
        union_all: &oldest,
        order_by: [desc: u.org_id],
        limit: ^3,
        offset: 1);
    insta::assert_snapshot!("combined_order_limit", render(&q));
    // Without a sort or count of its own, the chain is still wrapped, so every operand's
    // columns are computed alike (numbered) and the wrapper names them.
    let q = from!(u in User, where: u.age >= ^min, select: u.org_id, union_all: &oldest);
    insta::assert_snapshot!("member_with_its_own_limit", render(&q));
}

#[test]
fn a_mixed_chain_keeps_intersect_binding_tighter() {
    let one = from!(u in User, where: u.id == 1, select: u.org_id);
    let six = from!(u in User, where: u.id == 6, select: u.org_id);
    let nested = from!(u in User, select: u.org_id, except: &one);
    let q = from!(u in User, select: u.org_id, union: &six, intersect: &one, except: &nested);
    insta::assert_snapshot!("mixed_chain", render(&q));
    // An INTERSECT run first: its derived table has numbered columns, and a wrapper gives
    // the name back.
    let q = from!(u in User, select: u.org_id, intersect: &one, union_all: &six);
    insta::assert_snapshot!("mixed_chain_intersect_first", render(&q));
}

#[test]
fn intersect_all_and_except_all_are_numbered_rows_on_sqlite() {
    let one = from!(u in User, where: u.id == ^1, select: (u.org_id, u.name));
    let six = from!(u in User, where: u.id == ^6, select: (u.org_id, u.name));
    let q = from!(u in User, select: (u.org_id, u.name), except_all: &one, intersect_all: &six);
    insta::assert_snapshot!("all_forms_emulated", render(&q));
    let q = from!(u in User, select: (u.org_id, u.name), union: &one, except_all: &six, limit: 2);
    insta::assert_snapshot!("all_forms_emulated_in_a_chain", render(&q));
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
