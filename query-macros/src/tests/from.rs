//! What `from!` expands to, one clause or expression form per test.

use insta::assert_snapshot;
use quote::quote;

use super::pretty_expr;
use crate::from::expand_from;

fn from(input: proc_macro2::TokenStream) -> String {
    pretty_expr(expand_from(input).expect("expands"))
}

#[test]
fn schema_source() {
    assert_snapshot!(from(quote!(u in User)));
}

#[test]
fn table_source_with_fields_by_name() {
    assert_snapshot!(from(
        quote!(u in "users", where: u["age"] > 30, select: (u["id"], u.name))
    ));
}

#[test]
fn readme_query() {
    assert_snapshot!(from(quote!(u in User,
        where: u.age >= ^min && like(u.name, "A%"),
        order_by: [desc: u.age, asc: u.id],
        limit: 10,
        select: (u.id, u.name))));
}

#[test]
fn composed_source_uses_witnesses_of_used_bindings_only() {
    assert_snapshot!(from(
        quote!([u, p, c] in base, where: p.score >= 3.0, select: (u.name, p.title))
    ));
}

#[test]
fn last_binding_is_untyped() {
    assert_snapshot!(from(
        quote!([u, ..., c] in base, where: c.body != "" && u.id > 1)
    ));
}

#[test]
fn named_bindings_are_untyped() {
    assert_snapshot!(from(
        quote!([u, org: o] in base, where: o.active && u.id > 1)
    ));
}

#[test]
fn joins_with_names_and_kinds() {
    assert_snapshot!(from(quote!(u in q,
        join: o in Org, on: o.id == u.org_id, as: org,
        left_join: t in "tags", as: tags, on: t["user_id"] == u.id,
        select: (u, o.name, t))));
}

#[test]
fn root_name() {
    assert_snapshot!(from(quote!(u in User, as: people, select: u)));
}

#[test]
fn filters_in_order() {
    assert_snapshot!(from(quote!(u in User,
        where: u.age > 60, or_where: u.age < 18, where: !is_nil(u.email),
        group_by: u.org_id, having: count() > 1, or_having: max(u.age) >= 60)));
}

#[test]
fn operators_keep_rust_precedence() {
    assert_snapshot!(from(quote!(u in User,
        where: u.age + 1 * 2 > ^offset - 10 % 3 && !(u.age > 18 || u.id == -1),
        select: -u.age)));
}

#[test]
fn in_lists_and_pinned_lists() {
    assert_snapshot!(from(
        quote!(u in User, where: u.id in [1, ^two] || u.id in ^ids)
    ));
}

#[test]
fn functions() {
    assert_snapshot!(from(quote!(u in User, select: (
        count(), count(u.email), count(u.age, distinct), sum(u.age), avg(u.age), min(u.age),
        max(u.name), coalesce(u.email, u.name, "nobody"), ilike(u.name, ^pattern),
        field(u, ^column)))));
}

#[test]
fn conditionals_and_filters() {
    assert_snapshot!(from(quote!(u in User,
        where: if u.age > ^min { u.name == "a" } else { true },
        select: (
            if u.age >= 60 { "senior" } else if u.age >= 18 { ^adult } else { "minor" },
            if is_nil(u.email) { u.age } else { nil },
            if is_nil(u.email) { nil } else if u.age > 1 { u.age } else if u.age > 2 { nil } else { 0 },
            filter(count(), u.age > 18),
            filter(sum(if u.age > 18 { u.age } else { 0 }), !is_nil(u.email))))));
}

#[test]
fn row_values() {
    assert_snapshot!(from(quote!(u in User,
        where: (u.created_at, u.id) > (^t, ^id) || (u.age, u.name) in [(1, "a"), (^two, ^b)])));
}

#[test]
fn casts() {
    assert_snapshot!(from(quote!(u in User,
        where: u.id > cast(^min, i64),
        select: (cast(u.age, f64), cast(u.born, String), cast(u.created_at, chrono::NaiveDate)))));
}

/// JSON paths: each step a `json_key` or `json_index` call around the step before,
/// spanned at its key or position, and `json_text` a call around the path.
#[test]
fn json_paths() {
    assert_snapshot!(from(quote!(u in User,
        where: json_text(u.meta["name"]) == ^name && !is_nil(u["extra"]["a"][0]),
        select: (u.meta["a b"][2]["c\"d"], json_text(u.meta)))));
}

#[test]
fn struct_select() {
    assert_snapshot!(from(
        quote!(u in User, select: Summary { id: u.id, years: u.age })
    ));
}

#[test]
fn group_by_list_order_by_every_direction_and_counts() {
    assert_snapshot!(from(quote!(u in User,
        distinct: true,
        group_by: [u.org_id, u.age],
        order_by: [u.id, asc: u.age, desc: u.id, asc_nulls_first: u.email, asc_nulls_last: u.email,
                   desc_nulls_first: u.org_id, desc_nulls_last: u.org_id],
        order_by: u.name,
        limit: ^per_page,
        offset: ^(page * per_page))));
}

#[test]
fn pins_take_rust_expressions() {
    assert_snapshot!(from(quote!(u in User,
        where: u.name == ^self.name.trim().to_owned() && u.age in ^ages[1..] && ^filter)));
}

#[test]
fn composed_source_with_a_pin() {
    assert_snapshot!(from(quote!(u in q, join: p in Post, on: p.user_id == u.id,
        where: u.age > ^min && p.title == ^title)));
}

#[test]
fn a_field_chosen_at_run_time_is_built_at_once() {
    // The field name is structure, not a parameter, so the query cannot be a template.
    assert_snapshot!(from(quote!(u in User, where: field(u, ^column) == ^value)));
}

/// A query pinning `n` values, each `^vK`.
fn pins(n: usize) -> String {
    let values = (0..n).map(|k| quote::format_ident!("v{k}"));
    from(quote!(u in User, select: (#(^#values),*)))
}

#[test]
fn a_template_holds_up_to_24_pins() {
    let expansion = pins(24);
    assert!(expansion.contains("__recto_template("), "{expansion}");
    assert!(
        expansion.contains("__recto_pin(__recto_a23)"),
        "{expansion}"
    );
}

#[test]
fn more_pins_than_a_template_holds_are_built_at_once() {
    let expansion = pins(25);
    assert!(!expansion.contains("__recto_template"), "{expansion}");
    assert!(expansion.contains("__recto_pin(v24)"), "{expansion}");
}

#[test]
fn lateral_join_of_a_subquery() {
    assert_snapshot!(from(quote!(u in User, as: user,
        left_lateral_join: b in subquery(best), on: true,
        select: (u.id, b.title))));
}

#[test]
fn values_source_and_joined_values() {
    assert_snapshot!(from(
        quote!(v in values(^rows), join: u in User, on: u.id == v.k, select: (u.name, v.label))
    ));
    assert_snapshot!(from(
        quote!(u in User, join: v in values(rows), on: v.k == u.id, select: v.label)
    ));
}

#[test]
fn date_functions_name_their_part_and_unit() {
    assert_snapshot!(from(quote!(u in User,
        where: extract(month, u.born) == 12 && u.seen > ago(3, day),
        select: (date_add(u.born, ^n, month), datetime_add(u.seen, -1, hour),
                 extract(hour, u.seen), date_diff(u.born, ^day), from_now(1, week),
                 ago(2, "month")))));
}

#[test]
fn fragment_parts_and_arguments() {
    // A fragment with only `^value` arguments is a template like any other query.
    assert_snapshot!(from(quote!(u in User,
        where: fragment("lower(?) = ?", u.name, ^v),
        select: fragment::<Option<i64>>("?? ?", u.age))));
}

#[test]
fn fragment_with_splice_and_identifier_is_built_at_once() {
    assert_snapshot!(from(quote!(u in User,
        where: fragment::<bool>("? IN (?)", u.id, splice(^ids)),
        select: fragment("?", identifier(^column)))));
}
