//! Nesting limits: every level of a query's expressions counts toward the planner's depth
//! limit, and every recursive walk of a planned expression stays bounded, so a hostile or
//! runaway query is a typed error on an ordinary 2 MiB thread stack, never a stack overflow.
//!
//! The deep inputs are built iteratively and `std::mem::forget`-ten afterwards: dropping a
//! 100,000-deep `Expr` recurses once per level in Rust's generated drop glue, which is not
//! the planner's walk (bounded drop is pinned where it is fixed). A plan holds its
//! expressions in one arena, so dropping one never recurses.

mod common;

use recto_core::{BindingRef, Clause, Error, Expr, Query, Select, Selected, Ty, UnOp};
use recto_planner::plan;

use common::{f, select_one, users};

/// The stack of a thread spawned with Rust's defaults.
const STACK: usize = 2 * 1024 * 1024;

/// Runs `f` on a thread with a 2 MiB stack, as a server's worker thread would.
fn on_small_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(scope, f)
            .expect("spawning a thread")
            .join()
            .expect("the planner thread panicked")
    })
}

fn field(name: &'static str) -> Expr {
    Expr::field(BindingRef::Index(0), name)
}

/// `levels` single-argument `coalesce`s around a schemaless field.
fn coalesce_chain(levels: usize) -> Expr {
    let mut expr = field("x");
    for _ in 0..levels {
        expr = Expr::Coalesce(vec![expr]);
    }
    expr
}

fn assert_too_deep(result: Result<(), Error>, clause: Clause) {
    match result {
        Err(Error::InvalidClause {
            clause: found,
            reason,
            ..
        }) if found == clause => assert!(reason.contains("nested"), "{reason}"),
        other => panic!("expected a depth error in `{clause}`, got {other:?}"),
    }
}

#[test]
fn a_100000_deep_single_argument_coalesce_chain_is_a_typed_error() {
    let query = Query::table("t").select(Select::One(Selected::Expr(coalesce_chain(100_000))));
    let result = on_small_stack(|| plan(query.data()).map(drop));
    assert_too_deep(result, Clause::Select);
    std::mem::forget(query);
}

#[test]
fn each_single_argument_coalesce_counts_one_level() {
    // 256 levels of `coalesce` put the field at depth 256, the deepest allowed; one more is
    // past the limit, exactly as 257 negations are.
    let within = Query::table("t").select(Select::One(Selected::Expr(coalesce_chain(256))));
    assert!(plan(within.data()).is_ok());
    let past = Query::table("t").select(Select::One(Selected::Expr(coalesce_chain(257))));
    assert_too_deep(plan(past.data()).map(drop), Clause::Select);
}

#[test]
fn a_deep_chain_inside_a_where_condition_is_a_typed_error() {
    let condition = Expr::IsNil(Box::new(coalesce_chain(100_000)));
    let query = Query::table("t")
        .filter(condition)
        .select(Select::One(Selected::Expr(field("x"))));
    let result = on_small_stack(|| plan(query.data()).map(drop));
    assert_too_deep(result, Clause::Where);
    std::mem::forget(query);
}

/// `levels` negations around `expr`: `-(-(...-(expr)))`.
fn negations(levels: usize, expr: Expr) -> Expr {
    let mut expr = expr;
    for _ in 0..levels {
        expr = Expr::Unary {
            op: UnOp::Neg,
            expr: Box::new(expr),
        };
    }
    expr
}

#[test]
fn type_and_nullability_of_the_deepest_plan_stay_on_the_stack() {
    // Only the planner makes plans (an expression's operands are ids no other code can
    // make), so the deepest expression `ty` and `nullable` can meet is the deepest the
    // planner accepts. They answer it exactly, not with their cautious answers past the
    // limit, and on a small stack.
    let deepest = users().select(select_one(negations(256, f(0, "age"))));
    let answers = on_small_stack(|| {
        plan(deepest.data()).map(|planned| {
            let root = planned.select[0].expr;
            (planned.exprs.ty(root), planned.exprs.nullable(root))
        })
    });
    assert_eq!(
        answers.map_err(|e| e.to_string()),
        Ok((Some(Ty::I32), false))
    );
    let past = users().select(select_one(negations(257, f(0, "age"))));
    assert_too_deep(plan(past.data()).map(drop), Clause::Select);
}

#[test]
fn the_deepest_accepted_expressions_plan_on_a_small_stack() {
    // The checks the planner runs at each level (boolean operands, aggregates, types) must
    // not make a level costlier than the 2 MiB stack allows at the limit.
    let flag = || Expr::field(BindingRef::Index(0), "flag");
    let mut and_chain = flag();
    let mut not_chain = flag();
    let mut sum = field("x");
    for _ in 0..255 {
        and_chain = Expr::binary(recto_core::BinOp::And, flag(), and_chain);
        not_chain = Expr::Unary {
            op: UnOp::Not,
            expr: Box::new(not_chain),
        };
        sum = Expr::binary(
            recto_core::BinOp::Add,
            Expr::Lit(recto_core::Value::I32(1)),
            sum,
        );
    }
    let query = Query::table("t")
        .filter(and_chain)
        .filter(not_chain)
        .select(Select::One(Selected::Expr(sum)));
    let result = on_small_stack(|| plan(query.data()).map(drop));
    assert!(result.is_ok(), "{result:?}");
}
