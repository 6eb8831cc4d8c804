//! The one walk over a planned expression that may skip parts of it: the grouping check
//! visits every node that is not inside a grouped expression or an aggregate.
//!
//! It needs no stack and no recursion. A node's subtree is the run of the arena that ends
//! at the node ([`Exprs`] documents the layout), so going backwards from a node visits it
//! before its operands, and skipping a node's operands is a jump to the start of its run.
//! The walks that skip nothing are scans of that run ([`Exprs::has_aggregate`]).

use crate::exprs::{ExprId, Exprs};
use crate::planned::PlannedExpr;

/// What a visit does after looking at a node.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Step {
    /// Visit the node's operands too.
    Descend,
    /// Leave the node's operands alone.
    Skip,
}

/// Visits `root` and the nodes below it, each before its operands and the last operand
/// first (the reverse of written order), calling `visit` with each node and its id.
pub(crate) fn visit<'e, 'q>(
    exprs: &'e Exprs<'q>,
    root: ExprId,
    mut visit: impl FnMut(ExprId, &'e PlannedExpr<'q>) -> Step,
) {
    let start = exprs.first(root);
    let nodes = exprs.subtree(root);
    // `end` is one past the next node to visit, an offset into `nodes`.
    let mut end = nodes.len();
    while let Some(offset) = end.checked_sub(1) {
        let Some(node) = nodes.get(offset) else {
            return;
        };
        let id = exprs.id(start + offset);
        end = match visit(id, node) {
            Step::Descend => offset,
            // The node's operands are the run before it, down to its subtree's start.
            Step::Skip => exprs.first(id).saturating_sub(start),
        };
    }
}
