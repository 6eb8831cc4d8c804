use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
    pub score: f64,
}

fn main() {
    let _ = from!(u in User, select: cast(u.score, i64));
}
