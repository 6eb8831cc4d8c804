//! The size of `from!`'s expansion of the ten benchmark corpus queries, the shapes
//! `scripts/compile-corpus` writes twenty times over (here with `k = 0`). rustc's time on
//! a crate of queries grows with what the macro hands it, so each query has a token budget
//! (about a tenth above its size when the budget was set) that the test holds it to;
//! `scripts/expansion-size` prints the table. The ten expanded to 5,062 tokens in all
//! before the expansion was shortened, and to 1,594 after; making each call site
//! over a schema or a table a template (its pins passed as the build function's arguments,
//! five tokens each) took them to 1,822, and the budgets the queries outgrew were raised by
//! that growth alone. Typing rows (a tuple select is a tuple of typed items; a left-joined
//! binding's fields are marked nullable, `__recto_nullable(..)`, four tokens each) took
//! them to 1,861, and the left join's budget was raised by that.

use std::time::Instant;

use proc_macro2::{TokenStream, TokenTree};
use quote::quote;

use crate::from::expand_from;

/// Each corpus query, with the most tokens its expansion may have.
fn corpus() -> [(&'static str, TokenStream, usize); 10] {
    [
        (
            "select by id",
            quote!(u in User, where: u.id == ^id && u.age != ^0_i32, select: u),
            118,
        ),
        (
            "10-condition where",
            quote!(u in User, where: u.age >= ^a && u.age <= ^(a + 0) && u.id > ^0_i64
                && u.id < ^100_i64 && u.name != ^s && u.name >= ^"A".to_string()
                && u.name < ^"Z".to_string() && u.org_id != ^0_i64 && u.org_id <= ^50_i64
                && u.age != ^(a - 0), select: (u.id, u.name)),
            336,
        ),
        (
            "join with paging",
            quote!(u in User, join: o in Org, on: o.id == u.org_id, where: o.active == ^active,
                order_by: [asc: u.id], limit: ^n, offset: ^0_i64, select: (u.id, u.name, o.name)),
            234,
        ),
        (
            "3-table left join",
            quote!(u in User, left_join: o in Org, on: o.id == u.org_id,
                left_join: p in Post, on: p.user_id == u.id, where: u.age > ^(a + 0),
                select: (u.name, o.name, p.title)),
            250,
        ),
        (
            "group/having",
            quote!(u in User, join: p in Post, on: p.user_id == u.id, group_by: u.id,
                having: count(p.id) > ^0_i64, select: (u.id, count(p.id))),
            190,
        ),
        (
            "in ^list of 10",
            quote!(u in User, where: u.id in ^ids && u.age > ^0_i32, select: (u.id, u.name)),
            133,
        ),
        (
            "like/ilike/is_nil",
            quote!(u in User, where: like(u.name, ^p) && (ilike(u.email, ^d) || is_nil(u.email))
                && u.id != ^0_i64, select: (u.id, u.name)),
            179,
        ),
        (
            "composed (2 fns)",
            quote!(u in a7(0), where: u.org_id != ^0_i64, order_by: [asc: u.id], limit: ^n,
                select: (u.id, u.name)),
            146,
        ),
        (
            "arith + coalesce",
            quote!(p in Post, where: coalesce(p.score, ^0_i32) * ^f + 0 > ^5_i32,
                select: (p.id, coalesce(p.score, ^0_i32) * ^f - 0)),
            216,
        ),
        (
            "4-key order_by",
            quote!(u in User, where: u.id > ^min,
                order_by: [asc: u.org_id, desc: u.age, asc: u.name, desc: u.id],
                select: (u.id, u.org_id, u.age, u.name)),
            180,
        ),
    ]
}

/// Every token tree, counting a group's delimiters as one token and its contents.
fn tokens(stream: TokenStream) -> usize {
    stream
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Group(group) => 1 + tokens(group.stream()),
            _ => 1,
        })
        .sum()
}

#[test]
fn corpus_expansions_stay_within_their_budgets() {
    let mut over = Vec::new();
    let (mut all_tokens, mut all_bytes) = (0, 0);
    println!(
        "{:<20} | {:>6} | {:>6} | {:>8}",
        "query", "tokens", "bytes", "µs"
    );
    for (name, input, budget) in corpus() {
        let start = Instant::now();
        let expansion = expand_from(input).expect("the corpus expands");
        let micros = start.elapsed().as_micros();
        let bytes = expansion.to_string().len();
        let count = tokens(expansion);
        println!("{name:<20} | {count:>6} | {bytes:>6} | {micros:>8}");
        (all_tokens, all_bytes) = (all_tokens + count, all_bytes + bytes);
        if count > budget {
            over.push(format!("{name}: {count} tokens, budget {budget}"));
        }
    }
    println!("{:<20} | {all_tokens:>6} | {all_bytes:>6} |", "total");
    assert!(over.is_empty(), "expansions over budget: {over:?}");
}
