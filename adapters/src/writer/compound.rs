//! Set operations, printed the one way every engine accepts (`docs/nesting.md`): a member
//! with its own sort, counts or set operations is a derived table (`SELECT * FROM (...) AS
//! s1`), since SQLite refuses parenthesized members; the combined rows' sort and counts go on
//! a derived table around the compound (`SELECT sq0.c0 AS "name" FROM (A UNION B) AS sq0 ORDER
//! BY sq0.c0 LIMIT 3`), so the sort may place NULLs with expressions and no engine sees a
//! qualified column on a compound; and where a chain mixes `INTERSECT` with other operators,
//! each `INTERSECT` run is a derived table, so SQLite (which reads left to right) combines as
//! PostgreSQL and MariaDB do. `INTERSECT ALL`/`EXCEPT ALL` follow [`SetOpAll`]. A chain
//! whose first operand ends up in a derived table has numbered columns inside, and a
//! wrapper gives the names back.

use recto_core::{Error, SetOp};
use recto_planner::{Combined, CombinedOrder, Member, Planned};

use super::Writer;
use super::order_by::SortKey;
use crate::dialect::{Dialect, SetOpAll};

impl<'p, D: Dialect + ?Sized> Writer<'_, 'p, D> {
    /// The whole statement.
    pub(super) fn statement(&mut self, planned: &'p Planned<'p>) -> Result<(), Error> {
        self.query(planned, false)
    }

    /// A query, its set operations included; with `numbered`, its columns are named `c0, c1,
    /// ...` (for a derived table).
    pub(super) fn query(&mut self, planned: &'p Planned<'p>, numbered: bool) -> Result<(), Error> {
        if !planned.ctes.is_empty() {
            self.with(planned)?;
        }
        let Some(combined) = planned.combined.as_deref() else {
            return self.select_statement(planned, numbered);
        };
        let Combined {
            members,
            order_by,
            limit,
            offset,
        } = combined;
        // A chain whose first operand is printed inside a derived table (an `INTERSECT` run
        // of a mixed chain, an emulated `INTERSECT ALL`) has numbered columns, whose names
        // the wrapper gives back.
        let tight = |op: SetOp| matches!(op, SetOp::Intersect | SetOp::IntersectAll);
        let mixed = members.iter().any(|member| tight(member.op))
            && members.iter().any(|member| !tight(member.op));
        let emulated = self.quirks.set_op_all == SetOpAll::RowNumber
            && members
                .iter()
                .any(|member| matches!(member.op, SetOp::IntersectAll | SetOp::ExceptAll));
        // So does a chain with a member in a derived table of its own: every operand then
        // has numbered columns computed alike (a SQLite decimal stays an integer until the
        // wrapper makes its text).
        let wrapped_member = members.iter().any(|member| wrapped(&member.query));
        let wrap = !order_by.is_empty()
            || limit.is_some()
            || offset.is_some()
            || mixed
            || emulated
            || wrapped_member;
        if wrap || wrapped_member {
            self.may_wrap(planned)?;
        }
        if wrap {
            self.sql("SELECT ");
            self.derived_select(&planned.select, numbered)?;
            self.sql(" FROM (");
        }
        self.chain(planned, members, numbered || wrap, planned.select.len())?;
        if wrap {
            self.sql(") AS sq0");
            if !order_by.is_empty() {
                self.sql(" ORDER BY ");
                for (n, term) in order_by.iter().enumerate() {
                    let CombinedOrder {
                        column,
                        direction,
                        nullable,
                    } = *term;
                    if n > 0 {
                        self.sql(", ");
                    }
                    let key = SortKey::Derived {
                        index: column,
                        nullable,
                    };
                    self.order_term(key, direction)?;
                }
            }
            self.limit_offset(limit.as_ref(), offset.as_ref())?;
        }
        Ok(())
    }

    /// `first op1 m1 op2 m2 ...`, as the tree [`tree`] reads, each right operand that is
    /// itself a combination in a derived table.
    fn chain(
        &mut self,
        first: &'p Planned<'p>,
        members: &'p [Member<'p>],
        numbered: bool,
        columns: usize,
    ) -> Result<(), Error> {
        let tree = tree(members);
        self.node(&tree, first, members, numbered, columns)
    }

    fn node(
        &mut self,
        node: &Node,
        first: &'p Planned<'p>,
        members: &'p [Member<'p>],
        numbered: bool,
        columns: usize,
    ) -> Result<(), Error> {
        let (op, left, right) = match node {
            // The query's own select; its set operations are this chain.
            Node::Operand(0) => return self.select_statement(first, numbered),
            Node::Operand(n) => return self.member(&members[n - 1].query, numbered),
            Node::Pair(op, left, right) => (*op, left, right),
        };
        let all = matches!(op, SetOp::IntersectAll | SetOp::ExceptAll);
        if all && self.quirks.set_op_all == SetOpAll::RowNumber {
            return self.numbered_pair(op, left, right, first, members, columns);
        }
        self.node(left, first, members, numbered, columns)?;
        self.set_op(op)?;
        match **right {
            Node::Operand(_) => self.node(right, first, members, false, columns),
            Node::Pair(..) => {
                self.sql("SELECT * FROM (");
                self.node(right, first, members, true, columns)?;
                self.derived_alias();
                Ok(())
            }
        }
    }

    /// `INTERSECT ALL`/`EXCEPT ALL` through the distinct operator over rows numbered within
    /// their equal rows ([`SetOpAll::RowNumber`]): `SELECT s3.c0 AS c0 FROM (SELECT s1.c0,
    /// row_number() OVER (PARTITION BY sq1.c0) AS rn FROM (left) AS sq1 INTERSECT SELECT
    /// sq2.c0, row_number() OVER (PARTITION BY sq2.c0) FROM (right) AS sq2) AS sq3`.
    fn numbered_pair(
        &mut self,
        op: SetOp,
        left: &Node,
        right: &Node,
        first: &'p Planned<'p>,
        members: &'p [Member<'p>],
        columns: usize,
    ) -> Result<(), Error> {
        self.sql("SELECT ");
        self.columns_of(None, columns, true);
        self.sql(" FROM (");
        let outer = self.reserve();
        for (n, side) in [left, right].into_iter().enumerate() {
            if n > 0 {
                self.sql(if op == SetOp::IntersectAll {
                    " INTERSECT "
                } else {
                    " EXCEPT "
                });
            }
            let alias = self.reserve();
            self.sql("SELECT ");
            self.columns_of(Some(alias), columns, false);
            self.sql(", row_number() OVER (PARTITION BY ");
            self.columns_of(Some(alias), columns, false);
            self.sql(if n == 0 { ") AS rn FROM (" } else { ") FROM (" });
            self.node(side, first, members, true, columns)?;
            self.sql(") AS sq");
            self.index(alias);
        }
        self.sql(") AS sq");
        self.index(outer);
        Ok(())
    }

    /// `s<alias>.c0, s<alias>.c1, ...` (`alias` is the next reserved number when `None`),
    /// each `AS c<n>` when `named`.
    fn columns_of(&mut self, alias: Option<usize>, columns: usize, named: bool) {
        let alias = alias.unwrap_or(self.derived + 1);
        for n in 0..columns {
            if n > 0 {
                self.sql(", ");
            }
            self.sql("sq");
            self.index(alias);
            self.sql(".c");
            self.index(n);
            if named {
                self.sql(" AS c");
                self.index(n);
            }
        }
    }

    /// A new derived-table number, for a table whose columns are named before it is.
    pub(super) fn reserve(&mut self) -> usize {
        self.derived += 1;
        self.derived
    }

    /// A member: as it is, or as a derived table if it has its own sort, counts or set
    /// operations (with numbered columns, which no engine refuses as duplicates); with
    /// `numbered`, its columns are `c0, c1, ...` either way.
    fn member(&mut self, query: &'p Planned<'p>, numbered: bool) -> Result<(), Error> {
        let in_member = std::mem::replace(&mut self.in_member, true);
        let result = self.within(query, |writer| {
            let wrap = wrapped(query);
            if wrap {
                writer.sql("SELECT * FROM (");
            }
            writer.query(query, wrap || numbered)?;
            if wrap {
                writer.derived_alias();
            }
            Ok(())
        });
        self.in_member = in_member;
        result
    }

    /// `) AS s<n>`, a new number each time.
    fn derived_alias(&mut self) {
        self.derived += 1;
        self.sql(") AS sq");
        self.index(self.derived);
    }

    /// ` UNION `, ` INTERSECT ALL `, ...
    fn set_op(&mut self, op: SetOp) -> Result<(), Error> {
        let all = matches!(op, SetOp::IntersectAll | SetOp::ExceptAll);
        if all && self.quirks.set_op_all == SetOpAll::Unsupported {
            return Err(self.unsupported(if op == SetOp::IntersectAll {
                "intersect_all (INTERSECT ALL)"
            } else {
                "except_all (EXCEPT ALL)"
            }));
        }
        self.sql(match op {
            SetOp::Union => " UNION ",
            SetOp::UnionAll => " UNION ALL ",
            SetOp::Intersect => " INTERSECT ",
            SetOp::IntersectAll => " INTERSECT ALL ",
            SetOp::Except => " EXCEPT ",
            SetOp::ExceptAll => " EXCEPT ALL ",
        });
        Ok(())
    }
}

/// Whether a member is printed as a derived table of its own: it has its own sort, counts,
/// set operations or CTEs.
fn wrapped(query: &Planned<'_>) -> bool {
    query.combined.is_some()
        || !query.ctes.is_empty()
        || !query.order_by.is_empty()
        || query.limit.is_some()
        || query.offset.is_some()
}

/// A chain of set operations as a tree: `INTERSECT` binds tighter than the others, which
/// are read left to right (as in Ecto, PostgreSQL and MariaDB). Operand 0 is the query's
/// own select, operand `n` member `n - 1`.
enum Node {
    Operand(usize),
    Pair(SetOp, Box<Node>, Box<Node>),
}

fn tree(members: &[Member<'_>]) -> Node {
    let tight = |op: SetOp| matches!(op, SetOp::Intersect | SetOp::IntersectAll);
    // The loose operators' operands, each an `INTERSECT` run.
    let mut runs: Vec<(Option<SetOp>, Node)> = vec![(None, Node::Operand(0))];
    for (n, member) in members.iter().enumerate() {
        let operand = Node::Operand(n + 1);
        if tight(member.op) {
            if let Some((_, last)) = runs.last_mut() {
                let left = std::mem::replace(last, Node::Operand(0));
                *last = Node::Pair(member.op, Box::new(left), Box::new(operand));
            }
        } else {
            runs.push((Some(member.op), operand));
        }
    }
    let mut runs = runs.into_iter();
    let mut tree = runs.next().map_or(Node::Operand(0), |(_, node)| node);
    for (op, node) in runs {
        if let Some(op) = op {
            tree = Node::Pair(op, Box::new(tree), Box::new(node));
        }
    }
    tree
}
