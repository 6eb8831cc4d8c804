use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "docs")]
pub struct Doc {
    #[recto(primary_key)]
    pub id: i64,
    pub meta: recto::serde_json::Value,
    pub name: String,
}

fn main() {
    // A step is a string literal key or an integer position.
    let _ = from!(d in Doc, select: d.meta[1.5]);
}
