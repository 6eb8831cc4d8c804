//! Raw SQL fragments (`fragment("lower(?) = ?", u.name, ^v)`) as the SQL of every form in
//! every dialect (each snapshot a reviewed claim), their typing, and the typed errors of
//! their misuse. Values on the engines are `tests/fragments_live.rs`'s.

mod common;

use recto::prelude::*;
use recto::{Clause, Error, Expr, FragmentPart, Query, Select, Selected};

use common::{User, error_of, render};

#[test]
fn arguments_fill_placeholders_in_parentheses() {
    let v = "alice";
    let q = from!(u in User,
        where: fragment("lower(?) = ?", u.name, ^v),
        select: u.id);
    insta::assert_snapshot!("arguments", render(&q));
}

#[test]
fn typed_fragment_in_select_and_order_by() {
    let q: Query<User, (i64, Option<i64>)> = from!(u in User,
        select: (fragment::<i64>("? * 2", u.age), fragment::<Option<i64>>("?", u.org_id)),
        order_by: [desc: fragment("coalesce(?, 0)", u.org_id)]);
    insta::assert_snapshot!("typed", render(&q));
}

#[test]
fn splice_binds_each_element() {
    let ids = vec![1_i64, 2, 3];
    let q = from!(u in User, where: fragment::<bool>("? IN (?)", u.id, splice(^ids)), select: u.id);
    insta::assert_snapshot!("splice", render(&q));
}

#[test]
fn identifier_is_quoted_never_bound() {
    let column = "name";
    let q = from!(u in User, select: fragment::<String>("u0.?", identifier(^column)));
    insta::assert_snapshot!("identifier", render(&q));
    // A quote character in the name is doubled by the dialect's quoting, so the name stays
    // one identifier.
    let hostile = "na\"me`] --";
    let q = from!(u in User, select: fragment("?", identifier(^hostile)));
    insta::assert_snapshot!("identifier_quoted", render(&q));
}

/// A text with a quote and a question mark is a bound value: the SQL text never holds it.
#[test]
fn text_arguments_are_bound_never_spliced() {
    let text = "it's ? here";
    let q = from!(u in User, where: fragment("? = ?", u.name, ^text), select: u.id);
    let rendered = render(&q);
    assert!(!rendered.contains("it's ? here\n") && !rendered.contains("'it"));
    insta::assert_snapshot!("bound_text", rendered);
}

/// `??` is a literal `?`: PostgreSQL's JSON operator; the engines whose placeholders are
/// `?` refuse it, since they would read it as one.
#[test]
fn escaped_question_mark() {
    let q = from!(u in User, select: fragment::<bool>("? ?? 'a'", u.name));
    insta::assert_snapshot!("escaped_question_mark", render(&q));
}

/// Text an engine would read as a parameter (PostgreSQL's `$1`, SQLite's `:name`) is
/// refused on every dialect; PostgreSQL's `::` cast is not one.
#[test]
fn parameters_in_text_are_refused() {
    let q = from!(u in User, select: fragment::<i64>("$1"));
    insta::assert_snapshot!("dollar_in_text", render(&q));
    let q = from!(u in User, select: fragment::<i64>("? + :x", u.age));
    insta::assert_snapshot!("named_in_text", render(&q));
    let q = from!(u in User, select: fragment::<String>("?::text", u.age));
    insta::assert_snapshot!("double_colon_cast", render(&q));
}

#[test]
fn fragment_without_arguments_and_in_a_condition() {
    let q = from!(u in User, where: u.age > fragment::<i32>("1 + 1") && fragment("TRUE"),
        select: count());
    insta::assert_snapshot!("no_arguments", render(&q));
}

#[test]
fn misuse_at_run_time_is_a_typed_error() {
    let fragment_query = |parts: Vec<FragmentPart>, args: Vec<Expr>| {
        Query::<User>::from_schema().select(Select::One(Selected::Expr(Expr::Fragment {
            parts,
            args,
            ty: None,
        })))
    };
    let invalid = |q: &Query<User, recto::row::AnyRow>, needle: &str| match error_of(q) {
        Error::InvalidClause {
            clause: Clause::Select,
            reason,
            ..
        } => assert!(reason.contains(needle), "{reason}"),
        other => panic!("{other:?}"),
    };
    let q = fragment_query(
        vec![
            FragmentPart::sql("f("),
            FragmentPart::Splice(recto::Array::I64(vec![])),
            FragmentPart::sql(")"),
        ],
        vec![],
    );
    invalid(&q, "`splice` of an empty list");
    let q = fragment_query(vec![FragmentPart::Identifier("".into())], vec![]);
    invalid(&q, "empty name");
    let q = fragment_query(vec![FragmentPart::Identifier("a\0b".into())], vec![]);
    invalid(&q, "NUL");
    let q = fragment_query(vec![FragmentPart::Arg], vec![]);
    invalid(&q, "1 argument placeholders has 0 arguments");
}

/// A `from!` call site is built again for each call: the pinned values inside a fragment
/// are the call's, and the text stays the literal's.
#[test]
fn each_call_binds_its_own_values() {
    let by_name = |name: &str| from!(u in User, where: fragment("lower(?) = ?", u.name, ^name.to_owned()), select: u.id);
    let (ada, zoe) = (by_name("ada"), by_name("zoë"));
    let first = ada.to_sql(recto::Postgres).unwrap();
    let second = zoe.to_sql(recto::Postgres).unwrap();
    assert_eq!(first.text, second.text);
    assert_eq!(format!("{:?}", first.params), r#"[Text("ada")]"#);
    assert_eq!(format!("{:?}", second.params), r#"[Text("zoë")]"#);
    // Rendering a query twice gives the same statement: nothing of the first is kept.
    assert_eq!(ada.to_sql(recto::Postgres).unwrap().params, first.params);
}

/// The planner does not read a fragment's SQL: it may aggregate its arguments in a grouped
/// query, and it is a sort term of its own.
#[test]
fn fragments_may_aggregate_and_sort() {
    let q = from!(u in User, group_by: u.org_id, order_by: fragment("random()"),
        select: (u.org_id, fragment::<i64>("count(?)", u.id)));
    insta::assert_snapshot!("aggregate_and_sort", render(&q));
}

/// `dynamic!` takes fragments as `from!` does.
#[test]
fn fragments_in_dynamic_conditions() {
    let min = 18;
    let d = dynamic!([u], fragment("? >= ?", u.age, ^min) && u.name != "Ada");
    let q = from!(u in User, where: ^d, select: u.id);
    insta::assert_snapshot!("dynamic", render(&q));
}

/// A fragment typed as an exact decimal is printed as written, except on SQLite: there
/// recto stores a decimal as an integer at a scale the plan must know, and a fragment's
/// scale is the engine's business, so it is refused with a typed error.
#[test]
fn a_decimal_fragment() {
    let q = from!(u in User, select: fragment::<recto::rust_decimal::Decimal>("1.50"));
    insta::assert_snapshot!("decimal", render(&q));
}
