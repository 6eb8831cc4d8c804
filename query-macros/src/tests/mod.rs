//! Expansion snapshots: each test feeds a macro input to the phase functions and snapshots
//! the expansion pretty-printed by rustfmt, or the error messages. Compile-fail tests in
//! the workspace's `tests/ui` check where the errors point.

mod derive;
mod dynamic;
mod errors;
mod from;
mod size;

use std::io::Write;
use std::process::{Command, Stdio};

use proc_macro2::TokenStream;

/// An expression's expansion, formatted as the body of a function.
fn pretty_expr(tokens: TokenStream) -> String {
    rustfmt(&format!("fn expansion() {{ {tokens} }}"))
}

/// Items, formatted.
fn pretty_items(tokens: TokenStream) -> String {
    rustfmt(&tokens.to_string())
}

fn rustfmt(source: &str) -> String {
    let mut child = Command::new("rustfmt")
        .args(["--edition", "2024"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("rustfmt runs (it ships with the toolchain)");
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(source.as_bytes())
        .expect("rustfmt reads");
    let output = child.wait_with_output().expect("rustfmt finishes");
    assert!(
        output.status.success(),
        "rustfmt failed on:\n{source}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("rustfmt writes UTF-8")
}

/// Every message of a failed expansion, one a line.
fn messages(result: syn::Result<TokenStream>) -> String {
    match result {
        Ok(tokens) => panic!("expected errors, got:\n{}", pretty_expr(tokens)),
        Err(error) => error
            .into_iter()
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
            .join("\n"),
    }
}
