//! The planned query: what [`plan`](crate::plan) returns and the adapters print.
//!
//! Every binding has its table and alias, every field is a column of a known binding, the
//! `where`/`having` lists are one condition each, `select: u` is a list of columns and
//! `limit`/`offset` are checked counts. Nothing here is SQL: how an alias, a column or an
//! operator is spelled is the adapters' business.
//!
//! A plan borrows names and values from the [`QueryData`](recto_core::QueryData) it was made
//! from, so planning copies no strings and no parameter values. Its expressions live in one
//! arena, [`Exprs`], and refer to their operands by [`ExprId`], so planning allocates no node
//! one by one and dropping a plan frees a few buffers.
//!
//! The enums of this module are deliberately *not* `#[non_exhaustive]`: the plan is the
//! contract between the planner and the adapters, which are released together, and a new
//! variant must break the writer's `match` until the writer prints it.

use recto_core::{Direction, FieldMeta, JoinKind, SchemaMeta, SetOp, Ty, Value, Values};

use crate::exprs::{ExprId, ExprList, Exprs};

mod expr;
pub use self::expr::{PlannedExpr, QueryId};

/// A query ready to print. Its fields follow the order of a `SELECT` statement.
#[derive(Clone, Debug, PartialEq)]
pub struct Planned<'q> {
    /// `SELECT DISTINCT`.
    pub distinct: bool,
    /// Every expression of every clause; the clauses below name theirs by id.
    pub exprs: Exprs<'q>,
    /// The selected columns, in row order (never empty).
    pub select: Vec<SelectItem<'q>>,
    /// The source: binding 0.
    pub from: Binding<'q>,
    /// The joins: `joins[i]` introduces binding `i + 1`.
    pub joins: Vec<PlannedJoin<'q>>,
    /// The `where:`/`or_where:` conditions combined into one, left to right.
    pub filter: Option<ExprId>,
    /// The `group_by:` expressions of every clause, in order.
    pub group_by: Vec<ExprId>,
    /// The `having:`/`or_having:` conditions combined into one, left to right.
    pub having: Option<ExprId>,
    /// The `order_by:` terms of every clause, in order.
    pub order_by: Vec<OrderItem>,
    /// `limit:`.
    pub limit: Option<Count<'q>>,
    /// `offset:`.
    pub offset: Option<Count<'q>>,
    /// How big the query is (its set-operation members included), so a printer can size
    /// its buffers once.
    pub size: SizeHint,
    /// The set operations combining this query's rows with others', if it has any: then
    /// `order_by`, `limit` and `offset` above are empty, and the combination's sort and
    /// counts apply to the combined rows.
    pub combined: Option<Box<Combined<'q>>>,
    /// The plans of the bindings that read a subquery (derived tables), which
    /// [`Binding::derived`] names by position.
    pub derived: Vec<Planned<'q>>,
    /// The columns of enclosing queries this query refers to (`parent_as`), its nested
    /// queries' included: empty for a query that is not correlated.
    pub outer: Vec<OuterRef<'q>>,
    /// The query's CTEs (`with_cte:`), in order.
    pub ctes: Vec<PlannedCte<'q>>,
    /// `recursive_ctes: true`.
    pub recursive_ctes: bool,
}

/// A CTE: its name and its query's plan.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedCte<'q> {
    /// The name the statement reads it by.
    pub name: &'q str,
    /// Its query, each selected column named.
    pub query: Planned<'q>,
    /// The `MATERIALIZED` (`true`) or `NOT MATERIALIZED` (`false`) hint, if any.
    pub materialized: Option<bool>,
    /// Whether it reads itself.
    pub recursive: bool,
}

/// A column of an enclosing query that a nested query refers to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OuterRef<'q> {
    /// How many queries up the column's binding is: 1 for the query this one is nested in.
    pub levels: usize,
    /// The column.
    pub column: ColumnRef<'q>,
}

/// A query's set operations (`union:` and the others) and what applies to their rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Combined<'q> {
    /// The members, in order: each is combined with the rows before it, an `intersect`
    /// binding tighter than the others (as in Ecto, PostgreSQL and MariaDB).
    pub members: Vec<Member<'q>>,
    /// The combined rows' sort: the query's `order_by:`, each term one of its selected
    /// columns.
    pub order_by: Vec<CombinedOrder>,
    /// `limit:` of the combined rows.
    pub limit: Option<Count<'q>>,
    /// `offset:` of the combined rows.
    pub offset: Option<Count<'q>>,
}

/// One set-operation member: the operator and the member's own plan (with its own
/// bindings, sort and counts).
#[derive(Clone, Debug, PartialEq)]
pub struct Member<'q> {
    /// The operator.
    pub op: SetOp,
    /// The member query.
    pub query: Planned<'q>,
}

/// One sort term of combined rows: a selected column by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CombinedOrder {
    /// The column's position in the select list.
    pub column: usize,
    /// The direction and NULL placement.
    pub direction: Direction,
    /// Whether the column can be NULL in any member.
    pub nullable: bool,
}

impl<'q> Planned<'q> {
    /// The expression `id` names: `planned.exprs.get(id)`.
    ///
    /// # Panics
    ///
    /// Only for an id read from another plan (see [`Exprs::get`]).
    pub fn expr(&self, id: ExprId) -> &PlannedExpr<'q> {
        self.exprs.get(id)
    }

    /// The binding at `index`: 0 is the source, 1.. the joins.
    pub fn binding(&self, index: usize) -> Option<&Binding<'q>> {
        match index {
            0 => Some(&self.from),
            _ => self.joins.get(index - 1).map(|join| &join.binding),
        }
    }

    /// Every binding, source first.
    pub fn bindings(&self) -> impl Iterator<Item = &Binding<'q>> {
        std::iter::once(&self.from).chain(self.joins.iter().map(|join| &join.binding))
    }
}

/// One binding of the query: a table under an alias.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Binding<'q> {
    /// The table it reads.
    pub table: &'q str,
    /// The alias the SQL uses for it (`u0`).
    pub alias: Alias,
    /// The name given with `as:`, if any.
    pub name: Option<&'q str>,
    /// The schema, when the binding has one (a schemaless `"table"` source has none).
    pub schema: Option<&'q SchemaMeta>,
    /// Whether an outer join can leave every column of this binding NULL (the binding of a
    /// `left_join:`), whatever its schema says.
    pub nullable: bool,
    /// For a binding that reads a subquery (`subquery(q)`), the position of its plan in
    /// [`Planned::derived`]; `table` is then empty.
    pub derived: Option<usize>,
    /// Whether the binding reads a CTE (named by `table`) rather than a table.
    pub cte: bool,
    /// For a binding that reads a values list (`values(..)`), the list, checked; `table` is
    /// then empty.
    pub values: Option<&'q Values>,
}

/// A binding's alias, Ecto style: the first letter of the table (lowercased; `t` when the
/// table does not start with an ASCII letter) followed by the binding's position.
///
/// ```
/// use recto_planner::Alias;
///
/// assert_eq!(Alias::for_table("users", 0).to_string(), "u0");
/// assert_eq!(Alias::for_table("Orgs", 1).to_string(), "o1");
/// assert_eq!(Alias::for_table("_audit", 2).to_string(), "t2");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Alias {
    /// The letter (always an ASCII lowercase letter).
    pub letter: char,
    /// The binding's position, which makes the alias unique within its query.
    pub index: usize,
    /// The number of the query of the statement the binding belongs to: 0 for the
    /// statement's own, then each set-operation member, subquery and derived table in
    /// planning order. Printed as a prefix (`s1u0`), so aliases are unique across the
    /// statement and a correlated reference is simply the outer binding's alias.
    pub query: usize,
}

impl Alias {
    /// The alias of binding `index` reading `table`.
    pub fn for_table(table: &str, index: usize) -> Alias {
        let letter = match table.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => c.to_ascii_lowercase(),
            _ => 't',
        };
        Alias {
            letter,
            index,
            query: 0,
        }
    }
}

impl std::fmt::Display for Alias {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.query > 0 {
            write!(f, "s{}", self.query)?;
        }
        write!(f, "{}{}", self.letter, self.index)
    }
}

/// A join: its kind, the binding it introduces and its condition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlannedJoin<'q> {
    /// Inner, left, ...
    pub kind: JoinKind,
    /// The joined binding.
    pub binding: Binding<'q>,
    /// The `on:` condition; it refers only to this binding and the ones before it. `None`
    /// for a cross join, which has none.
    pub on: Option<ExprId>,
    /// For a lateral join in the top-N shape, what a dialect without `LATERAL` lifts out of
    /// the subquery; `None` for every other join.
    pub top_n: Option<TopN>,
}

/// A lateral join whose subquery is correlated only by equalities `inner == parent_as(x).f`
/// among the conjuncts of its `where:`, with no aggregate, `distinct:`, `group_by:`,
/// `having:` or set operation, and no other reference to an enclosing query: the same rows
/// come from joining the uncorrelated subquery on the lifted equalities, its rows numbered
/// per value of the inner sides in its `order_by:`, the numbers in `offset:`/`limit:` kept.
/// Every list names nodes of the subquery's plan (`Planned::derived`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TopN {
    /// The inner side of each lifted equality: an expression of the subquery's own bindings.
    pub inner: ExprList,
    /// The outer side of each lifted equality, in the same order: a column of a binding
    /// before the join.
    pub outer: ExprList,
    /// The conjuncts of the subquery's `where:` that stay in it, in order.
    pub kept: ExprList,
}

/// A column of a binding.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ColumnRef<'q> {
    /// The binding's alias; `alias.index` is the binding's position.
    pub alias: Alias,
    /// The column name in the table.
    pub column: &'q str,
    /// The field name the query used (the column name for a schemaless binding).
    pub field: &'q str,
    /// The column's type, when a schema declares it.
    pub ty: Option<Ty>,
    /// A decimal column's precision and scale, when a schema declares them.
    pub decimal: Option<(u8, u8)>,
    /// Whether the column can be NULL: a nullable schema field (an `Option`), any field of a
    /// schemaless binding, and any field of an outer-joined binding.
    pub nullable: bool,
}

impl<'q> ColumnRef<'q> {
    /// The column of schema field `field` of `binding`.
    pub(crate) fn of_field(binding: &Binding<'q>, field: &'q FieldMeta) -> ColumnRef<'q> {
        ColumnRef {
            alias: binding.alias,
            column: &field.column,
            field: &field.name,
            ty: Some(field.ty),
            decimal: field.decimal,
            nullable: field.nullable || binding.nullable,
        }
    }
}

/// One selected column.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SelectItem<'q> {
    /// The expression.
    pub expr: ExprId,
    /// The name the column is given in the result (`AS name`), when the row is decoded by
    /// name and the expression's own name would not match.
    pub alias: Option<&'q str>,
}

/// One sort term.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrderItem {
    /// The sort key.
    pub expr: ExprId,
    /// The direction and NULL placement.
    pub direction: Direction,
}

/// A checked `limit:` or `offset:` count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Count<'q> {
    /// A non-negative integer written in the query.
    Literal(u64),
    /// A bound integer, checked to be non-negative when the query was planned.
    Param(&'q Value),
}

/// How big a plan is: expression nodes and parameters, counted while planning.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SizeHint {
    /// Expression nodes, select items, bindings and sort terms.
    pub nodes: usize,
    /// Bound values (a list parameter counts its elements).
    pub params: usize,
}
