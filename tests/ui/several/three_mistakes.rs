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
    let _ = from!(u in User, wher: u.age > 1, order_by: [up: u.id], select: (u.id, u.age > min));
}
