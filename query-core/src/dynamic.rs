//! Conditions built at run time: `dynamic!([u, p], u.age > ^min)` returns a [`Dynamic`],
//! which `where: ^d` (or another `dynamic!`) splices in.

use serde::{Deserialize, Serialize};

use crate::expr::Expr;

/// A condition built at run time, with bindings that refer to the positions (or names) of
/// the query it is spliced into.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dynamic {
    expr: Expr,
}

impl Dynamic {
    /// A dynamic condition around an expression.
    pub fn new(expr: Expr) -> Dynamic {
        Dynamic { expr }
    }

    /// The condition that is always true: the neutral start of a filter built with
    /// [`Dynamic::and`].
    pub fn always() -> Dynamic {
        Dynamic {
            expr: Expr::Lit(crate::Value::Bool(true)),
        }
    }

    /// Both conditions. [`Dynamic::always`] is the neutral element: it disappears instead of
    /// printing `TRUE AND ...`.
    pub fn and(self, other: Dynamic) -> Dynamic {
        if self.is_always() {
            return other;
        }
        if other.is_always() {
            return self;
        }
        Dynamic {
            expr: self.expr.and(other.expr),
        }
    }

    /// Whether this is the condition [`Dynamic::always`] returns.
    pub fn is_always(&self) -> bool {
        matches!(self.expr, Expr::Lit(crate::Value::Bool(true)))
    }

    /// Either condition.
    pub fn or(self, other: Dynamic) -> Dynamic {
        Dynamic {
            expr: self.expr.or(other.expr),
        }
    }

    /// The condition.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The condition, owned.
    pub fn into_expr(self) -> Expr {
        self.expr
    }
}
