//! One module per clause, each the same shape: the clause's typed payload and the function
//! that applies it to a query. The public builder methods on [`Query`](crate::Query)
//! delegate to these in one line and are `#[track_caller]`, so every clause remembers where
//! it was written.

pub mod combination;
pub mod cte;
pub mod distinct;
pub mod filter;
pub mod from;
pub mod group_by;
pub mod join;
pub mod limit_offset;
pub mod order_by;
pub mod select;
pub mod values;
