//! Bindings: the source and the joins, each given its table, alias, name and schema; and the
//! lookup of a [`BindingRef`] from inside one clause.
//!
//! Visibility: a join's `on:` sees the bindings up to and including its own (SQL cannot
//! refer to a table joined later), so a reference to a later binding there is
//! [`Error::BindingOutOfRange`] with the count the join sees — for a named reference too,
//! since the name exists but not yet. Every other clause sees every binding.

use recto_core::{BindingRef, Clause, Error, From, Join, JoinKind, Location, SchemaMeta, Source};

use crate::names;
use crate::planned::{Alias, Binding};

/// Resolves the source and the joins into bindings 0, 1, ...; rejects a name used twice.
/// Returns the source's binding, and every binding (the source's included).
pub(crate) fn resolve<'q>(
    from: &'q From,
    joins: &'q [Join],
) -> Result<(Binding<'q>, Vec<Binding<'q>>), Error> {
    let From { source, name, at } = from;
    let root = binding(source, name.as_deref(), 0, Clause::From, at)?;
    let mut bindings = Vec::with_capacity(1 + joins.len());
    bindings.push(root);
    for (position, join) in joins.iter().enumerate() {
        let Join {
            kind,
            source,
            on: _,
            name,
            at,
        } = join;
        let index = position + 1;
        let name = name.as_deref();
        if let Some(name) = name
            && bindings.iter().any(|earlier| earlier.name == Some(name))
        {
            return Err(Error::DuplicateBinding {
                name: name.to_owned(),
                at: at.clone(),
            });
        }
        let (earlier_nullable, joined_nullable) = nulls(*kind);
        if earlier_nullable {
            for earlier in &mut bindings {
                earlier.nullable = true;
            }
        }
        let mut joined = binding(source, name, index, Clause::Join, at)?;
        joined.nullable = joined_nullable;
        bindings.push(joined);
    }
    Ok((bindings[0], bindings))
}

/// Whether a join of this kind can leave the bindings before it NULL (a row of the joined
/// table that matches none of theirs), and whether it can leave the joined binding NULL (a
/// row of theirs that matches none of its). A kind this planner does not know is taken to
/// null both, which errs toward `Option` and `IS NULL` handling, never toward a wrong value.
fn nulls(kind: JoinKind) -> (bool, bool) {
    match kind {
        JoinKind::Inner | JoinKind::Cross => (false, false),
        JoinKind::Left => (false, true),
        JoinKind::Right => (true, false),
        JoinKind::Full => (true, true),
        _ => (true, true),
    }
}

fn binding<'q>(
    source: &'q Source,
    name: Option<&'q str>,
    index: usize,
    clause: Clause,
    at: &Location,
) -> Result<Binding<'q>, Error> {
    let schema: Option<&'q SchemaMeta> = match source {
        Source::Schema(meta) => Some(meta),
        Source::Table(_) => None,
        _ => {
            return Err(Error::InvalidClause {
                clause,
                reason: "this kind of source is not supported by the planner yet".to_owned(),
                at: at.clone(),
            });
        }
    };
    names::check_source(source, name).map_err(|reason| Error::InvalidClause {
        clause,
        reason,
        at: at.clone(),
    })?;
    let table = source.table();
    Ok(Binding {
        table,
        alias: Alias::for_table(table, index),
        name,
        schema,
        nullable: false,
    })
}

/// The bindings one clause may refer to, and where that clause was written (for errors).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Scope<'a, 'q> {
    bindings: &'a [Binding<'q>],
    /// How many bindings, from the first, the clause sees.
    visible: usize,
    /// The clause, for errors.
    pub(crate) clause: Clause,
    /// Where the clause was written, for errors.
    pub(crate) at: &'q Location,
}

impl<'a, 'q> Scope<'a, 'q> {
    /// A clause that sees every binding.
    pub(crate) fn all(bindings: &'a [Binding<'q>], clause: Clause, at: &'q Location) -> Self {
        Scope {
            bindings,
            visible: bindings.len(),
            clause,
            at,
        }
    }

    /// The `on:` of the join that introduces binding `index`: it sees bindings `0..=index`.
    pub(crate) fn join(bindings: &'a [Binding<'q>], index: usize, at: &'q Location) -> Self {
        Scope {
            bindings,
            visible: (index + 1).min(bindings.len()),
            clause: Clause::Join,
            at,
        }
    }

    /// The binding `reference` names.
    ///
    /// Every field of every clause is looked up, nearly always by a visible position: that
    /// case is inlined into the caller, and the rest (names, `Last`, errors) is not.
    #[inline]
    pub(crate) fn lookup(&self, reference: &BindingRef) -> Result<&'a Binding<'q>, Error> {
        if let BindingRef::Index(index) = reference
            && *index < self.visible
            && let Some(binding) = self.bindings.get(*index)
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
        match self.bindings.get(index) {
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
