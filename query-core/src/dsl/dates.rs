//! The date and time functions of the query language ([`Func::Extract`],
//! [`Func::DateAdd`], ...): the bounds are the compile-time check that a date function gets
//! a date (a time part or an hour's step a timestamp), and the result keeps the arguments'
//! nullity. The units and parts are values the macro picks from the bare word the user
//! wrote (`month`), so no user text reaches the SQL.

use chrono::{NaiveDate, NaiveDateTime};

use super::Typed;
use super::func::{Nulled, WholeNumber};
use crate::expr::Expr;
use crate::func::{DatePart, Func, Unit};
use crate::value::kind::{self, SameKind};
use crate::value::{Nullity, SqlType};

/// A kind with a calendar date: dates and timestamps.
#[diagnostic::on_unimplemented(
    message = "expected a date or a timestamp, found an expression of kind `{Self}`",
    label = "not a date",
    note = "`extract` reads a field of a `NaiveDate`, a `NaiveDateTime` or a `DateTime<Utc>`"
)]
pub trait Dated {}

impl Dated for kind::CalendarDate {}
impl Dated for kind::NaiveTimestamp {}
impl Dated for kind::UtcTimestamp {}
impl Dated for kind::Untyped {}

/// A kind with a time of day: timestamps.
#[diagnostic::on_unimplemented(
    message = "expected a timestamp, found an expression of kind `{Self}`",
    label = "no time of day",
    note = "a date has no hour, minute or second: read them from a `NaiveDateTime` or a `DateTime<Utc>`"
)]
pub trait Timed {}

impl Timed for kind::NaiveTimestamp {}
impl Timed for kind::UtcTimestamp {}
impl Timed for kind::Untyped {}

fn call<T>(func: Func, args: Vec<Expr>) -> Typed<T> {
    Typed::new(Expr::Func { func, args })
}

/// `extract(part, x)` for a part every date has (`year`, `month`, `dow`, ...): an `i32`.
pub fn extract_date<T: SqlType>(
    part: DatePart,
    x: Typed<T>,
) -> Typed<<T::Null as Nullity>::Wrap<i32>>
where
    T::Kind: Dated,
{
    call(Func::Extract(part), vec![x.expr])
}

/// `extract(part, t)` for a part of the time of day (`hour`, `minute`, `second`), which
/// only a timestamp has: an `i32`.
pub fn extract_time<T: SqlType>(
    part: DatePart,
    t: Typed<T>,
) -> Typed<<T::Null as Nullity>::Wrap<i32>>
where
    T::Kind: Timed,
{
    call(Func::Extract(part), vec![t.expr])
}

/// `date_add(d, n, unit)`: the date `n` units (a year, month, week or day) after `d`.
pub fn date_add<D: SqlType, N: SqlType>(
    d: Typed<D>,
    n: Typed<N>,
    unit: Unit,
) -> Typed<Nulled<NaiveDate, D, N>>
where
    D::Kind: SameKind<kind::CalendarDate>,
    N::Kind: WholeNumber,
{
    call(Func::DateAdd(unit), vec![d.expr, n.expr])
}

/// `datetime_add(t, n, unit)`: the timestamp `n` units after `t`, of `t`'s type (a
/// `NaiveDateTime`, or a `DateTime<Utc>` moved by UTC's calendar).
pub fn datetime_add<T: SqlType, N: SqlType>(
    t: Typed<T>,
    n: Typed<N>,
    unit: Unit,
) -> Typed<Nulled<T::NotNull, T, N>>
where
    T::Kind: Timed,
    N::Kind: WholeNumber,
{
    call(Func::DatetimeAdd(unit), vec![t.expr, n.expr])
}

/// `ago(n, unit)`: the current UTC time less `n` units, a naive timestamp.
pub fn ago<N: SqlType>(n: Typed<N>, unit: Unit) -> Typed<<N::Null as Nullity>::Wrap<NaiveDateTime>>
where
    N::Kind: WholeNumber,
{
    call(Func::Ago(unit), vec![n.expr])
}

/// `from_now(n, unit)`: the current UTC time plus `n` units, a naive timestamp.
pub fn from_now<N: SqlType>(
    n: Typed<N>,
    unit: Unit,
) -> Typed<<N::Null as Nullity>::Wrap<NaiveDateTime>>
where
    N::Kind: WholeNumber,
{
    call(Func::FromNow(unit), vec![n.expr])
}

/// `date_diff(a, b)`: the days from the date `b` to the date `a`, an `i32`.
pub fn date_diff<A: SqlType, B: SqlType>(a: Typed<A>, b: Typed<B>) -> Typed<Nulled<i32, A, B>>
where
    A::Kind: SameKind<kind::CalendarDate>,
    B::Kind: SameKind<kind::CalendarDate>,
{
    call(Func::DateDiff, vec![a.expr, b.expr])
}
