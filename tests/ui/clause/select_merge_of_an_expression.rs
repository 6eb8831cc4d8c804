use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

#[derive(Row)]
pub struct Card {
    pub id: i64,
    pub name: String,
}

fn main() {
    // `select_merge:` takes a struct literal.
    let _ = from!(u in User, select_merge: u.name);
}
