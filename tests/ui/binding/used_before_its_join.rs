use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
}

#[derive(Schema)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub user_id: i64,
    pub title: String,
}

fn main() {
    let _ = from!(u in User, where: p.title == "x", join: p in Post, on: p.user_id == u.id);
}
