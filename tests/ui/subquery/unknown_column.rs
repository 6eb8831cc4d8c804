use recto::prelude::*;

#[derive(Schema)]
#[recto(table = "posts")]
pub struct Post {
    #[recto(primary_key)]
    pub id: i64,
    pub user_id: i64,
}

#[derive(Row)]
pub struct PostCount {
    pub user_id: i64,
    pub n: i64,
}

fn main() {
    let counts =
        from!(p in Post, group_by: p.user_id, select: PostCount { user_id: p.user_id, n: count() });
    // The subquery's rows are `PostCount`s: they have `user_id` and `n`, not `total`.
    let _ = from!(c in subquery(&counts), select: c.total);
}
