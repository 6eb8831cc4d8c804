//! Which Rust type a query's rows decode into, from the row type its `Query<S, R>` carries
//! (see `recto_core::row`): where the type is known, it is the only one [`Decodes`] allows,
//! so `repo.all(&q)` needs no annotation and a wrong annotation does not compile; where it
//! is not (a schemaless root, a select built at run time, a schemaless field), the caller
//! names it.
//!
//! | `R` | rows decode into |
//! |---|---|
//! | [`Root`] | the root binding's schema (`S`'s first), or any [`FromRecord`] type if it is schemaless |
//! | a selected value's type `T` | `T` (`i64`, `Option<String>`, ...) |
//! | `Whole<T>` (a selected binding) | `T`: a schema, or `Option` of one (a left-joined binding) |
//! | a tuple of those | the tuple of theirs |
//! | `Any` (a schemaless field) | any one-column type the caller names |
//! | `Named<T>` (a struct literal) | `T`, by its fields' names ([`NamedRow`]) |
//! | [`AnyRow`] | any [`FromRecord`] type the caller names |
//!
//! Nobody implements these traits by hand.

use recto_core::row::{AnyRow, Bindings, Named, Root, Whole};
use recto_core::value::{
    Any, AnyNumber, FloatLit, Logical, MaybeNull, NotNull, Nullity, SqlType, UnknownNull,
};
use recto_core::{Erased, Error, Query};

use super::{FromColumn, FromRecord, NamedRow, NullableRecord, Record};

/// A query whose rows decode into `X`.
#[diagnostic::on_unimplemented(
    message = "the rows of this query do not decode into `{X}`",
    label = "its select gives another row type",
    note = "a query's rows decode into the type of its `select:` (or its root schema without one); leave the type out and let it be inferred, or select what `{X}` holds"
)]
pub trait Decodes<X> {
    /// Reads one row.
    fn decode(record: &mut Record<'_>) -> Result<X, Error>;
}

impl<S, R: RowAs<S, X>, X> Decodes<X> for Query<S, R> {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        R::decode(record)
    }
}

impl<S, R: RowAs<S, X>, X> Decodes<X> for &Query<S, R> {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        R::decode(record)
    }
}

/// A query row type `Self` (with bindings `S`) that decodes into `X`.
pub trait RowAs<S, X> {
    /// Reads one row.
    fn decode(record: &mut Record<'_>) -> Result<X, Error>;
}

impl<S: Bindings, X> RowAs<S, X> for Root
where
    S::Root: RootRow<X>,
{
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        <S::Root as RootRow<X>>::decode(record)
    }
}

impl<S, X: FromRecord> RowAs<S, X> for AnyRow {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        X::from_record(record)
    }
}

impl<S, X: NamedRow> RowAs<S, X> for Named<X> {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        X::from_named(record)
    }
}

impl<S, T: ItemRow<X> + SingleItem, X> RowAs<S, X> for T {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        T::decode(record)
    }
}

/// The root binding's schema `Self` of a query without `select:`, which decodes into `X`:
/// itself, or (for a schemaless root) whatever [`FromRecord`] type the caller names.
pub trait RootRow<X> {
    /// Reads one row.
    fn decode(record: &mut Record<'_>) -> Result<X, Error>;
}

impl<T: NullableRecord> RootRow<T> for T {
    fn decode(record: &mut Record<'_>) -> Result<T, Error> {
        T::from_record(record)
    }
}

impl<X: FromRecord> RootRow<X> for Erased {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        X::from_record(record)
    }
}

/// One selected thing, typed `Self` in the query, that decodes into `X`.
#[diagnostic::on_unimplemented(
    message = "a selected `{Self}` does not decode into `{X}`",
    label = "the query's select gives `{Self}` here",
    note = "rows decode into the types the `select:` gives: one selected value is the value itself (`i64`, not `(i64,)`), a nullable one an `Option`; leave the type out to have it inferred"
)]
pub trait ItemRow<X> {
    /// Reads its columns.
    fn decode(record: &mut Record<'_>) -> Result<X, Error>;
}

/// A selected thing that is not a tuple: the row of a one-item select.
pub trait SingleItem {}

impl<T: FromColumn> ItemRow<T> for T {
    fn decode(record: &mut Record<'_>) -> Result<T, Error> {
        T::from_record(record)
    }
}

impl<T: FromColumn> SingleItem for T {}

/// Expressions whose SQL type only the planner knows (a schemaless field, arithmetic on one):
/// one column, of the type the caller names.
macro_rules! untyped_items {
    ($($t:ty),*) => {$(
        impl<X: FromColumn> ItemRow<X> for $t {
            fn decode(record: &mut Record<'_>) -> Result<X, Error> {
                X::from_record(record)
            }
        }
        impl SingleItem for $t {}
    )*};
}

untyped_items!(Any, Option<Any>, AnyNumber, Option<AnyNumber>);

/// A float literal selected alone is a double (beside a decimal it is a decimal, which
/// [`FloatLit`]'s arithmetic types give).
impl ItemRow<f64> for FloatLit {
    fn decode(record: &mut Record<'_>) -> Result<f64, Error> {
        f64::from_record(record)
    }
}

impl SingleItem for FloatLit {}

impl ItemRow<Option<f64>> for Option<FloatLit> {
    fn decode(record: &mut Record<'_>) -> Result<Option<f64>, Error> {
        Option::<f64>::from_record(record)
    }
}

impl SingleItem for Option<FloatLit> {}

/// A selected comparison or logical operation: a `bool`, an `Option<bool>` where an operand
/// may be NULL, or the one-column type the caller names where an operand's type is known
/// only at plan time.
impl<L: SqlType, R: SqlType, X> ItemRow<X> for Logical<L, R>
where
    <L::Null as Nullity>::Or<R::Null>: BooleanRow<X>,
{
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        <<L::Null as Nullity>::Or<R::Null> as BooleanRow<X>>::decode(record)
    }
}

impl<L, R> SingleItem for Logical<L, R> {}

/// How a boolean of a nullity decodes: [`NotNull`] as a `bool`, [`MaybeNull`] as an
/// `Option<bool>`, [`UnknownNull`] as the caller says.
pub trait BooleanRow<X> {
    /// Reads the column.
    fn decode(record: &mut Record<'_>) -> Result<X, Error>;
}

impl BooleanRow<bool> for NotNull {
    fn decode(record: &mut Record<'_>) -> Result<bool, Error> {
        record.read()
    }
}

impl BooleanRow<Option<bool>> for MaybeNull {
    fn decode(record: &mut Record<'_>) -> Result<Option<bool>, Error> {
        record.read()
    }
}

impl<X: FromColumn> BooleanRow<X> for UnknownNull {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        record.read()
    }
}

impl<T: FromRecord> ItemRow<T> for Whole<T> {
    fn decode(record: &mut Record<'_>) -> Result<T, Error> {
        T::from_record(record)
    }
}

impl<X: FromRecord> ItemRow<X> for Whole<AnyRow> {
    fn decode(record: &mut Record<'_>) -> Result<X, Error> {
        X::from_record(record)
    }
}

impl<T> SingleItem for Whole<T> {}

macro_rules! tuple_rows {
    ($( ($($item:ident $row:ident),+) )*) => {$(
        impl<S, $($item: ItemRow<$row>, $row),+> RowAs<S, ($($row,)+)> for ($($item,)+) {
            fn decode(record: &mut Record<'_>) -> Result<($($row,)+), Error> {
                Ok(($($item::decode(record)?,)+))
            }
        }
    )*};
}

tuple_rows! {
    (A0 A1)
    (A0 A1, B0 B1)
    (A0 A1, B0 B1, C0 C1)
    (A0 A1, B0 B1, C0 C1, D0 D1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1, K0 K1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1, K0 K1, L0 L1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1, K0 K1, L0 L1, M0 M1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1, K0 K1, L0 L1, M0 M1, N0 N1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1, K0 K1, L0 L1, M0 M1, N0 N1, O0 O1)
    (A0 A1, B0 B1, C0 C1, D0 D1, E0 E1, F0 F1, G0 G1, H0 H1, I0 I1, J0 J1, K0 K1, L0 L1, M0 M1, N0 N1, O0 O1, P0 P1)
}
