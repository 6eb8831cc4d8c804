//! The strategies of the agreement property: well-formed random [`Spec`]s over the
//! fixture, from the terms of [`crate::term_gen`].

use std::sync::Arc;

use proptest::prelude::*;
use proptest::sample::select;
use recto::{BinOp, Direction, JoinKind, Value};

use crate::model::Filter;
use crate::queries::{JoinSpec, Paging, Shape, Spec, Where};
use crate::term_gen::{COMPARISONS, Ctx, DIRECTIONS, Pools};
use crate::terms::{Kind, Table, Term};

/// The clauses of a query's body: `where:`, the selection's shape and the sort terms.
type Body = (Where, Shape, Vec<(Direction, Term)>);

/// `(or_where, condition)` clauses.
fn clauses(cond: BoxedStrategy<Term>, max: usize) -> BoxedStrategy<Vec<(bool, Term)>> {
    proptest::collection::vec(
        (prop_oneof![3 => Just(false), 1 => Just(true)], cond),
        0..=max,
    )
    .boxed()
}

/// Sort terms drawn from `pool`.
fn order(pool: BoxedStrategy<Term>) -> BoxedStrategy<Vec<(Direction, Term)>> {
    proptest::collection::vec((select(DIRECTIONS.to_vec()), pool), 0..3).boxed()
}

/// Rows as they are: selected terms, and sort terms among them or any other term.
fn plain(ctx: &Ctx, model: bool) -> BoxedStrategy<Body> {
    let item = prop_oneof![
        6 => ctx.any_scalar().prop_map(|(t, _)| t),
        1 => ctx.constant(),
    ];
    let items = proptest::collection::vec(item, 1..4);
    let wheres = if model {
        let filter = ctx.pools.filters.cond();
        proptest::collection::vec(
            (prop_oneof![3 => Just(false), 1 => Just(true)], filter),
            0..3,
        )
        .prop_map(|f| Where::Model(Filter(f)))
        .boxed()
    } else {
        clauses(ctx.cond(), 2).prop_map(Where::Terms).boxed()
    };
    let ctx = ctx.clone();
    (wheres, items)
        .prop_flat_map(move |(wheres, mut select_items)| {
            if model {
                select_items.insert(0, Term::col(0, Table::Users, "id"));
            }
            let pool = prop_oneof![
                select(select_items.clone()),
                ctx.any_scalar().prop_map(|(t, _)| t)
            ];
            let shape = Shape::Plain {
                select: select_items,
            };
            (Just(wheres), Just(shape), order(pool.boxed()))
        })
        .boxed()
}

/// Grouped rows: keys (none for one row of aggregates), then selected terms, `having:` and
/// sort terms over keys, aggregates, and columns of a table whose primary key is a key.
fn grouped(ctx: &Ctx, pools: &Arc<Pools>, keyed: bool) -> BoxedStrategy<Body> {
    let key = prop_oneof![
        3 => select(ctx.cols.clone()),
        1 => ctx.any_scalar(),
    ];
    let keys = proptest::collection::vec(key, if keyed { 1..3 } else { 0..1 });
    let wheres = clauses(ctx.cond(), 2).prop_map(Where::Terms);
    let ctx = ctx.clone();
    let pools = Arc::clone(pools);
    (wheres, keys)
        .prop_flat_map(move |(wheres, keys)| {
            // Columns of a binding grouped by its primary key depend on it (PostgreSQL's
            // functional dependency), so they may be selected bare.
            let dependent: Vec<(usize, Table)> = keys
                .iter()
                .filter_map(|(k, _)| match k {
                    Term::Col { binding, table, field: "id" } => Some((*binding, *table)),
                    _ => None,
                })
                .collect();
            let over_keys = Ctx::over(&pools, &dependent);
            let mut items = vec![(4, ctx.aggregate().boxed())];
            if !keys.is_empty() {
                items.push((3, select(keys.clone()).boxed()));
            }
            if !dependent.is_empty() {
                items.push((2, over_keys.any_scalar().boxed()));
            }
            let item = proptest::strategy::Union::new_weighted(items).boxed();
            let this = ctx.clone();
            let item = prop_oneof![
                4 => item.clone(),
                1 => (item.clone(), this.small()).prop_map(|((t, k), s)| match k {
                    Kind::Int | Kind::Float => (Term::Arith(BinOp::Add, Box::new(t), Box::new(s)), k),
                    _ => (t, k),
                }),
                1 => item.clone().prop_flat_map(move |(t, k)| {
                    this.operand(k, false).prop_map(move |o| (Term::Coalesce(vec![t.clone(), o]), k))
                }),
            ]
            .boxed();
            let this = ctx.clone();
            let compare = (item.clone(), select(COMPARISONS.to_vec())).prop_flat_map(move |((t, k), op)| {
                this.operand(k, true).prop_map(move |o| Term::Bin(op, Box::new(t.clone()), Box::new(o)))
            });
            let having = compare.prop_recursive(1, 3, 2, |inner| {
                prop_oneof![
                    (select(vec![BinOp::And, BinOp::Or]), inner.clone(), inner.clone())
                        .prop_map(|(op, a, b)| Term::Bin(op, Box::new(a), Box::new(b))),
                    inner.prop_map(|a| Term::Not(Box::new(a))),
                ]
            });
            let selected = prop_oneof![6 => item.clone().prop_map(|(t, _)| t), 1 => ctx.constant()];
            let select_items = proptest::collection::vec(selected, 1..4);
            let keys: Vec<Term> = keys.into_iter().map(|(t, _)| t).collect();
            (Just(wheres.clone()), select_items, clauses(having.boxed(), 2), order(item.prop_map(|(t, _)| t).boxed()))
                .prop_map(move |(wheres, select, having, order)| {
                    let shape = Shape::Grouped { keys: keys.clone(), select, having };
                    (wheres, shape, order)
                })
        })
        .boxed()
}

/// The joins of a query: none, `orgs`, `posts` or both in either order, of every kind, with
/// an extra `on:` condition now and then, which is sometimes the whole condition (a full
/// join without an equality of keys, say); a cross join has none.
fn joins(pools: &Arc<Pools>) -> BoxedStrategy<Vec<JoinSpec>> {
    let layouts = vec![
        vec![],
        vec![Table::Orgs],
        vec![Table::Posts],
        vec![Table::Orgs, Table::Posts],
        vec![Table::Posts, Table::Orgs],
    ];
    let pools = Arc::clone(pools);
    prop_oneof![2 => Just(layouts[0].clone()), 3 => select(layouts)]
        .prop_flat_map(move |tables| {
            let mut bindings = vec![(0, Table::Users)];
            let mut specs = Vec::new();
            for (n, table) in tables.into_iter().enumerate() {
                bindings.push((n + 1, table));
                let extra = Ctx::over(&pools, &bindings).cond();
                let kind = prop_oneof![
                    2 => Just(JoinKind::Inner),
                    2 => Just(JoinKind::Left),
                    1 => Just(JoinKind::Right),
                    1 => Just(JoinKind::Full),
                    1 => Just(JoinKind::Cross),
                ];
                specs.push(
                    (kind, proptest::option::weighted(0.25, extra), any::<bool>())
                        .prop_map(move |(kind, extra, keyed)| {
                            let extra = extra.filter(|_| kind != JoinKind::Cross);
                            let keyed = keyed || extra.is_none();
                            JoinSpec {
                                table,
                                kind,
                                extra,
                                keyed,
                            }
                        })
                        .boxed(),
                );
            }
            specs
        })
        .boxed()
}

/// A `limit:` or `offset:` count.
fn count() -> BoxedStrategy<Term> {
    (0i64..8, any::<bool>(), any::<bool>())
        .prop_map(|(n, wide, bound)| Term::Val {
            value: if wide {
                Value::I64(n)
            } else {
                Value::I32(n as i32)
            },
            bound,
        })
        .boxed()
}

/// A random query over the fixture.
pub(crate) fn spec(pools: Arc<Pools>) -> BoxedStrategy<Spec> {
    let paging = (
        proptest::collection::vec(select(DIRECTIONS.to_vec()), 1..3),
        proptest::option::of(count()),
        proptest::option::of(count()),
    )
        .prop_map(|(tie, limit, offset)| Paging { tie, limit, offset });
    let paging = proptest::option::weighted(0.4, paging);
    let distinct = prop_oneof![3 => Just(false), 1 => Just(true)];
    (joins(&pools), 0..9u8, any::<bool>())
        .prop_flat_map(move |(joins, shape, model)| {
            let mut bindings = vec![(0, Table::Users)];
            bindings.extend(joins.iter().enumerate().map(|(n, j)| (n + 1, j.table)));
            let ctx = Ctx::over(&pools, &bindings);
            let body = match shape {
                0..=4 => plain(&ctx, model && joins.is_empty()),
                5..=7 => grouped(&ctx, &pools, true),
                _ => grouped(&ctx, &pools, false),
            };
            let as_struct = prop_oneof![3 => Just(false), 1 => Just(true)];
            (
                Just(joins),
                body,
                distinct.clone(),
                paging.clone(),
                as_struct,
            )
                .prop_map(
                    |(joins, (wheres, shape, order), distinct, paging, as_struct)| Spec {
                        joins,
                        wheres,
                        shape,
                        distinct,
                        order,
                        paging,
                        as_struct,
                    },
                )
        })
        .boxed()
}
