use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "users")]
pub struct User {
    #[recto(primary_key)]
    pub id: i64,
    pub age: i32,
}

// `sum` over no rows is NULL: its rows are `Option<i64>`, and a plain `i64` does not
// compile.
async fn total_age(repo: &Repo) -> Result<i64, recto::Error> {
    let total: i64 = repo.one(from!(u in User, select: sum(u.age))).await?;
    Ok(total)
}

fn main() {
    let _ = total_age;
}
