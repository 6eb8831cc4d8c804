//! The compile-time types of row values `(a, b, ...)`: a [`Row`] of the items' types, of
//! kind [`RowOf`](kind::RowOf) of their kinds, so that the comparisons and `in [..]` of
//! scalars check rows item by item (`(u.age, u.name) > (^18, ^"b")` compiles, and
//! `(u.age, u.name) > (^"b", ^18)` does not), and a comparison of rows is NULL where an
//! item may be.
//!
//! Rows of two to eight items are typed; `from!` rejects longer tuples.

use super::numeric::Nullity;
use super::rust_types::SqlType;
use super::rust_types::kind::{self, Ordered, SameKind};
use crate::dsl::Typed;
use crate::expr::Expr;

/// A row value whose items have the types of the tuple `T`. It is only an operand of a
/// comparison or of `in`: its kind is no scalar's, so it is no condition, no operand of
/// arithmetic and no select item.
pub struct Row<T>(std::marker::PhantomData<fn() -> T>);

/// A tuple of typed expressions that makes a row value: `(Typed<A>, Typed<B>, ...)`.
pub trait RowItems {
    /// The tuple of the items' types.
    type Types;
    /// The items' expressions, in order.
    fn into_exprs(self) -> Vec<Expr>;
}

/// `<A::Null as Nullity>::Or<..>` over every item: NULL where any item may be.
macro_rules! row_null {
    ($last:ident) => { $last::Null };
    ($first:ident $($rest:ident)+) => {
        <$first::Null as Nullity>::Or<row_null!($($rest)+)>
    };
}

macro_rules! rows {
    ($(($($t:ident $k:ident $v:ident),+))*) => {$(
        impl<$($t: SqlType),+> SqlType for Row<($($t,)+)> {
            type Kind = kind::RowOf<($($t::Kind,)+)>;
            type Nullable = Self;
            type NotNull = Self;
            type Null = row_null!($($t)+);
        }

        impl<$($t, $k: SameKind<$t>),+> SameKind<kind::RowOf<($($t,)+)>>
            for kind::RowOf<($($k,)+)>
        {
        }

        impl<$($t: Ordered),+> Ordered for kind::RowOf<($($t,)+)> {}

        impl<$($t),+> RowItems for ($(Typed<$t>,)+) {
            type Types = ($($t,)+);
            fn into_exprs(self) -> Vec<Expr> {
                let ($($v,)+) = self;
                vec![$($v.into_expr()),+]
            }
        }
    )*};
}

rows! {
    (A1 K1 a1, A2 K2 a2)
    (A1 K1 a1, A2 K2 a2, A3 K3 a3)
    (A1 K1 a1, A2 K2 a2, A3 K3 a3, A4 K4 a4)
    (A1 K1 a1, A2 K2 a2, A3 K3 a3, A4 K4 a4, A5 K5 a5)
    (A1 K1 a1, A2 K2 a2, A3 K3 a3, A4 K4 a4, A5 K5 a5, A6 K6 a6)
    (A1 K1 a1, A2 K2 a2, A3 K3 a3, A4 K4 a4, A5 K5 a5, A6 K6 a6, A7 K7 a7)
    (A1 K1 a1, A2 K2 a2, A3 K3 a3, A4 K4 a4, A5 K5 a5, A6 K6 a6, A7 K7 a7, A8 K8 a8)
}
