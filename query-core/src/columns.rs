//! The columns of a subquery source's rows, as far as the subquery's type knows them, so
//! that `s.total` on `s in subquery(q)` is checked by rustc where it can be.
//!
//! A query's row type ([`row`](crate::row)) decides whether its column names are known at
//! compile time:
//!
//! - a struct literal select `T { .. }` ([`Named<T>`]) of a `#[derive(Row)]` struct: its
//!   columns are `T`'s fields, with their Rust types;
//! - a query without `select:` over a schema ([`Root`]): the schema's fields;
//! - anything else (a tuple, one value, a select built at run time, a schemaless source):
//!   the names are known when the query is planned, which checks them.
//!
//! The derives implement [`ColumnNamed<N>`] for each field, where `N` is a hash of the
//! field's name ([`column_key`]); the expansion of `s.total` asks for `ColumnNamed<{key of
//! "total"}>`, so a name the row type lacks fails to compile at the user's token. The
//! expression itself still names the column, and the planner checks it as before: the key
//! only decides whether rustc accepts the name and which Rust type the column has.
//!
//! Which of the two cases applies is chosen by method resolution on a probe of the query's
//! type ([`Probe`]): [`KnownColumns`] is implemented for `&Probe<S, R>` where the row type
//! has known columns, and [`UnknownColumns`] for every `Probe<S, R>`; a method call on
//! `&Probe` finds the first where it applies and the second otherwise.

use std::marker::PhantomData;

use crate::expr::{BindingRef, Expr};
use crate::query::Queryable;
use crate::row::{Bindings, Named, Root};
use crate::value::Any;
use crate::{Name, dsl::Typed};

/// A type whose columns are known at compile time: a `#[derive(Row)]` struct or a
/// `#[derive(Schema)]` struct, each of whose fields implements [`ColumnNamed`].
pub trait RowColumns {}

/// The field named `N` (a [`column_key`]) of a [`RowColumns`] type.
#[diagnostic::on_unimplemented(
    message = "the subquery's rows, `{Self}`, have no column of this name",
    label = "not a field of `{Self}`",
    note = "a subquery's columns are the fields of the struct it selects (or of its schema); to look a name up when the query is planned instead, write `s[\"name\"]`"
)]
pub trait ColumnNamed<const N: u64> {
    /// The field's Rust type: the column's type.
    type Field;
}

/// The key of a column name in [`ColumnNamed`]: the name's 64-bit FNV-1a hash. The derives
/// and the expansion of `s.field` compute it alike; two names of one struct with the same
/// key would make its derive fail to compile (two impls of one trait), never a wrong check.
pub const fn column_key(name: &str) -> u64 {
    let bytes = name.as_bytes();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut i = 0;
    while i < bytes.len() {
        hash ^= bytes[i] as u64;
        hash = hash.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    hash
}

/// The columns of a subquery whose row type `T` knows them.
pub struct Known<T>(PhantomData<fn() -> T>);

/// The columns of a subquery whose names are known at plan time only.
pub struct Unknown;

/// The type of column `N` of a subquery's rows, where rustc can know it.
pub trait ColumnOf<const N: u64> {
    /// The column's Rust type.
    type Ty;
}

impl<T: ColumnNamed<N>, const N: u64> ColumnOf<N> for Known<T> {
    type Ty = T::Field;
}

impl<const N: u64> ColumnOf<N> for Unknown {
    type Ty = Any;
}

/// The type of a query used as a subquery source, to find what is known of its columns:
/// `(&probe(&q)).columns()` is [`KnownColumns::columns`] where it applies (a method on
/// `&Probe`) and [`UnknownColumns::columns`] otherwise (a method on `Probe`, found one
/// dereference later).
pub struct Probe<S, R>(PhantomData<fn() -> (S, R)>);

impl<S, R> Clone for Probe<S, R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, R> Copy for Probe<S, R> {}

/// The probe of `query`'s type.
pub fn probe<Q: Queryable>(_query: &Q) -> Probe<Q::Schema, Q::Row> {
    Probe(PhantomData)
}

/// The columns of a subquery whose row type knows them.
pub trait KnownColumns {
    /// The row type whose fields are the columns.
    type Row;
    /// The columns.
    fn columns(self) -> Known<Self::Row>;
}

impl<S, T: RowColumns> KnownColumns for &Probe<S, Named<T>> {
    type Row = T;
    fn columns(self) -> Known<T> {
        Known(PhantomData)
    }
}

impl<S: Bindings> KnownColumns for &Probe<S, Root>
where
    S::Root: RowColumns,
{
    type Row = S::Root;
    fn columns(self) -> Known<S::Root> {
        Known(PhantomData)
    }
}

/// The columns of any other subquery: known at plan time.
pub trait UnknownColumns {
    /// The columns.
    fn columns(self) -> Unknown;
}

impl<S, R> UnknownColumns for Probe<S, R> {
    fn columns(self) -> Unknown {
        Unknown
    }
}

/// `s.name` on a subquery source `s` whose columns are `columns`: the column, typed where
/// the subquery's row type knows it.
pub fn column<const N: u64, C: ColumnOf<N>>(
    _columns: &C,
    binding: BindingRef,
    name: &'static str,
) -> Typed<C::Ty> {
    Typed::new(Expr::field(binding, Name::Borrowed(name)))
}
