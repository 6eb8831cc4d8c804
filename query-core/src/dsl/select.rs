//! The `select:` expansions: one selected thing typed by its value ([`Item`]), and the
//! selections a `select:` or `select_merge:` value becomes ([`Selection`]), each with the row
//! type its rows decode into.

use super::Typed;
use crate::Name;
use crate::builder::select::{Select, Selected};
use crate::expr::{BindingRef, Expr};
use crate::row::{AnyRow, FieldsRow, Item, Items, Named, Root, Selection, Whole};
use crate::value::Any;

/// A selected expression.
pub fn selected<T>(value: Typed<T>) -> Item<T> {
    Item::new(Selected::Expr(value.expr))
}

/// `selected_as(x, name)` in `select:`: `x`, its column named `name`.
pub fn selected_as<T>(value: Typed<T>, name: &'static str) -> Item<T> {
    Item::new(Selected::As {
        expr: value.expr,
        name: Name::Borrowed(name),
    })
}

/// `selected_as(name)` in `order_by:` or `group_by:`: the expression selected as `name`,
/// typed when the query is planned.
pub fn selected_ref(name: &'static str) -> Typed<Any> {
    Typed::new(Expr::field(BindingRef::Selected, name))
}

/// `select: x`.
pub fn one<T>(item: Item<T>) -> Selection<T> {
    Selection::new(Select::One(item.into_selected()))
}

/// `select: u` where `u` is the root binding: rows are its schema, as without a select.
pub fn root<T>(item: Item<Whole<T>>) -> Selection<Root> {
    Selection::new(Select::One(item.into_selected()))
}

/// `select: (a, b, ...)`.
pub fn tuple<T: Items>(items: T) -> Selection<T::Row> {
    Selection::new(Select::Tuple(items.into_selected()))
}

/// `select: (a, b, ...)` with more items than a row tuple decodes: rows are named by the
/// caller.
pub fn long_tuple<const N: usize>(items: [Selected; N]) -> Selection<AnyRow> {
    Selection::new(Select::Tuple(Vec::from(items)))
}

/// One item of [`long_tuple`].
pub fn untyped<T>(item: Item<T>) -> Selected {
    item.into_selected()
}

/// `select: T { field: x, .. }`: columns named after the fields, rows decoded as `T`.
pub fn named<T>(fields: Vec<(&'static str, Selected)>) -> Selection<Named<T>> {
    let fields = fields
        .into_iter()
        .map(|(name, expr)| (Name::Borrowed(name), expr))
        .collect();
    Selection::new(Select::Struct(fields))
}

/// `select: u`: a whole binding whose field accessors are `fields`.
pub fn whole<F: FieldsRow>(binding: impl Into<BindingRef>, _fields: F) -> Item<Whole<F::Row>> {
    Item::new(Selected::Binding(binding.into()))
}

/// `select: o` where this `from!` left-joins `o`: `None` where the join found no row.
pub fn whole_left<F: FieldsRow>(
    binding: impl Into<BindingRef>,
    _fields: F,
) -> Item<Whole<F::Nullable>> {
    Item::new(Selected::Binding(binding.into()))
}

/// `select: u` on a schemaless binding: the caller names its row type.
pub fn whole_any(binding: impl Into<BindingRef>) -> Item<Whole<AnyRow>> {
    Item::new(Selected::Binding(binding.into()))
}
