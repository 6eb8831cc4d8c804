//! `Debug` for [`Expr`], written out rather than derived so that it stops at the depth limit.

use super::Expr;
use crate::depth::Level;

impl std::fmt::Debug for Expr {
    /// Formats like a derived `Debug`, down to [`MAX_EXPR_DEPTH`](crate::MAX_EXPR_DEPTH)
    /// levels; deeper sub-expressions print as `…`, so formatting a runaway tree cannot
    /// exhaust the stack.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Ok(_level) = Level::enter() else {
            return f.write_str("…");
        };
        match self {
            Expr::Lit(value) => f.debug_tuple("Lit").field(value).finish(),
            Expr::Param(value) => f.debug_tuple("Param").field(value).finish(),
            Expr::Field {
                binding,
                name,
                hint: _,
            } => f
                .debug_struct("Field")
                .field("binding", binding)
                .field("name", name)
                .finish(),
            Expr::Unary { op, expr } => f
                .debug_struct("Unary")
                .field("op", op)
                .field("expr", expr)
                .finish(),
            Expr::Binary { op, left, right } => f
                .debug_struct("Binary")
                .field("op", op)
                .field("left", left)
                .field("right", right)
                .finish(),
            Expr::InList { expr, list } => f
                .debug_struct("InList")
                .field("expr", expr)
                .field("list", list)
                .finish(),
            Expr::InParam { expr, list } => f
                .debug_struct("InParam")
                .field("expr", expr)
                .field("list", list)
                .finish(),
            Expr::IsNil(expr) => f.debug_tuple("IsNil").field(expr).finish(),
            Expr::Like {
                expr,
                pattern,
                case_insensitive,
            } => f
                .debug_struct("Like")
                .field("expr", expr)
                .field("pattern", pattern)
                .field("case_insensitive", case_insensitive)
                .finish(),
            Expr::Aggregate {
                func,
                arg,
                distinct,
                filter,
            } => f
                .debug_struct("Aggregate")
                .field("func", func)
                .field("arg", arg)
                .field("distinct", distinct)
                .field("filter", filter)
                .finish(),
            Expr::Coalesce(args) => f.debug_tuple("Coalesce").field(args).finish(),
            Expr::Func { func, args } => f
                .debug_struct("Func")
                .field("func", func)
                .field("args", args)
                .finish(),
            Expr::Case { whens, otherwise } => f
                .debug_struct("Case")
                .field("whens", whens)
                .field("otherwise", otherwise)
                .finish(),
            Expr::Row(items) => f.debug_tuple("Row").field(items).finish(),
            Expr::Cast { expr, ty } => f
                .debug_struct("Cast")
                .field("expr", expr)
                .field("ty", ty)
                .finish(),
            Expr::Fragment { parts, args, ty } => f
                .debug_struct("Fragment")
                .field("parts", parts)
                .field("args", args)
                .field("ty", ty)
                .finish(),
            Expr::JsonPath { expr, path, as_ } => f
                .debug_struct("JsonPath")
                .field("expr", expr)
                .field("path", path)
                .field("as_", as_)
                .finish(),
            Expr::Subquery {
                test,
                operand,
                query,
            } => f
                .debug_struct("Subquery")
                .field("test", test)
                .field("operand", operand)
                .field("query", query)
                .finish(),
        }
    }
}
