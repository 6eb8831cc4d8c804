//! Walks over a planned expression that need no recursion: the checks that look for a kind
//! of node (a column, an aggregate, an ungrouped field) visit the tree with a stack of their
//! own, so they cost no call stack whatever the expression's depth.

use crate::planned::PlannedExpr;

/// What a visit does after looking at a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Visit the node's operands too.
    Descend,
    /// Leave the node's operands alone.
    Skip,
}

/// Visits `root` and its operands in written order (depth first, left to right), calling
/// `visit` on each node; the first error stops the walk.
pub(crate) fn visit<'e, 'q, E>(
    root: &'e PlannedExpr<'q>,
    mut visit: impl FnMut(&'e PlannedExpr<'q>) -> Result<Step, E>,
) -> Result<(), E> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if visit(node)? == Step::Descend {
            let first = stack.len();
            push_operands(node, &mut stack);
            // Popped last-in first-out, so the leftmost operand goes on top.
            stack[first..].reverse();
        }
    }
    Ok(())
}

/// Whether `root` or any node below it satisfies `found`.
pub(crate) fn contains<'q>(
    root: &PlannedExpr<'q>,
    found: impl Fn(&PlannedExpr<'q>) -> bool,
) -> bool {
    visit(root, |node| {
        if found(node) {
            Err(())
        } else {
            Ok(Step::Descend)
        }
    })
    .is_err()
}

/// Whether `root` uses a column anywhere.
pub(crate) fn has_column(root: &PlannedExpr<'_>) -> bool {
    contains(root, |node| matches!(node, PlannedExpr::Column(_)))
}

/// Whether `root` calls an aggregate anywhere.
pub(crate) fn has_aggregate(root: &PlannedExpr<'_>) -> bool {
    contains(root, |node| matches!(node, PlannedExpr::Aggregate { .. }))
}

/// Pushes the direct operands of `node`, left to right.
fn push_operands<'e, 'q>(node: &'e PlannedExpr<'q>, stack: &mut Vec<&'e PlannedExpr<'q>>) {
    match node {
        PlannedExpr::Column(_) | PlannedExpr::Lit(_) | PlannedExpr::Param(_) => {}
        PlannedExpr::Unary { op: _, expr } | PlannedExpr::IsNil(expr) => stack.push(expr),
        PlannedExpr::InParam { expr, list: _ } => stack.push(expr),
        PlannedExpr::Binary { op: _, left, right } => {
            stack.push(left);
            stack.push(right);
        }
        PlannedExpr::Like {
            expr,
            pattern,
            case_insensitive: _,
        } => {
            stack.push(expr);
            stack.push(pattern);
        }
        PlannedExpr::InList { expr, list } => {
            stack.push(expr);
            stack.extend(list);
        }
        PlannedExpr::Aggregate {
            func: _,
            arg,
            distinct: _,
        } => stack.extend(arg.as_deref()),
        PlannedExpr::Coalesce(args) => stack.extend(args),
    }
}
