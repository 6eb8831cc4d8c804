use recto::prelude::*;

fn main() {
    let min = 18;
    let _ = dynamic!([u], u.age > min);
}
