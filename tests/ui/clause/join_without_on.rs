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

// Every join but a cross join needs an `on:`, and a cross join takes none.

fn inner() {
    let _ = from!(u in User, join: p in Post, where: p.title == "x");
}

fn full() {
    let _ = from!(u in User, full_join: p in Post, where: p.title == "x");
}

fn cross() {
    let _ = from!(u in User, cross_join: p in Post, on: p.user_id == u.id);
}

fn main() {
    inner();
    full();
    cross();
}
