use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub age: i32,
}

// One selected value decodes as the value itself, not as a one-element tuple.
async fn ids(repo: &Repo) -> Result<Vec<(i64,)>, recto::Error> {
    repo.all::<(i64,)>(from!(u in User, select: u.id)).await
}

fn main() {
    let _ = ids;
}
