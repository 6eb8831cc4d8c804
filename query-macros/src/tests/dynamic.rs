//! What `dynamic!` expands to.

use insta::assert_snapshot;
use quote::quote;

use super::pretty_expr;
use crate::dynamic::expand_dynamic;

fn dynamic(input: proc_macro2::TokenStream) -> String {
    pretty_expr(expand_dynamic(input).expect("expands"))
}

#[test]
fn positional_and_named_bindings_are_by_name() {
    assert_snapshot!(dynamic(quote!([u, org: o], u.age > ^min && o.active)));
}

#[test]
fn without_bindings() {
    assert_snapshot!(dynamic(quote!(^a || ^b)));
}

#[test]
fn bindings_with_schemas_are_typed() {
    assert_snapshot!(dynamic(
        quote!([u, _, org: o] in (User, _, Org), u.age > ^min && o.active)
    ));
}
