//! Every clause and expression form of the query language, one small query each. The
//! rendering snapshots print each for all three dialects; the live suite runs them.

#![allow(dead_code)] // Each test crate uses the cases it checks.

use recto::Dynamic;
use recto::prelude::*;

use crate::common::{Org, Post, User};

mod engine_forms;
pub use engine_forms::*;

/// The row of `select_struct`: decoded by column name.
#[derive(Debug, PartialEq, sqlx::FromRow)]
pub struct Summary {
    pub id: i64,
    pub years: i32,
}

/// The row of `select_struct_with_bindings`: its fields hold whole bindings.
#[derive(Debug, PartialEq, recto::Row)]
pub struct Authorship {
    pub author: User,
    pub post: Option<Post>,
    pub title: Option<String>,
}

// Sources and select shapes.

pub fn default_select() -> Query {
    from!(u in User).erase()
}

pub fn select_one_field() -> Query {
    from!(u in User, select: u.name).erase()
}

pub fn select_tuple() -> Query {
    from!(u in User, select: (u.id, u.name, u.email)).erase()
}

pub fn select_binding_with_mapped_column() -> Query {
    from!(u in User, join: p in Post, on: p.user_id == u.id, select: p).erase()
}

pub fn select_struct() -> Query {
    from!(u in User, select: Summary { id: u.id, years: u.age }).erase()
}

pub fn select_struct_with_bindings() -> Query {
    from!(u in User, left_join: p in Post, on: p.user_id == u.id, where: u.id >= 4,
          select: Authorship { title: p.title, author: u, post: p })
    .erase()
}

pub fn schemaless_source() -> Query {
    from!(u in "users", where: u["age"] > 30, select: (u["id"], u["name"])).erase()
}

pub fn quoted_identifiers() -> Query {
    from!(t in "we\"ird`table", select: t["col\"with`quotes"]).erase()
}

// Filters.

pub fn where_param() -> Query {
    let min = 18;
    from!(u in User, where: u.age >= ^min, select: u.id).erase()
}

pub fn where_literals() -> Query {
    from!(o in Org, where: o.active == true && o.id != 0 && o.name != "", select: o.id).erase()
}

pub fn where_float_literal() -> Query {
    from!(p in Post, where: p.score > 2.0, select: p.id).erase()
}

pub fn where_and_or_where() -> Query {
    from!(u in User,
          where: u.age > 60,
          or_where: u.age < 18,
          where: !is_nil(u.email),
          select: u.id)
    .erase()
}

pub fn arithmetic_precedence() -> Query {
    let offset = 2;
    from!(u in User,
          where: u.age + 1 * 2 > ^offset - 10 % 3 && (u.age + 1) * 2 <= 100 / 2,
          select: -u.age)
    .erase()
}

pub fn logic_precedence() -> Query {
    from!(u in User, where: !(u.age > 18 && u.age < 65) || u.id == 1, select: u.id).erase()
}

pub fn in_literal_list() -> Query {
    from!(u in User, where: u.id in [1, 2, 3], select: u.id).erase()
}

pub fn in_empty_literal_list() -> Query {
    from!(u in User, where: u.id in [], select: u.id).erase()
}

pub fn in_param_list() -> Query {
    let ids: Vec<i64> = vec![3, 1, 2];
    from!(u in User, where: u.id in ^ids, select: u.id).erase()
}

pub fn in_empty_param_list() -> Query {
    let ids: Vec<i64> = Vec::new();
    from!(u in User, where: u.id in ^ids, select: u.id).erase()
}

pub fn is_nil_and_not() -> Query {
    from!(u in User, where: is_nil(u.email) || !is_nil(u.org_id), select: u.id).erase()
}

pub fn like_and_ilike() -> Query {
    let pattern = "%a%";
    from!(u in User, where: like(u.name, "A%") || ilike(u.name, ^pattern), select: u.name).erase()
}

pub fn coalesce_fields() -> Query {
    from!(u in User, select: coalesce(u.email, u.name, "nobody")).erase()
}

// Aggregates and grouping.

pub fn count_forms() -> Query {
    from!(u in User, select: (count(), count(u.email), count(u.age, distinct))).erase()
}

pub fn numeric_aggregates() -> Query {
    from!(u in User, select: (sum(u.age), avg(u.age), min(u.age), max(u.name))).erase()
}

pub fn group_by_having() -> Query {
    from!(u in User,
          group_by: u.org_id,
          having: count() > 1,
          or_having: max(u.age) >= 60,
          select: (u.org_id, count()))
    .erase()
}

pub fn group_by_list() -> Query {
    from!(u in User, group_by: [u.org_id, u.age], select: (u.org_id, u.age, count())).erase()
}

pub fn distinct_rows() -> Query {
    from!(u in User, distinct: true, select: u.age).erase()
}

// Ordering and pagination.

pub fn order_by_every_direction() -> Query {
    from!(u in User,
          order_by: [asc: u.age, desc: u.id, asc_nulls_first: u.email, asc_nulls_last: u.email,
                     desc_nulls_first: u.org_id, desc_nulls_last: u.org_id],
          select: u.id)
    .erase()
}

pub fn order_by_bare_expression() -> Query {
    from!(u in User, order_by: u.name, order_by: [u.id], select: u.id).erase()
}

pub fn limit_and_offset_literals() -> Query {
    from!(u in User, order_by: u.id, limit: 2, offset: 1, select: u.id).erase()
}

pub fn limit_and_offset_params() -> Query {
    let page = 1;
    let per_page: i64 = 2;
    from!(u in User, order_by: u.id, limit: ^per_page, offset: ^(page * per_page), select: u.id)
        .erase()
}

pub fn offset_without_limit() -> Query {
    from!(u in User, order_by: u.id, offset: 5, select: u.id).erase()
}

pub fn order_by_nullable_ascending() -> Query {
    from!(u in User, order_by: [asc: u.email, asc: u.id], select: u.id).erase()
}

pub fn order_by_nullable_descending() -> Query {
    from!(u in User, order_by: [desc: u.email, asc: u.id], select: u.id).erase()
}

pub fn order_by_ties_broken() -> Query {
    from!(p in Post, order_by: [desc: p.score, asc: p.id], select: p.id).erase()
}

// Numbers and booleans at their edges.

pub fn large_integers() -> Query {
    from!(p in Post, where: p.views > 2147483647, select: (p.id, p.views)).erase()
}

pub fn negative_numbers() -> Query {
    from!(p in Post, where: p.score < 0.0 || p.views < 0, select: (p.id, p.score)).erase()
}

pub fn boolean_false() -> Query {
    from!(o in Org, where: !o.active, select: o.name).erase()
}

// Dates and timestamps.

pub fn dates_compared_with_a_param() -> Query {
    let cutoff = recto::chrono::NaiveDate::from_ymd_opt(1990, 1, 1).expect("a valid date");
    from!(u in User, where: u.born < ^cutoff, select: (u.id, u.born)).erase()
}

pub fn timestamps_ordered() -> Query {
    let since = recto::chrono::NaiveDate::from_ymd_opt(2024, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .expect("a valid timestamp");
    from!(p in Post,
          where: p.published_at >= ^since,
          order_by: [desc: p.published_at, asc: p.id],
          select: (p.id, p.published_at))
    .erase()
}

// Joins and bindings.

pub fn left_join_without_match() -> Query {
    from!(o in Org, left_join: u in User, on: u.org_id == o.id, where: is_nil(u.id), select: o.name)
        .erase()
}

pub fn empty_group_counts_zero() -> Query {
    from!(o in Org,
          left_join: u in User, on: u.org_id == o.id,
          group_by: o.name,
          order_by: o.name,
          select: (o.name, count(u.id)))
    .erase()
}

pub fn inner_join_named() -> Query {
    from!(u in User, join: o in Org, on: o.id == u.org_id, as: org, select: (u.name, o.name))
        .erase()
}

pub fn left_join() -> Query {
    from!(u in User, left_join: p in Post, on: p.user_id == u.id, select: (u.id, p.title)).erase()
}

pub fn inner_join_keyword() -> Query {
    from!(u in User, inner_join: p in Post, on: p.user_id == u.id && p.score > 1.5, select: p.id)
        .erase()
}

pub fn positional_bindings_of_a_composed_query() -> Query {
    let base = from!(u in User, join: p in Post, on: p.user_id == u.id);
    from!([u, p] in base, where: p.score >= 3.0, select: (u.name, p.title)).erase()
}

pub fn named_binding_of_a_composed_query() -> Query {
    let base = from!(u in User, join: o in Org, on: o.id == u.org_id, as: org);
    from!([org: o] in base, where: o.active, select: o.name).erase()
}

pub fn join_on_a_composed_query() -> Query {
    let adults = from!(u in User, where: u.age >= 18);
    from!(u in adults, left_join: o in Org, on: o.id == u.org_id, select: (u.id, o.name)).erase()
}

pub fn schemaless_join() -> Query {
    from!(u in User, join: t in "tags", on: t["user_id"] == u.id, select: (u.id, t["label"]))
        .erase()
}

pub fn root_named_with_as() -> Query {
    let q = from!(u in User, as: people, select: u.id);
    from!([people: p] in q, where: p.age > 21).erase()
}

// Dynamic filters.

pub fn dynamic_filter(name: Option<&str>, min_age: Option<i32>, org: Option<i64>) -> Query {
    let mut filter = Dynamic::always();
    if let Some(name) = name {
        let pattern = format!("{name}%");
        filter = filter.and(dynamic!([u], like(u.name, ^pattern)));
    }
    if let Some(min_age) = min_age {
        filter = filter.and(dynamic!([u], u.age >= ^min_age));
    }
    if let Some(org) = org {
        filter = dynamic!([u], ^filter && u.org_id == ^org);
    }
    from!(u in User, where: ^filter, order_by: u.id, select: u.id).erase()
}

pub fn dynamic_all_fields() -> Query {
    dynamic_filter(Some("A"), Some(21), Some(1))
}

pub fn dynamic_no_fields() -> Query {
    dynamic_filter(None, None, None)
}

// The remaining forms of the writer's snapshot suite (adapters/tests/render.rs), so that
// each of them also runs on the engines.

pub fn lone_or_where() -> Query {
    from!(u in User, or_where: u.id == 1, select: u.id).erase()
}

pub fn select_literals_and_params() -> Query {
    let tag = "tag";
    from!(u in User, where: u.id == 1, select: (u.id, -7, 9_007_199_254_740_993i64, 2.0, true, ^tag)).erase()
}

pub fn comparison_operators() -> Query {
    from!(u in User, where: u.age >= 36 && u.age <= 41 && u.age != 41 && u.id < 3 && u.id > 0, select: u.id).erase()
}

pub fn integer_division_and_remainder() -> Query {
    from!(u in User, where: u.id in [1, 4], select: (u.id, u.age / 7, -u.age % 7, u.age - -1))
        .erase()
}

pub fn float_division() -> Query {
    from!(p in Post, where: p.id <= 2, select: (p.id, p.score / 2.0)).erase()
}

pub fn not_as_an_operand() -> Query {
    from!(o in Org, where: (!o.active) == false, select: o.id).erase()
}

pub fn not_in_empty_lists() -> Query {
    let none: Vec<i64> = Vec::new();
    from!(u in User, where: !(u.id in []) && !(u.id in ^none), select: u.id).erase()
}

pub fn in_param_list_padded() -> Query {
    let names = vec!["Ada", "Zoë", "日本", "nobody", "O'Brien"];
    from!(u in User, where: u.name in ^names, select: u.id).erase()
}

pub fn is_nil_of_not() -> Query {
    from!(u in User, left_join: o in Org, on: o.id == u.org_id, where: is_nil(!o.active), select: u.id).erase()
}

pub fn double_negation() -> Query {
    from!(u in User, where: u.id == 4, select: -(-u.age)).erase()
}

pub fn like_wildcards_and_quotes() -> Query {
    from!(u in User, where: like(u.name, "O'%") || like(u.name, "_da"), select: u.id).erase()
}

pub fn order_by_an_aggregate_that_may_be_null() -> Query {
    from!(u in User,
          left_join: p in Post, on: p.user_id == u.id,
          group_by: u.id,
          order_by: [asc: max(p.body), asc: u.id],
          select: (u.id, max(p.body)))
    .erase()
}

pub fn limit_zero() -> Query {
    from!(u in User, order_by: u.id, limit: 0, select: u.id).erase()
}

pub fn offset_param_without_limit() -> Query {
    let skip: i64 = 4;
    from!(u in User, order_by: u.id, offset: ^skip, select: u.id).erase()
}

pub fn join_on_with_params() -> Query {
    let min_views: i64 = 10;
    from!(u in User, join: p in Post, on: p.user_id == u.id && p.views > ^min_views, select: (u.id, p.id)).erase()
}

pub fn join_on_true() -> Query {
    from!(u in User, join: o in Org, on: true, select: count()).erase()
}

pub fn three_bindings() -> Query {
    from!(u in User,
          join: p in Post, on: p.user_id == u.id,
          join: o in Org, on: o.id == u.org_id,
          select: (o.name, p.title))
    .erase()
}

pub fn every_clause() -> Query {
    from!(u in User,
          join: o in Org, on: o.id == u.org_id, as: org,
          where: o.active,
          or_where: u.age > 100,
          group_by: o.name,
          having: count() >= 1,
          or_having: max(u.age) > 100,
          order_by: [desc: count(), asc: o.name],
          limit: 2,
          offset: 0,
          distinct: true,
          select: (o.name, count()))
    .erase()
}

pub fn select_a_whole_binding_in_a_tuple() -> Query {
    from!(u in User, join: o in Org, on: o.id == u.org_id, as: org, where: u.id == 1, select: (o, u.name)).erase()
}
