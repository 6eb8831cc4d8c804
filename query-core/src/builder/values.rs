//! A list of rows as a source (`values(..)`): a constant table with named columns, every
//! value a bound parameter. Its columns' types are its values' types, the same in every row.

use serde::{Deserialize, Serialize};

use crate::Name;
use crate::builder::from::Source;
use crate::builder::join::JoinKind;
use crate::expr::Expr;
use crate::query::Query;
use crate::schema::{Erased, Push};
use crate::value::{ToValue, Value};

/// Rows of values with named columns, read as a table: `from!(v in values(..))` through
/// [`Query::from_values`], or joined with [`Query::join_values`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Values {
    /// The columns' names, in order.
    pub columns: Vec<Name>,
    /// The rows, each with one value per column. The planner rejects an empty list (no
    /// engine has an empty `VALUES`), a row of another length, and a column whose values
    /// have different types.
    pub rows: Vec<Vec<Value>>,
}

/// One row of a [`values`] list: a tuple of values, or a `Vec<Value>` built at run time.
pub trait ValuesRow {
    /// The row's values, in column order.
    fn into_values(self) -> Vec<Value>;
}

impl ValuesRow for Vec<Value> {
    fn into_values(self) -> Vec<Value> {
        self
    }
}

macro_rules! tuple_rows {
    ($(($($t:ident $v:ident),+)),+ $(,)?) => {$(
        impl<$($t: ToValue),+> ValuesRow for ($($t,)+) {
            fn into_values(self) -> Vec<Value> {
                let ($($v,)+) = self;
                vec![$($v.to_value()),+]
            }
        }
    )+};
}

tuple_rows!(
    (A a),
    (A a, B b),
    (A a, B b, C c),
    (A a, B b, C c, D d),
    (A a, B b, C c, D d, E e),
    (A a, B b, C c, D d, E e, F f),
    (A a, B b, C c, D d, E e, F f, G g),
    (A a, B b, C c, D d, E e, F f, G g, H h),
);

/// A constant table: `columns` named, one row per item of `rows`.
///
/// ```
/// use recto_core::{values, Query, Value};
///
/// let v = values(["k", "label"], [(1, "one"), (2, "two")]);
/// assert_eq!(v.rows[1], [Value::I32(2), Value::Text("two".into())]);
/// let q = Query::from_values(v);
/// assert!(q.data().joins.is_empty());
/// ```
pub fn values<C, R>(columns: C, rows: impl IntoIterator<Item = R>) -> Values
where
    C: IntoIterator,
    C::Item: Into<Name>,
    R: ValuesRow,
{
    Values {
        columns: columns.into_iter().map(Into::into).collect(),
        rows: rows.into_iter().map(ValuesRow::into_values).collect(),
    }
}

impl Query<Erased> {
    /// A query over a list of rows: `from!(v in values(..))`. Its fields are the list's
    /// columns, by name.
    #[track_caller]
    pub fn from_values(values: Values) -> Query<Erased> {
        Query::from_source(Source::Values(values))
    }
}

impl<S, R> Query<S, R> {
    /// Joins a list of rows as the next binding, whose fields are the list's columns:
    /// `join: v in values(..), on: ..`.
    #[track_caller]
    pub fn join_values(
        self,
        kind: JoinKind,
        values: Values,
        on: Expr,
        name: Option<&'static str>,
    ) -> Query<<S as Push<Erased>>::Output, R>
    where
        S: Push<Erased>,
    {
        self.join::<Erased>(kind, Source::Values(values), on, name.map(Name::Borrowed))
    }
}
