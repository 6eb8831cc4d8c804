use recto::prelude::*;

#[derive(Schema, Debug)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub age: i32,
}

// The query's type says its rows are `(i64, i32)`; asking for whole users does not
// compile.
async fn users(repo: &Repo) -> Result<Vec<User>, recto::Error> {
    let q = from!(u in User, select: (u.id, u.age));
    repo.all(&q).await
}

fn main() {
    let _ = users;
}
