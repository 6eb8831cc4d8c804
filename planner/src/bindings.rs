//! Bindings: the source and the joins, each given its table, alias, name and schema (or,
//! for a subquery source, its plan); and the lookup of a `BindingRef` from inside one
//! clause, `parent_as(name)` included ([`Scope`]).
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

use recto_core::{Clause, Error, From, Join, JoinKind, Location, SchemaMeta, Source};

pub(crate) use crate::scope::Scope;

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
    /// Its select, which `selected_as(name)` reads.
    pub(crate) select: Option<&'q recto_core::Select>,
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
        select: None,
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
