//! The arguments of a call site's build function: each `^` pin as the macro evaluated it,
//! typed for the compile-time checks ([`Arg`], [`ListArg`]), and the tuples of them a build
//! function takes ([`Args`]), which convert to and from the untyped [`Param`]s a template
//! keeps.

use std::marker::PhantomData;

use super::Param;
use crate::expr::Expr;
use crate::value::{Array, SqlType, ToList, Value};

/// `^x` at a call site: its value (or the condition a [`Dynamic`](crate::Dynamic) splices),
/// with the Rust type of its SQL value for the compile-time checks.
pub struct Arg<T> {
    pinned: Pinned,
    _ty: PhantomData<fn() -> T>,
}

/// What an [`Arg`] holds.
enum Pinned {
    Value(Value),
    /// A spliced condition: structure, not a value, so its query is built at once.
    Expr(Expr),
}

impl<T> Arg<T> {
    pub(crate) fn value(value: Value) -> Self {
        Arg {
            pinned: Pinned::Value(value),
            _ty: PhantomData,
        }
    }

    pub(crate) fn expr(expr: Expr) -> Self {
        Arg {
            pinned: Pinned::Expr(expr),
            _ty: PhantomData,
        }
    }

    /// The expression the pin stands for.
    pub(crate) fn into_expr(self) -> Expr {
        match self.pinned {
            Pinned::Value(value) => Expr::Param(value),
            Pinned::Expr(expr) => expr,
        }
    }
}

/// `x in ^list` at a call site: the list, with the Rust type of its elements.
pub struct ListArg<E> {
    list: Array,
    _elem: PhantomData<fn() -> E>,
}

impl<E> ListArg<E> {
    pub(crate) fn new(list: Array) -> Self {
        ListArg {
            list,
            _elem: PhantomData,
        }
    }
}

impl<E: SqlType> ToList for ListArg<E> {
    type Elem = E;
    fn to_array(self) -> Array {
        self.list
    }
}

/// One argument of a call site's build function: an [`Arg`] or a [`ListArg`].
pub trait ArgOf: Sized + 'static {
    /// The pin as a [`Param`], or itself if it is structure (a spliced condition).
    fn into_param(self) -> Result<Param, Self>;
    /// The argument holding `param`.
    fn from_param(param: Param) -> Self;
}

impl<T: 'static> ArgOf for Arg<T> {
    fn into_param(self) -> Result<Param, Self> {
        match self.pinned {
            Pinned::Value(value) => Ok(Param::Value(value)),
            Pinned::Expr(_) => Err(self),
        }
    }

    fn from_param(param: Param) -> Self {
        Arg::value(match param {
            Param::Value(value) => value,
            Param::List(list) => Value::Array(list),
        })
    }
}

impl<E: 'static> ArgOf for ListArg<E> {
    fn into_param(self) -> Result<Param, Self> {
        Ok(Param::List(self.list))
    }

    fn from_param(param: Param) -> Self {
        ListArg::new(match param {
            Param::List(list) => list,
            Param::Value(Value::Array(list)) => list,
            Param::Value(_) => Array::Bool(Vec::new()),
        })
    }
}

/// The arguments of a call site's build function: a tuple of [`ArgOf`]s, as many as the
/// call pins (up to 24; `from!` builds a query with more at once).
pub trait Args: Sized + 'static {
    /// The pins, in order.
    type Params: AsRef<[Param]> + AsMut<[Param]> + Send + Sync + 'static;
    /// The pins, or the arguments themselves if one of them is structure.
    fn into_params(self) -> Result<Self::Params, Self>;
    /// The arguments holding copies of `params`.
    fn from_array(params: &Self::Params) -> Self;
    /// The arguments holding `params`, moved.
    fn from_owned(params: Self::Params) -> Self;
    /// Pins to leave in the place of pins moved out (never read).
    fn placeholder() -> Self::Params;
    /// The arguments holding copies of `params`; `None` if there are not as many.
    fn from_params(params: &[Param]) -> Option<Self>;
}

macro_rules! args {
    ($($n:literal: $($t:ident $i:tt $p:ident),*;)*) => {$(
        impl<$($t: ArgOf),*> Args for ($($t,)*) {
            type Params = [Param; $n];

            #[allow(unused_variables, reason = "the empty tuple has no pins")]
            fn into_params(self) -> Result<Self::Params, Self> {
                let pins = ($(self.$i.into_param(),)*);
                match pins {
                    ($(Ok($p),)*) => Ok([$($p),*]),
                    #[allow(unreachable_patterns, reason = "the empty tuple always matches above")]
                    ($($p,)*) => Err(($(match $p {
                        Ok(param) => $t::from_param(param),
                        Err(arg) => arg,
                    },)*)),
                }
            }

            #[allow(clippy::unused_unit, reason = "the empty tuple")]
            fn from_array(params: &Self::Params) -> Self {
                let [$($p),*] = params;
                ($($t::from_param($p.clone()),)*)
            }

            #[allow(clippy::unused_unit, reason = "the empty tuple")]
            fn from_owned(params: Self::Params) -> Self {
                let [$($p),*] = params;
                ($($t::from_param($p),)*)
            }

            fn placeholder() -> Self::Params {
                [$({ let _ = stringify!($p); Param::Value(Value::Bool(false)) }),*]
            }

            fn from_params(params: &[Param]) -> Option<Self> {
                let [$($p),*] = params else {
                    return None;
                };
                Some(($($t::from_param($p.clone()),)*))
            }
        }
    )*};
}

args! {
    0: ;
    1: T0 0 p0;
    2: T0 0 p0, T1 1 p1;
    3: T0 0 p0, T1 1 p1, T2 2 p2;
    4: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3;
    5: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4;
    6: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5;
    7: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6;
    8: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7;
    9: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8;
    10: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9;
    11: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10;
    12: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11;
    13: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12;
    14: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13;
    15: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14;
    16: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15;
    17: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16;
    18: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17;
    19: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17, T18 18 p18;
    20: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17, T18 18 p18, T19 19 p19;
    21: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17, T18 18 p18, T19 19 p19, T20 20 p20;
    22: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17, T18 18 p18, T19 19 p19, T20 20 p20, T21 21 p21;
    23: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17, T18 18 p18, T19 19 p19, T20 20 p20, T21 21 p21, T22 22 p22;
    24: T0 0 p0, T1 1 p1, T2 2 p2, T3 3 p3, T4 4 p4, T5 5 p5, T6 6 p6, T7 7 p7, T8 8 p8, T9 9 p9, T10 10 p10, T11 11 p11, T12 12 p12, T13 13 p13, T14 14 p14, T15 15 p15, T16 16 p16, T17 17 p17, T18 18 p18, T19 19 p19, T20 20 p20, T21 21 p21, T22 22 p22, T23 23 p23;
}
