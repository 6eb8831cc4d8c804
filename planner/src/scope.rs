//! The view one clause has of the bindings: which it sees (a join's `on:` sees those up to
//! its own), the lookup of a [`BindingRef`] among them, and `parent_as(name)`, which walks
//! out through the queries the clause's query is nested in.

use recto_core::{BindingRef, Clause, Error, Location};

use crate::bindings::Level;
use crate::planned::Binding;

/// The bindings one clause may refer to, and where that clause was written (for errors).
#[derive(Clone, Copy)]
pub(crate) struct Scope<'a, 'q> {
    /// The query whose clause it is.
    pub(crate) level: &'a Level<'a, 'q>,
    /// How many bindings, from the first, the clause sees.
    visible: usize,
    /// The clause, for errors.
    pub(crate) clause: Clause,
    /// Where the clause was written, for errors.
    pub(crate) at: &'q Location,
}

impl<'a, 'q> Scope<'a, 'q> {
    /// A clause that sees every binding.
    pub(crate) fn all(level: &'a Level<'a, 'q>, clause: Clause, at: &'q Location) -> Self {
        Scope {
            level,
            visible: level.bindings.len(),
            clause,
            at,
        }
    }

    /// The `on:` of the join that introduces binding `index`: it sees bindings `0..=index`.
    pub(crate) fn join(level: &'a Level<'a, 'q>, index: usize, at: &'q Location) -> Self {
        Scope {
            level,
            visible: (index + 1).min(level.bindings.len()),
            clause: Clause::Join,
            at,
        }
    }

    /// The bindings the clause sees.
    pub(crate) fn visible(&self) -> &'a [Binding<'q>] {
        &self.level.bindings[..self.visible]
    }

    /// `parent_as(name)`: the binding named `name` of the nearest enclosing query that has
    /// one, with that query's level and how many queries up it is.
    pub(crate) fn parent(
        &self,
        name: &str,
    ) -> Result<(&'a Binding<'q>, &'a Level<'a, 'q>, usize), Error> {
        let mut level = self.level.context.outer;
        let mut levels = 1;
        while let Some(outer) = level {
            if let Some(binding) = outer.bindings.iter().find(|b| b.name == Some(name)) {
                return Ok((binding, outer, levels));
            }
            level = outer.context.outer;
            levels += 1;
        }
        Err(self.invalid(format!(
            "`parent_as({name})` names no binding of an enclosing query: name one with `as: {name}` in a query this one is nested in (a subquery sees its enclosing queries' bindings; a query in `from`/`join: subquery(..)` does not see its own query's)"
        )))
    }

    /// The binding `reference` names.
    ///
    /// Every field of every clause is looked up, nearly always by a visible position: that
    /// case is inlined into the caller, and the rest (names, `Last`, errors) is not.
    #[inline]
    pub(crate) fn lookup(&self, reference: &BindingRef) -> Result<&'a Binding<'q>, Error> {
        if let BindingRef::Index(index) = reference
            && *index < self.visible
            && let Some(binding) = self.level.bindings.get(*index)
        {
            return Ok(binding);
        }
        self.lookup_any(reference)
    }

    /// [`Scope::lookup`] of any reference.
    #[inline(never)]
    fn lookup_any(&self, reference: &BindingRef) -> Result<&'a Binding<'q>, Error> {
        let index = match reference {
            BindingRef::Index(index) => *index,
            BindingRef::Last => self.visible.saturating_sub(1),
            BindingRef::Named(name) => self
                .level
                .bindings
                .iter()
                .position(|binding| binding.name == Some(name.as_ref()))
                .ok_or_else(|| Error::UnknownBinding {
                    clause: self.clause,
                    name: name.to_string(),
                    at: self.at.clone(),
                })?,
            _ => {
                return Err(self.invalid(
                    "this kind of binding reference is not supported by the planner yet",
                ));
            }
        };
        match self.level.bindings.get(index) {
            Some(binding) if index < self.visible => Ok(binding),
            _ => Err(Error::BindingOutOfRange {
                clause: self.clause,
                index,
                count: self.visible,
                at: self.at.clone(),
            }),
        }
    }

    /// An [`Error::InvalidClause`] for this clause.
    pub(crate) fn invalid(&self, reason: impl Into<String>) -> Error {
        Error::InvalidClause {
            clause: self.clause,
            reason: reason.into(),
            at: self.at.clone(),
        }
    }
}
