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
    let (t, id) = (30, 7_i64);
    let _ = from!(u in User, where: (u.age, u.id) > (^t, ^id, 3), select: u.id);
}
