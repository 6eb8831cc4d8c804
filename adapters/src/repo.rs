//! The sqlx-backed Repo. (Skeleton.)

/// A connection pool to one engine. (Skeleton.)
#[derive(Debug)]
pub struct Repo {}

/// A row type a Repo can decode. (Skeleton.)
pub trait FromRecord {}
