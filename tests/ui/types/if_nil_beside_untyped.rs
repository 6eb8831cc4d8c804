use recto::prelude::*;

fn main() {
    let _ = from!(u in "users", select: if u["age"] > 18 { nil } else { u["name"] });
}
