use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "docs")]
pub struct Doc {
    #[recto(primary_key)]
    pub id: i64,
    pub meta: recto::serde_json::Value,
}

fn main() {
    // MariaDB wraps a position past 32 bits; no engine holds an array that long.
    let _ = from!(d in Doc, select: d.meta[2147483648]);
}
