//! A query as `from!` builds it at its call site: the values of the call's `^` pins, and the
//! function, written by the macro, that builds the clauses from them. The clauses are built
//! only when something reads them ([`Query::data`]); until then a renderer that has seen the
//! call site before can print the query from the pins alone, which is what makes rendering
//! a repeated query almost free (`docs/architecture.md`, "Call-site templates").
//!
//! A template's identity is its build function's address: the macro writes one function
//! per call site (and rustc one per instantiation of a generic function around it), which
//! captures nothing, so two templates with the same function and equal pins build equal
//! clauses. Two functions may share an address only where their code is identical, which
//! builds the same clauses too. This module knows no SQL; it only keeps the pins in order.

use std::marker::PhantomData;
use std::sync::OnceLock;

use crate::expr::Expr;
use crate::query::{Query, QueryData};
use crate::schema::Erased;
use crate::value::{Array, SqlType, ToList, Value};

/// One pinned value of a template, in the order the call site pins them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Param {
    /// `^x`: a value.
    Value(Value),
    /// `x in ^list`: a list.
    List(Array),
}

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

/// How a call site builds its query from its arguments: from nothing (a schema or a table
/// source), or on top of the query it extends (a composed source), with the typed field
/// accessors of that query's bindings (`W`), read where `from!` was called.
///
/// A composed call site's function takes and returns erased queries: it may sit in a
/// function generic over its query's schema (`fn active<S>(q: Query<S>)`) without `S:
/// 'static`, and only `'static` types can be kept in a template. The accessors' types are
/// `'static` by the `Schema` trait's bounds.
enum Builder<A, W, S> {
    Root(fn(A) -> Query<S>),
    On(fn(Query, A, W) -> Query, Query, W),
}

/// A template with its types erased, as a [`Query`] holds it. Each call site instantiates
/// this trait for its own argument types, so it holds only what needs those types; the rest
/// is in [`Head`] and in the methods on `dyn Build` below, compiled once (rustc's time on a
/// crate of queries grows with the code each query instantiates).
pub(crate) trait Build: Send + Sync {
    /// What does not depend on the call site's types.
    fn head(&self) -> &Head;
    /// The same, to change.
    fn head_mut(&mut self) -> &mut Head;
    /// The build function's address.
    fn id(&self) -> usize;
    /// The pins, in order.
    fn params(&self) -> &[Param];
    /// The pins, to move values out of.
    fn params_mut(&mut self) -> &mut [Param];
    /// The query a composed call site extends.
    fn base(&self) -> Option<&Query>;
    /// The query the build function makes of copies of the template's own pins.
    fn build_own(&self) -> Query;
    /// The query the build function makes of the template's own pins and base, moved out:
    /// the template must not be used after.
    fn take_own(&mut self) -> Query;
    /// The query the build function makes of `base` and `params` instead of the template's
    /// own; `None` if their number, or the presence of a base, is not the function's.
    fn build_with(&self, base: Option<Query>, params: &[Param]) -> Option<Query>;
}

/// The part of a template that does not depend on its call site's types.
pub(crate) struct Head {
    /// Whether the call site said its clauses compare expressions with each other.
    compares: bool,
    /// The clauses, once built.
    data: OnceLock<QueryData>,
}

impl Head {
    fn new(compares: bool) -> Head {
        Head {
            compares,
            data: OnceLock::new(),
        }
    }
}

impl dyn Build + '_ {
    /// Whether the call site said its clauses compare expressions with each other.
    pub(crate) fn compares(&self) -> bool {
        self.head().compares
    }

    /// The clauses, built on first use.
    pub(crate) fn data(&self) -> &QueryData {
        self.head()
            .data
            .get_or_init(|| self.build_own().into_data())
    }

    /// Whether the clauses have been built.
    pub(crate) fn is_built(&self) -> bool {
        self.head().data.get().is_some()
    }

    /// The clauses, moved out if already built, or else built.
    pub(crate) fn take_data(&mut self) -> QueryData {
        match self.head_mut().data.take() {
            Some(data) => data,
            None => self.take_own().into_data(),
        }
    }
}

/// A template: the build function (with the query it extends) and its pins.
struct Site<A: Args, W, S> {
    head: Head,
    build: Builder<A, W, S>,
    params: A::Params,
}

impl<A: Args, W: Copy + Send + Sync + 'static, S: 'static> Build for Site<A, W, S> {
    fn head(&self) -> &Head {
        &self.head
    }

    fn head_mut(&mut self) -> &mut Head {
        &mut self.head
    }

    fn id(&self) -> usize {
        match self.build {
            Builder::Root(build) => build as usize,
            Builder::On(build, _, _) => build as usize,
        }
    }

    fn params(&self) -> &[Param] {
        self.params.as_ref()
    }

    fn params_mut(&mut self) -> &mut [Param] {
        self.params.as_mut()
    }

    fn base(&self) -> Option<&Query> {
        match &self.build {
            Builder::Root(_) => None,
            Builder::On(_, base, _) => Some(base),
        }
    }

    fn build_own(&self) -> Query {
        let args = A::from_array(&self.params);
        match &self.build {
            Builder::Root(build) => build(args).erase(),
            Builder::On(build, base, witnesses) => build(base.clone(), args, *witnesses),
        }
    }

    fn take_own(&mut self) -> Query {
        let args = A::from_owned(std::mem::replace(&mut self.params, A::placeholder()));
        match &mut self.build {
            Builder::Root(build) => build(args).erase(),
            // Moved, not shared, so that the build function extends the base's clauses in
            // place instead of copying them; what is left is never read.
            Builder::On(build, base, witnesses) => {
                let base = std::mem::replace(base, Query::table(""));
                build(base, args, *witnesses)
            }
        }
    }

    fn build_with(&self, base: Option<Query>, params: &[Param]) -> Option<Query> {
        let args = A::from_params(params)?;
        Some(match (&self.build, base) {
            (Builder::Root(build), None) => build(args).erase(),
            (Builder::On(build, _, witnesses), Some(base)) => build(base, args, *witnesses),
            _ => return None,
        })
    }
}

/// The query of a `from!` over a schema or a table: a template of `build` and `args`, or
/// the query `build` makes at once if an argument is structure (a spliced condition).
pub fn template<A: Args, S: 'static>(args: A, build: fn(A) -> Query<S>) -> Query<S> {
    root(args, build, false)
}

/// [`template`] for a call site whose clauses compare expressions with each other: with a
/// `group_by:` or `distinct:` clause, whose checks compare planned expressions, pinned
/// values included.
pub fn comparing_template<A: Args, S: 'static>(args: A, build: fn(A) -> Query<S>) -> Query<S> {
    root(args, build, true)
}

fn root<A: Args, S: 'static>(args: A, build: fn(A) -> Query<S>, compares: bool) -> Query<S> {
    match args.into_params() {
        Ok(params) => Query::from_template(Site {
            head: Head::new(compares),
            build: Builder::<A, (), S>::Root(build),
            params,
        }),
        Err(args) => build(args),
    }
}

/// The query of a `from!` that extends `base` and joins nothing (so its bindings' schemas
/// are `base`'s): [`template`] for a composed source, `witnesses` being the typed field
/// accessors of `base`'s bindings that `build` reads (`compares` as for
/// [`comparing_template`]).
///
/// The accessors come first, so that a call can read them from `base` before it moves it.
pub fn template_on<A: Args, W: Copy + Send + Sync + 'static, B>(
    witnesses: W,
    args: A,
    base: Query<B>,
    build: fn(Query, A, W) -> Query,
    compares: bool,
) -> Query<B> {
    match args.into_params() {
        Ok(params) => Query::from_template(Site {
            head: Head::new(compares),
            build: Builder::<A, W, Erased>::On(build, base.erase(), witnesses),
            params,
        }),
        Err(args) => build(base.erase(), args, witnesses).retype(),
    }
}
