//! The row type a query carries: what one row of its result decodes into, as far as the
//! query's type knows it. `Query<S, R>`'s `R` is one of
//!
//! - [`Root`]: no `select:`, so a row is the root binding's schema (`User` for
//!   `from!(u in User)`, and after joins too, as in Ecto);
//! - the Rust type of a selected expression (`i64`, `Option<String>`) or a tuple of them;
//!   a selected binding is a [`Whole`] (`Whole<User>`, or `Whole<Option<Org>>` for a
//!   left-joined one), so `(u, o)` is `(Whole<User>, Whole<Option<Org>>)`;
//! - [`Named<T>`]: a struct literal `T { .. }`, whose columns are named after its fields;
//! - [`AnyRow`]: a select built at run time, whose row type the caller says.
//!
//! A selected expression whose SQL type is known only when the query is planned (a
//! schemaless field) is [`Any`](crate::value::Any), which decodes into whatever one-column
//! type the caller names. The Repo turns these into the Rust type it returns (`Vec<i64>`,
//! `Vec<(User, Option<Org>)>`), so that rows need no annotation when the type is known.

use std::marker::PhantomData;

use crate::builder::select::{Select, Selected};
use crate::schema::{Erased, ErasedFields, Schema, Slot};

/// The row type of a query without `select:`: the root binding's schema.
#[derive(Debug)]
pub struct Root;

/// The row type of a query whose select was built at run time (the builder's
/// [`Query::select`](crate::Query::select) with a [`Select`] value): unknown to the type
/// system, so the caller names it.
#[derive(Debug)]
pub struct AnyRow;

/// The row type of a struct literal select `T { field: expr, .. }`: a `T`, decoded by the
/// names of its fields.
pub struct Named<T>(PhantomData<fn() -> T>);

/// A row type a `select_merge:` merges into: a struct literal's ([`Named`]), a whole
/// binding's ([`Whole`]), or the root binding's of a query without `select:` ([`Root`]).
#[diagnostic::on_unimplemented(
    message = "`select_merge:` merges fields into a struct literal or a whole binding, not rows of `{Self}`",
    label = "this query's rows are not a struct",
    note = "select a struct literal (`select: Summary {{ .. }}`) or a binding (`select: u`) first, or nothing"
)]
pub trait Mergeable {}

impl Mergeable for Root {}
impl<T> Mergeable for Named<T> {}
impl<T> Mergeable for Whole<T> {}

/// The row type of a selected binding (`select: u`, `select: (u, o)`): its schema `T`,
/// `Option<T>` where it is left-joined (`None` when the join found no row), or
/// [`AnyRow`] for a schemaless binding.
pub struct Whole<T>(PhantomData<fn() -> T>);

/// One selected thing with the Rust type of its value.
pub struct Item<T> {
    selected: Selected,
    _ty: PhantomData<fn() -> T>,
}

impl<T> Item<T> {
    /// A selected thing, typed `T` by the caller.
    pub fn new(selected: Selected) -> Self {
        Item {
            selected,
            _ty: PhantomData,
        }
    }

    /// The selected thing.
    pub fn into_selected(self) -> Selected {
        self.selected
    }
}

/// A select clause's value with the row type `R` it gives.
pub struct Selection<R> {
    select: Select,
    _row: PhantomData<fn() -> R>,
}

impl<R> Selection<R> {
    /// A select, typed `R` by the caller.
    pub fn new(select: Select) -> Self {
        Selection {
            select,
            _row: PhantomData,
        }
    }

    /// The select.
    pub fn into_select(self) -> Select {
        self.select
    }
}

/// What [`Query::select`](crate::Query::select) takes: a typed [`Selection`] (what `from!`
/// builds), or a [`Select`] built at run time, which makes the row type [`AnyRow`].
pub trait IntoSelection {
    /// The row type of the query after the select.
    type Row;
    /// The select.
    fn into_select(self) -> Select;
}

impl<R> IntoSelection for Selection<R> {
    type Row = R;
    fn into_select(self) -> Select {
        self.select
    }
}

impl IntoSelection for Select {
    type Row = AnyRow;
    fn into_select(self) -> Select {
        self
    }
}

/// The bindings of a query typed `Query<Self>`: which schema sits at the root, the type a
/// row has when the query selects nothing.
pub trait Bindings {
    /// The root binding's schema, or [`Erased`].
    type Root: Slot;
}

impl<T: Schema> Bindings for T {
    type Root = T;
}

impl Bindings for Erased {
    type Root = Erased;
}

macro_rules! tuple_roots {
    ($( ($first:ident $(, $rest:ident)*) )*) => {$(
        impl<$first: Slot $(, $rest)*> Bindings for ($first, $($rest,)*) {
            type Root = $first;
        }
    )*};
}

tuple_roots! {
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
}

/// The field accessors of a binding (what `#[derive(Schema)]` generates, or
/// [`ErasedFields`]), mapped back to the row type of the whole binding.
pub trait FieldsRow: Copy {
    /// The binding's row: its schema, or [`AnyRow`].
    type Row;
    /// The row of the binding where it is left-joined: `Option` of its schema.
    type Nullable;
}

impl FieldsRow for ErasedFields {
    type Row = AnyRow;
    type Nullable = AnyRow;
}

/// A tuple of selected [`Item`]s, whose row is the tuple of their types.
pub trait Items {
    /// The row type.
    type Row;
    /// The selected things, in order.
    fn into_selected(self) -> Vec<Selected>;
}

macro_rules! items {
    ($( ($($name:ident),+) )*) => {$(
        impl<$($name),+> Items for ($(Item<$name>,)+) {
            type Row = ($($name,)+);
            #[allow(non_snake_case)]
            fn into_selected(self) -> Vec<Selected> {
                let ($($name,)+) = self;
                vec![$($name.selected),+]
            }
        }
    )*};
}

items! {
    (A)
    (A, B)
    (A, B, C)
    (A, B, C, D)
    (A, B, C, D, E)
    (A, B, C, D, E, F)
    (A, B, C, D, E, F, G)
    (A, B, C, D, E, F, G, H)
    (A, B, C, D, E, F, G, H, I)
    (A, B, C, D, E, F, G, H, I, J)
    (A, B, C, D, E, F, G, H, I, J, K)
    (A, B, C, D, E, F, G, H, I, J, K, L)
    (A, B, C, D, E, F, G, H, I, J, K, L, M)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O)
    (A, B, C, D, E, F, G, H, I, J, K, L, M, N, O, P)
}
