//! JSON paths (`b.meta["a"][0]`, `json_text(..)`): the base must be a JSON document, or a
//! value whose type is known only at run time (a schemaless field); the result is a
//! document or, for `json_text`, text, and may always be NULL (a missing key).

use recto_core::{Error, Expr, JsonAs, PathStep, Ty};

use super::Resolver;
use crate::describe::{describe, rust_type};
use crate::exprs::ExprId;
use crate::planned::PlannedExpr;

impl<'q> Resolver<'_, '_, 'q> {
    #[inline(never)]
    pub(super) fn json_path(
        &mut self,
        expr: &'q Expr,
        path: &'q [PathStep],
        as_: JsonAs,
        depth: usize,
    ) -> Result<ExprId, Error> {
        // The engines count a negative position from the end each its own way (PostgreSQL
        // `-1`, MySQL `last`, SQLite `#-1`), and a builder could write one.
        if let Some(PathStep::Index(n)) = path
            .iter()
            .find(|step| matches!(step, PathStep::Index(n) if *n < 0))
        {
            return Err(self.scope.invalid(format!(
                "a JSON path's position is 0 or more, found {n}: the engines count from the end \
                 each their own way"
            )));
        }
        // MariaDB and SQLite read a position past 32 bits wrapped (`$[4294967296]` is `$[0]`),
        // MariaDB one near 2^32 erratically; no engine holds an array that long.
        if let Some(PathStep::Index(n)) = path
            .iter()
            .find(|step| matches!(step, PathStep::Index(n) if *n > i64::from(i32::MAX)))
        {
            return Err(self.scope.invalid(format!(
                "a JSON path's position is at most 2147483647, found {n}"
            )));
        }
        let expr = self.resolve(expr, depth)?;
        if let Some(ty) = self.draft.exprs.ty(expr)
            && ty != Ty::Json
        {
            return Err(self.scope.invalid(format!(
                "a JSON path starts at a JSON document (`serde_json::Value`), and `{}` is a `{}`",
                describe(&self.draft.exprs, expr),
                rust_type(ty)
            )));
        }
        Ok(self.push(PlannedExpr::JsonPath { expr, path, as_ }))
    }
}
