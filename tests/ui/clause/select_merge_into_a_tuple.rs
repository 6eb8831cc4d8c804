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
    // A tuple's columns have no names to merge into.
    let pairs = from!(u in User, select: (u.id, u.name));
    let _ = from!(u in pairs, select_merge: Card { name: u.name });
}
