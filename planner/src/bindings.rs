//! Bindings: the source and the joins, each given its table, alias, name and schema (or,
//! for a subquery source, its plan); and the lookup of a [`BindingRef`] from inside one
//! clause, `parent_as(name)` included.
//!
//! Visibility: a join's `on:` sees the bindings up to and including its own (SQL cannot
//! refer to a table joined later), so a reference to a later binding there is
//! [`Error::BindingOutOfRange`] with the count the join sees — for a named reference too,
//! since the name exists but not yet. Every other clause sees every binding. A query
//! nested in an expression sees, through `parent_as`, the bindings its clause sees and those
//! of every query around it; a subquery source (a derived table) sees those of the queries
//! around its query, not its query's own — except a lateral join's, which sees the bindings
//! before it too, as the query nested in them.

use std::cell::Cell;

use recto_core::{BindingRef, Clause, Error, From, Join, JoinKind, Location, SchemaMeta, Source};

use crate::cte::{CteEntry, CteScope};
use crate::names;
use crate::planned::{Alias, Binding, Planned, TopN};

/// The queries of one statement being planned: numbers them, and bounds their nesting.
#[derive(Default)]
pub(crate) struct Statement {
    next: Cell<usize>,
}

impl Statement {
    /// The next query's number (0 for the statement's own).
    pub(crate) fn take(&self) -> usize {
        let n = self.next.get();
        self.next.set(n + 1);
        n
    }
}

/// Where a query is planned: inside which query (if any), in which statement, how deep.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a, 'q> {
    /// The query it is nested in, whose bindings `parent_as` reaches.
    pub(crate) outer: Option<&'a Level<'a, 'q>>,
    /// The CTEs it sees.
    pub(crate) ctes: Option<&'a CteScope<'a, 'q>>,
    /// The recursive CTE whose body it is, whose columns its select gives.
    pub(crate) defining: Option<&'a CteEntry<'q>>,
    /// The statement.
    pub(crate) statement: &'a Statement,
    /// How many queries it is nested in (set-operation members included).
    pub(crate) depth: usize,
}

impl<'a, 'q> Context<'a, 'q> {
    /// The context of a query nested one level deeper, inside `outer`.
    pub(crate) fn nested(self, outer: Option<&'a Level<'a, 'q>>) -> Context<'a, 'q> {
        Context {
            outer,
            ctes: self.ctes,
            defining: None,
            statement: self.statement,
            depth: self.depth + 1,
        }
    }
}

/// One query being planned, inside the queries it is nested in: what its clauses and its
/// nested queries can refer to.
pub(crate) struct Level<'a, 'q> {
    /// The query's bindings.
    pub(crate) bindings: &'a [Binding<'q>],
    /// The plans of its subquery sources ([`Binding::derived`]).
    pub(crate) derived: &'a [Planned<'q>],
    /// Where it is planned.
    pub(crate) context: Context<'a, 'q>,
}

/// The bindings of a query, and what planning them found.
pub(crate) struct Resolved<'q> {
    /// Every binding, the source's first.
    pub(crate) bindings: Vec<Binding<'q>>,
    /// The subquery sources' plans ([`Binding::derived`]).
    pub(crate) derived: Vec<Planned<'q>>,
    /// The top-N shapes of the lateral joins that have one ([`crate::lateral::top_n`]), by
    /// the join's position: empty (no allocation) for a query without lateral joins.
    pub(crate) top_n: Vec<(usize, TopN)>,
}

/// Resolves the source and the joins into bindings 0, 1, ... of query number `query`,
/// planning the subquery sources as queries nested in `outer` (a lateral one nested in
/// this query, seeing the bindings before it); rejects a name used twice.
pub(crate) fn resolve<'q>(
    from: &'q From,
    joins: &'q [Join],
    query: usize,
    outer: Context<'_, 'q>,
) -> Result<Resolved<'q>, Error> {
    let From { source, name, at } = from;
    let mut derived = Vec::new();
    let mut root = binding(
        source,
        name.as_deref(),
        0,
        Clause::From,
        at,
        outer,
        &mut derived,
    )?;
    root.alias.query = query;
    let mut bindings = Vec::with_capacity(1 + joins.len());
    bindings.push(root);
    let mut top_n = Vec::new();
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
        let mut joined = if kind.is_lateral() {
            let (planned, shape) = lateral(source, name, at, &bindings, &derived, outer)?;
            derived.push(planned);
            if let Some(shape) = shape {
                top_n.push((position, shape));
            }
            derived_binding(name, index, derived.len() - 1)
        } else {
            binding(source, name, index, Clause::Join, at, outer, &mut derived)?
        };
        joined.nullable = joined_nullable;
        joined.alias.query = query;
        bindings.push(joined);
    }
    Ok(Resolved {
        bindings,
        derived,
        top_n,
    })
}

/// The plan of a lateral join's subquery, nested in this query with the bindings before it
/// (`earlier`, whose derived tables are `derived`) in scope, and its top-N shape, if it has
/// one.
fn lateral<'q>(
    source: &'q Source,
    name: Option<&'q str>,
    at: &'q Location,
    earlier: &[Binding<'q>],
    derived: &[Planned<'q>],
    outer: Context<'_, 'q>,
) -> Result<(Planned<'q>, Option<TopN>), Error> {
    let invalid = |reason: &str| Error::InvalidClause {
        clause: Clause::Join,
        reason: reason.to_owned(),
        at: at.clone(),
    };
    let Source::Subquery(query) = source else {
        return Err(invalid(
            "a lateral join reads a subquery, `subquery(q)`, which may refer to the bindings before it with `parent_as(name)`",
        ));
    };
    if name == Some("") {
        return Err(invalid("the binding's `as:` name is empty"));
    }
    let level = Level {
        bindings: earlier,
        derived,
        context: outer,
    };
    let context = Context {
        outer: Some(&level),
        ctes: outer.ctes,
        defining: None,
        statement: outer.statement,
        depth: outer.depth,
    };
    let mut planned = crate::nesting::derived(query.data(), context, Clause::Join, at)?;
    crate::lateral::total_order(&mut planned);
    let top_n = crate::lateral::top_n(&mut planned);
    Ok((planned, top_n))
}

/// Binding `index`, named `name`, which reads the derived table `derived[n]`.
fn derived_binding(name: Option<&str>, index: usize, n: usize) -> Binding<'_> {
    Binding {
        table: "",
        alias: Alias {
            letter: 's',
            index,
            query: 0,
        },
        name,
        schema: None,
        nullable: false,
        derived: Some(n),
        cte: false,
        values: None,
    }
}

/// Whether a join of this kind can leave the bindings before it NULL (a row of the joined
/// table that matches none of theirs), and whether it can leave the joined binding NULL (a
/// row of theirs that matches none of its). A kind this planner does not know is taken to
/// null both, which errs toward `Option` and `IS NULL` handling, never toward a wrong value.
fn nulls(kind: JoinKind) -> (bool, bool) {
    match kind {
        JoinKind::Inner | JoinKind::Cross | JoinKind::InnerLateral => (false, false),
        JoinKind::Left | JoinKind::LeftLateral => (false, true),
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
    at: &'q Location,
    outer: Context<'_, 'q>,
    derived: &mut Vec<Planned<'q>>,
) -> Result<Binding<'q>, Error> {
    let schema: Option<&'q SchemaMeta> = match source {
        Source::Schema(meta) => Some(meta),
        Source::Table(table) if outer.ctes.and_then(|s| s.find(table)).is_some() => {
            let Some(entry) = outer.ctes.and_then(|s| s.find(table)) else {
                return Err(Error::InvalidClause {
                    clause,
                    reason: format!("the CTE `{table}` vanished from scope"),
                    at: at.clone(),
                });
            };
            if entry.columns.get().is_none() {
                return Err(Error::InvalidClause {
                    clause,
                    reason: format!(
                        "the CTE `{table}` is read before its columns are known: a recursive CTE is `base.union_all(step)`, and only the step reads it"
                    ),
                    at: at.clone(),
                });
            }
            entry.reads.set(entry.reads.get() + 1);
            if name == Some("") {
                return Err(Error::InvalidClause {
                    clause,
                    reason: "the binding's `as:` name is empty".to_owned(),
                    at: at.clone(),
                });
            }
            return Ok(Binding {
                table,
                alias: Alias::for_table(table, index),
                name,
                schema: None,
                nullable: false,
                derived: None,
                cte: true,
                values: None,
            });
        }
        Source::Table(_) => None,
        Source::Subquery(query) => {
            if name == Some("") {
                return Err(Error::InvalidClause {
                    clause,
                    reason: "the binding's `as:` name is empty".to_owned(),
                    at: at.clone(),
                });
            }
            let planned = crate::nesting::derived(query.data(), outer, clause, at)?;
            derived.push(planned);
            return Ok(derived_binding(name, index, derived.len() - 1));
        }
        Source::Values(values) => {
            crate::values::check(values)
                .and_then(|()| match name {
                    Some("") => Err("the binding's `as:` name is empty".to_owned()),
                    _ => Ok(()),
                })
                .map_err(|reason| Error::InvalidClause {
                    clause,
                    reason,
                    at: at.clone(),
                })?;
            return Ok(Binding {
                table: "",
                alias: Alias {
                    letter: 'v',
                    index,
                    query: 0,
                },
                name,
                schema: None,
                nullable: false,
                derived: None,
                cte: false,
                values: Some(values),
            });
        }
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
        derived: None,
        cte: false,
        values: None,
    })
}

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
