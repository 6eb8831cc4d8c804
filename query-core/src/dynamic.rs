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
        Dynamic { expr: Expr::Lit(crate::Value::Bool(true)) }
    }

    /// Both conditions.
    pub fn and(self, other: Dynamic) -> Dynamic {
        Dynamic { expr: self.expr.and(other.expr) }
    }

    /// Either condition.
    pub fn or(self, other: Dynamic) -> Dynamic {
        Dynamic { expr: self.expr.or(other.expr) }
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
