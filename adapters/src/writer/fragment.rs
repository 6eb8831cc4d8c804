//! `fragment(...)`: the program's raw SQL, printed as it is, with each placeholder filled by
//! the writer. An argument is printed as any expression, in parentheses so that the text
//! around it cannot change how it parses; a spliced list binds one placeholder per element;
//! an identifier is quoted by the dialect.
//!
//! The text itself must not hold what the engine reads as a placeholder (a `?` where
//! placeholders are `?`, a `$1` where they are numbered): it would take a value bound for
//! another placeholder, so such a fragment is refused on that dialect.

use recto_core::{Error, FragmentPart, Value};
use recto_planner::ExprList;

use super::Writer;
use super::params::Origin;
use crate::dialect::{Dialect, Placeholders};

impl<D: Dialect + ?Sized> Writer<'_, '_, D> {
    pub(super) fn fragment(&mut self, parts: &[FragmentPart], args: ExprList) -> Result<(), Error> {
        let mut args = self.exprs.list(args).iter();
        // The whole fragment in parentheses, as every operation is: an operator around it
        // cannot then take part of its text as an operand.
        self.sql("(");
        for part in parts {
            match part {
                FragmentPart::Sql(text) => {
                    if reads_as_placeholder(text, self.quirks.placeholders) {
                        return Err(self.unsupported(
                            "a fragment whose text holds what an engine reads as a parameter \
                             (`?` where placeholders are `?`, or `$`, `@` or `:` before a \
                             name or number)",
                        ));
                    }
                    self.sql(text);
                }
                FragmentPart::Arg => {
                    let Some(arg) = args.next() else {
                        return Err(
                            self.unsupported("a fragment with fewer arguments than placeholders")
                        );
                    };
                    self.sql("(");
                    self.expr(*arg)?;
                    self.sql(")");
                }
                FragmentPart::Splice(list) => {
                    if list.is_empty() {
                        return Err(self.unsupported("`splice` of an empty list"));
                    }
                    for n in 0..list.len() {
                        if n > 0 {
                            self.sql(", ");
                        }
                        let Some(value) = list.get(n) else {
                            return Err(self.unsupported("a spliced list of this element type"));
                        };
                        self.splice_element(value, list, n)?;
                    }
                }
                FragmentPart::Identifier(name) => {
                    if name.is_empty() {
                        return Err(self.unsupported("an empty identifier"));
                    }
                    self.identifier(name)?;
                }
                _ => return Err(self.unsupported("this part of a fragment")),
            }
        }
        self.sql(")");
        Ok(())
    }

    fn splice_element(
        &mut self,
        value: Value,
        list: &recto_core::Array,
        n: usize,
    ) -> Result<(), Error> {
        self.bind(value, Origin::element(list, n))
    }
}

/// Whether `text` holds what some engine reads as a parameter: a `?` where placeholders
/// are `?` (PostgreSQL reads it as an operator), and on every dialect a `$`, `@` or `:`
/// followed by a letter, digit or `_` (PostgreSQL's `$1`; SQLite's named parameters
/// `$name`, `@name` and `:name`, <https://www.sqlite.org/lang_expr.html#varparam>), except
/// PostgreSQL's `::` cast. The check ignores quoting, so such a character inside a string
/// literal of the text is refused too: refusing is safe, and text that needs one can be
/// bound instead.
fn reads_as_placeholder(text: &str, placeholders: Placeholders) -> bool {
    if placeholders == Placeholders::Positional && text.contains('?') {
        return true;
    }
    let bytes = text.as_bytes();
    bytes.windows(2).enumerate().any(|(n, pair)| {
        let names = pair[1].is_ascii_alphanumeric() || pair[1] == b'_';
        let cast = pair[0] == b':' && n > 0 && bytes[n - 1] == b':';
        matches!(pair[0], b'$' | b'@' | b':') && names && !cast
    })
}
