use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
    pub age: i32,
}

fn main() {
    let min = 3;
    let _ = dynamic!([u], cuont(u.id) > 1 && u.age > min);
}
