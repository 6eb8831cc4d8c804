//! The comparison of two expression nodes without their sub-expressions, which the
//! iterative equality of [`tree`](super) applies node by node.

use crate::expr::Expr;

impl Expr {
    /// Whether the two nodes are equal apart from their sub-expressions, and have as many.
    pub(super) fn shallow_eq(&self, other: &Expr) -> bool {
        match (self, other) {
            (Expr::Lit(a), Expr::Lit(b)) | (Expr::Param(a), Expr::Param(b)) => a == b,
            (
                // The hints are left out: they change nothing the expressions mean.
                Expr::Field {
                    binding: a,
                    name: an,
                    hint: _,
                },
                Expr::Field {
                    binding: b,
                    name: bn,
                    hint: _,
                },
            ) => a == b && an == bn,
            (Expr::Unary { op: a, expr: _ }, Expr::Unary { op: b, expr: _ }) => a == b,
            (
                Expr::Binary {
                    op: a,
                    left: _,
                    right: _,
                },
                Expr::Binary {
                    op: b,
                    left: _,
                    right: _,
                },
            ) => a == b,
            (Expr::InList { expr: _, list: a }, Expr::InList { expr: _, list: b }) => {
                a.len() == b.len()
            }
            (Expr::InParam { expr: _, list: a }, Expr::InParam { expr: _, list: b }) => a == b,
            (Expr::IsNil(_), Expr::IsNil(_)) => true,
            (Expr::Cast { expr: _, ty: a }, Expr::Cast { expr: _, ty: b }) => a == b,
            (
                Expr::Fragment {
                    parts: pa,
                    args: aa,
                    ty: ta,
                },
                Expr::Fragment {
                    parts: pb,
                    args: ab,
                    ty: tb,
                },
            ) => pa == pb && aa.len() == ab.len() && ta == tb,
            (
                Expr::JsonPath {
                    expr: _,
                    path: a,
                    as_: a_as,
                },
                Expr::JsonPath {
                    expr: _,
                    path: b,
                    as_: b_as,
                },
            ) => a == b && a_as == b_as,
            (
                Expr::Like {
                    expr: _,
                    pattern: _,
                    case_insensitive: a,
                },
                Expr::Like {
                    expr: _,
                    pattern: _,
                    case_insensitive: b,
                },
            ) => a == b,
            (
                Expr::Aggregate {
                    func: af,
                    arg: aa,
                    distinct: ad,
                    filter: ax,
                },
                Expr::Aggregate {
                    func: bf,
                    arg: ba,
                    distinct: bd,
                    filter: bx,
                },
            ) => {
                af == bf && aa.is_some() == ba.is_some() && ad == bd && ax.is_some() == bx.is_some()
            }
            (Expr::Coalesce(a), Expr::Coalesce(b)) => a.len() == b.len(),
            (Expr::Func { func: af, args: aa }, Expr::Func { func: bf, args: ba }) => {
                af == bf && aa.len() == ba.len()
            }
            (
                Expr::Case {
                    whens: aw,
                    otherwise: ao,
                },
                Expr::Case {
                    whens: bw,
                    otherwise: bo,
                },
            ) => aw.len() == bw.len() && ao.is_some() == bo.is_some(),
            (Expr::Row(a), Expr::Row(b)) => a.len() == b.len(),
            (
                Expr::Subquery {
                    test: at,
                    operand: ao,
                    query: aq,
                },
                Expr::Subquery {
                    test: bt,
                    operand: bo,
                    query: bq,
                },
            ) => at == bt && ao.is_some() == bo.is_some() && aq == bq,
            _ => false,
        }
    }
}
