//! An expression's direct sub-expressions, for the walks that visit every node (the tree's
//! own drop, clone and equality are in [`crate::tree`]). A subquery's expressions are not
//! among them: they belong to its query.

use crate::expr::Expr;

impl Expr {
    /// The direct sub-expressions, in the order they are written.
    pub fn children(&self) -> impl DoubleEndedIterator<Item = &Expr> {
        let mut pairs: &[(Expr, Expr)] = &[];
        let mut last = None;
        let (boxed, list): ([Option<&Expr>; 2], &[Expr]) = match self {
            Expr::Lit(_)
            | Expr::Param(_)
            | Expr::Field {
                binding: _,
                name: _,
                hint: _,
            } => ([None, None], &[]),
            Expr::Unary { op: _, expr } => ([Some(expr), None], &[]),
            Expr::Binary { op: _, left, right } => ([Some(left), Some(right)], &[]),
            Expr::InList { expr, list } => ([Some(expr), None], list),
            Expr::InParam { expr, list: _ } => ([Some(expr), None], &[]),
            Expr::IsNil(expr) => ([Some(expr), None], &[]),
            Expr::Cast { expr, ty: _ } => ([Some(expr), None], &[]),
            Expr::JsonPath {
                expr,
                path: _,
                as_: _,
            } => ([Some(expr), None], &[]),
            Expr::Like {
                expr,
                pattern,
                case_insensitive: _,
            } => ([Some(expr), Some(pattern)], &[]),
            Expr::Aggregate {
                func: _,
                arg,
                distinct: _,
                filter,
            } => ([arg.as_deref(), filter.as_deref()], &[]),
            Expr::Coalesce(args)
            | Expr::Func { func: _, args }
            | Expr::Fragment {
                parts: _,
                args,
                ty: _,
            } => ([None, None], args),
            Expr::Case { whens, otherwise } => {
                pairs = whens;
                last = otherwise.as_deref();
                ([None, None], &[])
            }
            Expr::Row(items) => ([None, None], items),
            // The query's own expressions are not sub-expressions of this one: they are
            // planned in the query's scope.
            Expr::Subquery {
                test: _,
                operand,
                query: _,
            } => ([operand.as_deref(), None], &[]),
        };
        boxed
            .into_iter()
            .flatten()
            .chain(list)
            .chain(pairs.iter().flat_map(|(when, then)| [when, then]))
            .chain(last)
    }

    /// The direct sub-expressions, to change in place, in the order they are written.
    pub fn children_mut(&mut self) -> impl Iterator<Item = &mut Expr> {
        let mut pairs: &mut [(Expr, Expr)] = &mut [];
        let mut last = None;
        let (boxed, list): ([Option<&mut Expr>; 2], &mut [Expr]) = match self {
            Expr::Lit(_)
            | Expr::Param(_)
            | Expr::Field {
                binding: _,
                name: _,
                hint: _,
            } => ([None, None], &mut []),
            Expr::Unary { op: _, expr } => ([Some(expr), None], &mut []),
            Expr::Binary { op: _, left, right } => ([Some(left), Some(right)], &mut []),
            Expr::InList { expr, list } => ([Some(expr), None], list),
            Expr::InParam { expr, list: _ } => ([Some(expr), None], &mut []),
            Expr::IsNil(expr) => ([Some(expr), None], &mut []),
            Expr::Cast { expr, ty: _ } => ([Some(expr), None], &mut []),
            Expr::JsonPath {
                expr,
                path: _,
                as_: _,
            } => ([Some(expr), None], &mut []),
            Expr::Like {
                expr,
                pattern,
                case_insensitive: _,
            } => ([Some(expr), Some(pattern)], &mut []),
            Expr::Aggregate {
                func: _,
                arg,
                distinct: _,
                filter,
            } => ([arg.as_deref_mut(), filter.as_deref_mut()], &mut []),
            Expr::Coalesce(args)
            | Expr::Func { func: _, args }
            | Expr::Fragment {
                parts: _,
                args,
                ty: _,
            } => ([None, None], args),
            Expr::Case { whens, otherwise } => {
                pairs = whens;
                last = otherwise.as_deref_mut();
                ([None, None], &mut [])
            }
            Expr::Row(items) => ([None, None], items),
            Expr::Subquery {
                test: _,
                operand,
                query: _,
            } => ([operand.as_deref_mut(), None], &mut []),
        };
        boxed
            .into_iter()
            .flatten()
            .chain(list)
            .chain(pairs.iter_mut().flat_map(|(when, then)| [when, then]))
            .chain(last)
    }
}
