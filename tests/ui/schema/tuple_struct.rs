use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "pairs")]
pub struct Pair(i64, i64);

fn main() {}
