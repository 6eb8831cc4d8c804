use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

#[derive(Schema)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub user_id: i64,
}

// A lateral join reads a subquery, which may refer to the bindings before it: a table
// cannot, so joining one laterally is a mistake.

fn schema() {
    let _ = from!(u in User, as: user, inner_lateral_join: p in Post, on: true);
}

fn table() {
    let _ = from!(u in User, as: user, left_lateral_join: p in "posts", on: true);
}

fn main() {
    schema();
    table();
}
