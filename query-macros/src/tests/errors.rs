//! The messages of macro misuse, all of them for one input (the check collects every
//! error). Where they point is held by the compile-fail tests in the workspace's
//! `tests/ui`.

use insta::assert_snapshot;
use quote::quote;

use super::messages;
use crate::derive::expand_derive;
use crate::dynamic::expand_dynamic;
use crate::from::expand_from;

#[test]
fn clause_errors() {
    assert_snapshot!(messages(expand_from(quote!(u in User,
        ordr_by: u.id,
        frobnicate: 1,
        lock: "FOR UPDATE",
        join: p in Post,
        as: posts,
        left_join: c in "comments",
        as: nope,
        on: true,
        as: again,
        on: c.post_id == p.id,
        select: c,
        on: true,
        distinct: yes,
        distinct: [u.id],
        limit: u.age,
        offset: 1 + 1,
        order_by: [descending: u.age],
        group_by: [],
        select: ()))));
}

#[test]
fn binding_errors() {
    assert_snapshot!(messages(expand_from(
        quote!([u, p] in User, where: x.age > 1)
    )));
    assert_snapshot!(messages(expand_from(
        quote!(u in q, join: u in Post, on: uu.id == 1)
    )));
    assert_snapshot!(messages(expand_from(
        quote!(u in User, where: p.id == 1, join: p in Post, on: p.id == u.id)
    )));
    assert_snapshot!(messages(expand_from(
        quote!([u, _, c] in q, where: x.id == 1 && _.id == 2)
    )));
    assert_snapshot!(messages(expand_from(quote!([u, ..., b, c] in q))));
    assert_snapshot!(messages(expand_from(quote!([u, ..., c] in User))));
}

/// Every misuse of a date function at once: a time unit on a date, misspelt and unknown
/// words, a unit that is not a word, and wrong arities.
#[test]
fn date_function_errors() {
    assert_snapshot!(messages(expand_from(quote!(u in User,
        where: date_add(u.born, 1, hour) > u.born,
        where: extract(yaer, u.born) == 1,
        where: ago(1, fortnight) > u.seen,
        where: from_now(1, u.name) > u.seen,
        where: ago(1, "dya") > u.seen,
        where: extract(u.born) == 1,
        where: datetime_add(u.seen, 1, monht) > u.seen))));
}

/// Every misuse of a JSON path at once: a pinned key, a position from the end, a step
/// that is no literal, a field of a field, and `json_text`'s arity.
#[test]
fn json_path_errors() {
    assert_snapshot!(messages(expand_from(quote!(u in User,
        where: is_nil(u.meta[^key]),
        where: is_nil(u.meta[-1]),
        where: is_nil(u.meta[u.id]),
        where: is_nil(u.meta[1.5]),
        where: is_nil(u.meta.a),
        where: is_nil(json_text(u.meta, 1))))));
}

#[test]
fn expression_errors() {
    assert_snapshot!(messages(expand_from(quote!(u in User,
        where: u.age > min,
        where: u,
        where: u.name.len() > 1,
        where: cuont(u.id) > 1,
        where: fragment(text, u.name) == "a",
        where: u.age & 1,
        where: u.age in other,
        where: u.0 == 1,
        where: u[name] == 1,
        where: like(u.name),
        where: count(u.id, all) > 1,
        where: u.age > ^,
        where: std::i32::MAX > u.age,
        where: 'c' == u.name,
        where: if u.age > 1 { true },
        where: if u.age > 1 { nil } else { nil },
        where: nil,
        where: filter(u.age, true),
        where: filter(count()),
        select: Summary { id: u.id, ..rest }))));
}

#[test]
fn source_and_shape_errors() {
    assert_snapshot!(messages(expand_from(quote!(User))));
    assert_snapshot!(messages(expand_from(quote!(u in subquery(q, r)))));
    assert_snapshot!(messages(expand_from(
        quote!(u in User, join: p in posts_of(u), on: true)
    )));
    assert_snapshot!(messages(expand_from(quote!(u in User, where u.age > 1))));
    assert_snapshot!(messages(expand_from(quote!(u in User, where:))));
    assert_snapshot!(messages(expand_from(quote!(v in values()))));
}

#[test]
fn dynamic_errors() {
    assert_snapshot!(messages(expand_dynamic(quote!([u], p.age > min))));
    assert_snapshot!(messages(expand_dynamic(quote!([u], a, b))));
    assert_snapshot!(messages(expand_dynamic(quote!([u, o] in User, u.age > 1))));
    assert_snapshot!(messages(expand_dynamic(
        quote!([u, o] in (User, &str), u.age > 1 && x)
    )));
    assert_snapshot!(messages(expand_dynamic(quote!(u in, u.age > 1))));
}

#[test]
fn derive_errors() {
    assert_snapshot!(messages(expand_derive(quote! {
        struct NoTable<T> { id: i64, tags: Vec<String>, when: std::time::SystemTime, maybe: Option<Option<i32>>, t: T, bound: recto::Value }
    })));
    assert_snapshot!(messages(expand_derive(quote! {
        #[recto(table = "pairs", schema = "x")]
        struct Pair(i64, i64);
    })));
    assert_snapshot!(messages(expand_derive(quote! {
        #[recto(table = "users")]
        struct User { #[recto(primary, column = 1)] id: i64 }
    })));
}

/// Several errors of a macro in expression position must still form one expression,
/// or rustc reports the second `compile_error!` as garbage and invents errors of its own.
#[test]
fn several_errors_form_one_expression() {
    let error = expand_from(quote!(u in User, wher: u.age > 1, lim: 2, order_by: [up: u.id]))
        .expect_err("three mistakes");
    assert_eq!(error.clone().into_iter().count(), 3);
    let emitted = crate::errors::into_expression(error);
    let block: syn::ExprBlock = syn::parse2(emitted).expect("the errors form one block expression");
    let calls = block
        .block
        .stmts
        .iter()
        .filter(|stmt| matches!(stmt, syn::Stmt::Macro(m) if m.mac.path.segments.last().is_some_and(|s| s.ident == "compile_error")))
        .count();
    assert_eq!(calls, 3, "one compile_error! per error");
}
