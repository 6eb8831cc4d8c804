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
    // The engines count positions from the end each their own way.
    let _ = from!(d in Doc, select: d.meta["a"][-1]);
}
