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

mod args;

use std::sync::OnceLock;

pub use self::args::{Arg, ArgOf, Args, ListArg};
use crate::query::{Query, QueryData};
use crate::schema::Erased;
use crate::value::{Array, Value};

/// One pinned value of a template, in the order the call site pins them.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub enum Param {
    /// `^x`: a value.
    Value(Value),
    /// `x in ^list`: a list.
    List(Array),
}

/// How a call site builds its query from its arguments: from nothing (a schema or a table
/// source), or on top of the query it extends (a composed source), with the typed field
/// accessors of that query's bindings (`W`), read where `from!` was called.
///
/// A composed call site's function takes and returns erased queries: it may sit in a
/// function generic over its query's schema (`fn active<S>(q: Query<S>)`) without `S:
/// 'static`, and only `'static` types can be kept in a template. The accessors' types are
/// `'static` by the `Schema` trait's bounds. `R` is the row type the function's select
/// gives ([`Root`] where it selects nothing, so a composed one keeps its base's).
enum Builder<A, W, S, R> {
    Root(fn(A) -> Query<S, R>),
    On(fn(Query, A, W) -> Query<Erased, R>, Query, W),
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
    /// Boxed, so that a template (moved into its `Arc` on every `from!` call) stays small.
    data: OnceLock<Box<QueryData>>,
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
            .get_or_init(|| Box::new(self.build_own().into_data()))
    }

    /// Whether the clauses have been built.
    pub(crate) fn is_built(&self) -> bool {
        self.head().data.get().is_some()
    }

    /// The clauses, moved out if already built, or else built.
    pub(crate) fn take_data(&mut self) -> QueryData {
        match self.head_mut().data.take() {
            Some(data) => *data,
            None => self.take_own().into_data(),
        }
    }
}

/// A template: the build function (with the query it extends) and its pins.
struct Site<A: Args, W, S, R> {
    head: Head,
    build: Builder<A, W, S, R>,
    params: A::Params,
}

impl<A: Args, W: Copy + Send + Sync + 'static, S: 'static, R: 'static> Build for Site<A, W, S, R> {
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
            Builder::On(build, base, witnesses) => build(base.clone(), args, *witnesses).erase(),
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
                build(base, args, *witnesses).erase()
            }
        }
    }

    fn build_with(&self, base: Option<Query>, params: &[Param]) -> Option<Query> {
        let args = A::from_params(params)?;
        Some(match (&self.build, base) {
            (Builder::Root(build), None) => build(args).erase(),
            (Builder::On(build, _, witnesses), Some(base)) => build(base, args, *witnesses).erase(),
            _ => return None,
        })
    }
}

/// The query of a `from!` over a schema or a table: a template of `build` and `args`, or
/// the query `build` makes at once if an argument is structure (a spliced condition).
pub fn template<A: Args, S: 'static, R: 'static>(
    args: A,
    build: fn(A) -> Query<S, R>,
) -> Query<S, R> {
    root(args, build, false)
}

/// [`template`] for a call site whose clauses compare expressions with each other: with a
/// `group_by:` or `distinct:` clause, whose checks compare planned expressions, pinned
/// values included.
pub fn comparing_template<A: Args, S: 'static, R: 'static>(
    args: A,
    build: fn(A) -> Query<S, R>,
) -> Query<S, R> {
    root(args, build, true)
}

fn root<A: Args, S: 'static, R: 'static>(
    args: A,
    build: fn(A) -> Query<S, R>,
    compares: bool,
) -> Query<S, R> {
    match args.into_params() {
        Ok(params) => Query::from_template(Site {
            head: Head::new(compares),
            build: Builder::<A, (), S, R>::Root(build),
            params,
        }),
        Err(args) => build(args),
    }
}

/// The query of a `from!` that extends `base`, joins nothing (so its bindings' schemas
/// are `base`'s) and selects nothing (so its rows are `base`'s): [`template`] for a
/// composed source, `witnesses` being the typed field accessors of `base`'s bindings that
/// `build` reads (`compares` as for [`comparing_template`]).
///
/// The accessors come first, so that a call can read them from `base` before it moves it.
pub fn template_on<A: Args, W: Copy + Send + Sync + 'static, B, R>(
    witnesses: W,
    args: A,
    base: Query<B, R>,
    build: fn(Query, A, W) -> Query,
    compares: bool,
) -> Query<B, R> {
    on(witnesses, args, base.erase(), build, compares).retype()
}

/// [`template_on`] for a call site that selects: its rows are its select's, `T`.
pub fn template_on_select<A: Args, W: Copy + Send + Sync + 'static, B, R, T: 'static>(
    witnesses: W,
    args: A,
    base: Query<B, R>,
    build: fn(Query, A, W) -> Query<Erased, T>,
    compares: bool,
) -> Query<B, T> {
    on(witnesses, args, base.erase(), build, compares).retype()
}

fn on<A: Args, W: Copy + Send + Sync + 'static, T: 'static>(
    witnesses: W,
    args: A,
    base: Query,
    build: fn(Query, A, W) -> Query<Erased, T>,
    compares: bool,
) -> Query<Erased, T> {
    match args.into_params() {
        Ok(params) => Query::from_template(Site {
            head: Head::new(compares),
            build: Builder::<A, W, Erased, T>::On(build, base, witnesses),
            params,
        }),
        Err(args) => build(base, args, witnesses),
    }
}
