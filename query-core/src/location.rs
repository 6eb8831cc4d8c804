//! Where a clause was written, so errors can point at the user's code.

use serde::{Deserialize, Serialize};

use crate::Name;

/// A source location: the `from!` clause or the builder call that added a clause.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// The source file.
    pub file: Name,
    /// The line, from 1.
    pub line: u32,
    /// The column, from 1.
    pub column: u32,
}

impl Location {
    /// The location of the caller (through `#[track_caller]` frames).
    #[track_caller]
    pub fn caller() -> Location {
        let at = std::panic::Location::caller();
        Location {
            file: Name::Borrowed(at.file()),
            line: at.line(),
            column: at.column(),
        }
    }
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}
