//! The comparison of two planned nodes without their operands, which [`Exprs::same`](super::Exprs::same)
//! applies node by node.

use crate::planned::PlannedExpr;

/// Whether two nodes are the same operation on the same columns and values with as many
/// operands, whatever their operands' ids.
pub(super) fn shallow_eq(a: &PlannedExpr<'_>, b: &PlannedExpr<'_>) -> bool {
    use PlannedExpr as E;
    match (a, b) {
        (E::Column(a), E::Column(b)) => a == b,
        (E::Lit(a), E::Lit(b)) | (E::Param(a), E::Param(b)) => a == b,
        (E::Unary { op: a, expr: _ }, E::Unary { op: b, expr: _ }) => a == b,
        (
            E::Binary {
                op: a,
                left: _,
                right: _,
            },
            E::Binary {
                op: b,
                left: _,
                right: _,
            },
        ) => a == b,
        (E::InList { expr: _, list: a }, E::InList { expr: _, list: b }) => a.len == b.len,
        (E::InParam { expr: _, list: a }, E::InParam { expr: _, list: b }) => a == b,
        (E::IsNil(_), E::IsNil(_)) => true,
        (E::Cast { expr: _, ty: a }, E::Cast { expr: _, ty: b }) => a == b,
        (
            E::JsonPath {
                expr: _,
                path: a,
                as_: a_as,
            },
            E::JsonPath {
                expr: _,
                path: b,
                as_: b_as,
            },
        ) => a == b && a_as == b_as,
        (
            E::Like {
                expr: _,
                pattern: _,
                case_insensitive: a,
            },
            E::Like {
                expr: _,
                pattern: _,
                case_insensitive: b,
            },
        ) => a == b,
        (
            E::Aggregate {
                func: fa,
                arg: aa,
                distinct: da,
                filter: xa,
            },
            E::Aggregate {
                func: fb,
                arg: ab,
                distinct: db,
                filter: xb,
            },
        ) => fa == fb && aa.is_some() == ab.is_some() && da == db && xa.is_some() == xb.is_some(),
        (E::Coalesce(a), E::Coalesce(b)) | (E::Row(a), E::Row(b)) => a.len == b.len,
        (E::Func { func: fa, args: aa }, E::Func { func: fb, args: ab }) => {
            fa == fb && aa.len == ab.len
        }
        (
            E::Fragment {
                parts: pa,
                args: aa,
                ty: ta,
            },
            E::Fragment {
                parts: pb,
                args: ab,
                ty: tb,
            },
        ) => pa == pb && aa.len == ab.len && ta == tb,
        (
            E::Case {
                whens: a,
                otherwise: oa,
            },
            E::Case {
                whens: b,
                otherwise: ob,
            },
        ) => a.len == b.len && oa.is_some() == ob.is_some(),
        // Two subqueries are two queries, even written alike: a nested query is never
        // compared, so it is never the same expression as another.
        (
            E::Column(_)
            | E::Lit(_)
            | E::Param(_)
            | E::Unary { .. }
            | E::Binary { .. }
            | E::InList { .. }
            | E::InParam { .. }
            | E::IsNil(_)
            | E::Like { .. }
            | E::Aggregate { .. }
            | E::Coalesce(_)
            | E::Func { .. }
            | E::Case { .. }
            | E::Row(_)
            | E::Cast { .. }
            | E::Fragment { .. }
            | E::JsonPath { .. }
            | E::Subquery { .. },
            _,
        ) => false,
    }
}
