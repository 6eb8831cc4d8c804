//! Set operations, printed the one way every engine accepts (`docs/nesting.md`): a member
//! with its own sort, counts or set operations is a derived table (`SELECT * FROM (...) AS
//! s1`), since SQLite refuses parenthesized members; the combined rows' sort and counts go on
//! a derived table around the compound (`SELECT s0.c0 AS "name" FROM (A UNION B) AS s0 ORDER
//! BY s0.c0 LIMIT 3`), so the sort may place NULLs with expressions and no engine sees a
//! qualified column on a compound; and where a chain mixes `INTERSECT` with other operators,
//! each `INTERSECT` run is a derived table, so SQLite (which reads left to right) combines as
//! PostgreSQL and MariaDB do. `INTERSECT ALL`/`EXCEPT ALL` follow [`SetOpAll`].

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
    fn query(&mut self, planned: &'p Planned<'p>, numbered: bool) -> Result<(), Error> {
        let Some(combined) = planned.combined.as_deref() else {
            return self.select_statement(planned, numbered);
        };
        let Combined {
            members,
            order_by,
            limit,
            offset,
        } = combined;
        let wrap = !order_by.is_empty() || limit.is_some() || offset.is_some();
        if wrap {
            self.sql("SELECT ");
            self.derived_select(&planned.select, numbered)?;
            self.sql(" FROM (");
        }
        self.chain(planned, members, numbered || wrap)?;
        if wrap {
            self.sql(") AS s0");
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

    /// `first op1 m1 op2 m2 ...`, each `INTERSECT` run of a mixed chain in a derived table.
    fn chain(
        &mut self,
        first: &'p Planned<'p>,
        members: &'p [Member<'p>],
        numbered: bool,
    ) -> Result<(), Error> {
        let tight = |op: SetOp| matches!(op, SetOp::Intersect | SetOp::IntersectAll);
        let mixed = members.iter().any(|member| tight(member.op))
            && members.iter().any(|member| !tight(member.op));
        for n in 0..=members.len() {
            // The operator before operand `n`, and the one after it.
            let before = n.checked_sub(1).map(|m| members[m].op);
            let after = members.get(n).map(|member| member.op);
            if let Some(op) = before {
                self.set_op(op)?;
            }
            let opens = mixed && after.is_some_and(tight) && !before.is_some_and(tight);
            let closes = mixed && before.is_some_and(tight) && !after.is_some_and(tight);
            if opens {
                self.sql("SELECT * FROM (");
            }
            match n {
                // The query's own select; its set operations are this chain.
                0 => self.select_statement(first, numbered)?,
                _ => self.member(&members[n - 1].query)?,
            }
            if closes {
                self.derived_alias();
            }
        }
        Ok(())
    }

    /// A member: as it is, or as a derived table if it has its own sort, counts or set
    /// operations (with numbered columns, which no engine refuses as duplicates).
    fn member(&mut self, query: &'p Planned<'p>) -> Result<(), Error> {
        let outer = std::mem::replace(&mut self.exprs, &query.exprs);
        let wrap = query.combined.is_some()
            || !query.order_by.is_empty()
            || query.limit.is_some()
            || query.offset.is_some();
        if wrap {
            self.sql("SELECT * FROM (");
        }
        self.query(query, wrap)?;
        if wrap {
            self.derived_alias();
        }
        self.exprs = outer;
        Ok(())
    }

    /// `) AS s<n>`, a new number each time.
    fn derived_alias(&mut self) {
        self.derived += 1;
        self.sql(") AS s");
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
