//! `fragment(...)`: raw SQL the planner does not read. Its argument expressions are planned
//! in scope like any other; its spliced lists and identifiers are checked for what no
//! dialect could print (an empty list, an identifier no quoting makes a name). Its type is
//! the one the program gave it, or unknown.

use recto_core::{Error, Expr, FragmentPart, Ty};

use super::Resolver;
use crate::planned::PlannedExpr;

impl<'q> Resolver<'_, '_, 'q> {
    #[inline(never)]
    pub(super) fn fragment(
        &mut self,
        parts: &'q [FragmentPart],
        args: &'q [Expr],
        ty: Option<Ty>,
        depth: usize,
    ) -> Result<super::ExprId, Error> {
        let placeholders = parts
            .iter()
            .filter(|part| matches!(part, FragmentPart::Arg))
            .count();
        if placeholders != args.len() {
            return Err(self.scope.invalid(format!(
                "a fragment with {placeholders} argument placeholders has {} arguments",
                args.len()
            )));
        }
        for part in parts {
            match part {
                FragmentPart::Splice(list) => {
                    if list.is_empty() {
                        return Err(self.scope.invalid(
                            "`splice` of an empty list in a fragment: the SQL around it would \
                             mean something else or nothing",
                        ));
                    }
                    self.draft.size.params += list.len();
                }
                FragmentPart::Identifier(name) => {
                    if name.is_empty() {
                        return Err(self.scope.invalid("`identifier` of an empty name"));
                    }
                    if name.contains('\0') {
                        return Err(self.scope.invalid(
                            "`identifier` of a name with a NUL character, which no engine \
                             accepts in a quoted identifier",
                        ));
                    }
                }
                FragmentPart::Sql(_) | FragmentPart::Arg => {}
                _ => {
                    return Err(self
                        .scope
                        .invalid("this part of a fragment is not supported by the planner"));
                }
            }
        }
        let args = self.all(args, depth)?;
        Ok(self.push(PlannedExpr::Fragment { parts, args, ty }))
    }
}
