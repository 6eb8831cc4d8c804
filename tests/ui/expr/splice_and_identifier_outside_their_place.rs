use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub name: String,
}

fn main() {
    let ids = vec![1_i64];
    let _ = from!(u in User, where: u.id == splice(^ids));
    let _ = from!(u in User, select: identifier(^"name"));
    let _ = from!(u in User, select: fragment("f(?)", splice(ids)));
    let _ = from!(u in User, select: fragment("?", identifier(u.name)));
}
