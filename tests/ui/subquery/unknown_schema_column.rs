use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub user_id: i64,
}

fn main() {
    // A subquery without `select:` has its schema's columns.
    let recent = from!(p in Post, where: p.id > 10);
    let _ = from!(u in Post, join: r in subquery(recent), on: r.author == u.user_id);
}
