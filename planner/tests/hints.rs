//! Field position hints: a typed accessor tells the planner where its field sits in the
//! schema, and the planner trusts that only where the field there has the name asked for. A
//! hint that is right, wrong, out of range or meant for no schema at all must resolve exactly
//! the column the search by name resolves.

mod common;

use std::borrow::Cow;

use recto_core::schema::FieldHint;
use recto_core::{
    BindingRef, Erased, Error, Expr, FieldMeta, From, Location, Query, SchemaMeta, Source, Ty,
};
use recto_planner::plan;

use common::*;

/// Field `name` of binding 0 with `hint`.
fn hinted(name: &'static str, hint: FieldHint) -> Expr {
    Expr::Field {
        binding: BindingRef::Index(0),
        name: Cow::Borrowed(name),
        hint,
    }
}

/// The (column, field) that `select: <expr>` over `query` resolves to.
fn selected<S, R>(query: &Query<S, R>, expr: Expr) -> (String, String) {
    let q = query.clone().select(select_one(expr));
    let p = planned(&q);
    let c = column(&p, p.select[0].expr);
    (c.column.to_owned(), c.field.to_owned())
}

fn pair(column: &str, field: &str) -> (String, String) {
    (column.to_owned(), field.to_owned())
}

#[test]
fn a_right_hint_resolves_its_field() {
    // `User`'s fields: id, name, email (column email_address), age, org_id.
    let got = selected(&users(), hinted("email", FieldHint::at(2)));
    assert_eq!(got, pair("email_address", "email"));
}

#[test]
fn a_hint_at_another_field_still_resolves_the_named_one() {
    // Position 0 is `id`: the hint is wrong, and the name wins.
    let got = selected(&users(), hinted("email", FieldHint::at(0)));
    assert_eq!(got, pair("email_address", "email"));
    let got = selected(&users(), hinted("id", FieldHint::at(2)));
    assert_eq!(got, pair("id", "id"));
}

#[test]
fn a_hint_past_the_last_field_is_ignored() {
    let got = selected(&users(), hinted("age", FieldHint::at(5)));
    assert_eq!(got, pair("age", "age"));
    let got = selected(&users(), hinted("age", FieldHint::at(usize::MAX)));
    assert_eq!(got, pair("age", "age"));
}

#[test]
fn a_hint_does_not_make_an_unknown_field_known() {
    let q = users().select(select_one(hinted("nope", FieldHint::at(1))));
    let e = plan(q.data()).unwrap_err();
    assert!(
        matches!(&e, Error::UnknownField { field, .. } if field == "nope"),
        "{e:?}"
    );
}

#[test]
fn a_hint_on_a_schemaless_binding_is_ignored() {
    let got = selected(&Query::table("users"), hinted("zeta", FieldHint::at(0)));
    assert_eq!(got, pair("zeta", "zeta"));
}

/// A table of `n` fields `f0`, `f1`, ... whose columns are `c0`, `c1`, ...
fn wide(n: usize) -> Query<Erased> {
    let fields = (0..n)
        .map(|i| FieldMeta {
            name: Cow::Owned(format!("f{i}")),
            column: Cow::Owned(format!("c{i}")),
            ty: Ty::I64,
            nullable: false,
            max_length: None,
            decimal: None,
        })
        .collect::<Vec<_>>();
    Query::new(From {
        source: Source::Schema(SchemaMeta {
            table: Cow::Borrowed("wide"),
            fields: Cow::Owned(fields),
            primary_key: Cow::Borrowed(&[]),
        }),
        name: None,
        at: Location::caller(),
    })
}

#[test]
fn every_field_of_a_sixty_column_table_resolves_with_any_hint() {
    let q = wide(60);
    for i in 0..60 {
        let name: &'static str = Box::leak(format!("f{i}").into_boxed_str());
        let want = pair(&format!("c{i}"), name);
        for hint in [
            FieldHint::NONE,
            FieldHint::at(i),
            // Wrong: the next field, and the one at the other end.
            FieldHint::at((i + 1) % 60),
            FieldHint::at(59 - i),
        ] {
            assert_eq!(selected(&q, hinted(name, hint)), want, "f{i} with {hint:?}");
        }
    }
}
