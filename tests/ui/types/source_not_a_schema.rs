use recto::prelude::*;

pub struct Account {
    pub id: i64,
}

fn main() {
    let _ = from!(a in Account, where: a.id > 1);
}
