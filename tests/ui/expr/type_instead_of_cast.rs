use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub age: i32,
}

fn main() {
    let min = 3;
    let _ = from!(u in User, where: u.id > type(^min, :integer), select: u.id);
}
