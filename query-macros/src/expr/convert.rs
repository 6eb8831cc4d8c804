//! From `syn`'s expression tree to [`Dsl`], checking as it goes: every identifier must be a
//! binding, every call a query function, every operator one SQL has. Errors say what to
//! write instead (`^min` for a Rust value, `&&` for `&`).

use proc_macro2::{Ident, Span, TokenTree};
use quote::{ToTokens, quote};
use syn::spanned::Spanned;
use syn::{Expr, Lit, Member};

use super::{Dsl, Kind, branches, func};
use crate::binding::{Scope, Typing};
use crate::errors::both;
use crate::preprocess::PIN_MARKER;

/// Converts and checks one expression.
pub(crate) fn convert(scope: &mut Scope, expr: &Expr) -> syn::Result<Dsl> {
    // Each arm takes the span of a token it holds: `Spanned::span` on a whole expression
    // prints the expression to tokens to find its first one, which made converting a deep
    // tree quadratic.
    match expr {
        Expr::Lit(lit) => Ok(Dsl {
            span: lit.lit.span(),
            kind: Kind::Lit(literal(&lit.lit)?),
        }),
        Expr::Macro(mac) => Ok(Dsl {
            span: mac.mac.bang_token.span,
            kind: Kind::Pin(pin(mac)?),
        }),
        Expr::Field(field) => field_access(scope, field),
        Expr::Index(index) => index_access(scope, index),
        Expr::Paren(paren) => convert(scope, &paren.expr),
        Expr::Group(group) => convert(scope, &group.expr),
        Expr::Unary(unary) => unary_op(scope, unary),
        Expr::Binary(binary) => binary_op(scope, binary),
        Expr::Call(call) => func::call(scope, call),
        Expr::If(conditional) => branches::conditional(scope, conditional),
        Expr::Path(path)
            if branches::is_nil(expr)
                && path
                    .path
                    .get_ident()
                    .is_some_and(|nil| scope.find(nil).is_none()) =>
        {
            Err(syn::Error::new_spanned(
                path,
                "`nil` (SQL's NULL) may only be the last branch of an `if`, as in `if c { x } else { nil }`; to test for NULL write `is_nil(x)`",
            ))
        }
        Expr::Path(path) => Err(bare_path(scope, path)),
        other => Err(unsupported(other)),
    }
}

/// The binding a bare identifier names, for the places a whole binding is allowed
/// (`select: u`).
pub(crate) fn binding_of(scope: &Scope, expr: &Expr) -> Option<usize> {
    match expr {
        Expr::Path(path) if path.qself.is_none() => scope.find(path.path.get_ident()?),
        Expr::Paren(paren) => binding_of(scope, &paren.expr),
        Expr::Group(group) => binding_of(scope, &group.expr),
        _ => None,
    }
}

/// The tokens of a literal the query may hold: numbers, booleans and strings.
fn literal(lit: &Lit) -> syn::Result<proc_macro2::TokenStream> {
    match lit {
        Lit::Int(_) | Lit::Float(_) | Lit::Bool(_) | Lit::Str(_) => Ok(lit.to_token_stream()),
        Lit::Char(_) => Err(syn::Error::new(
            lit.span(),
            "character literals are not supported; write a string literal",
        )),
        Lit::ByteStr(_) | Lit::Byte(_) => Err(syn::Error::new(
            lit.span(),
            "byte literals are not supported; bind bytes with `^`, as in `^bytes` for a `Vec<u8>`",
        )),
        _ => Err(syn::Error::new(
            lit.span(),
            "this literal is not supported in a query",
        )),
    }
}

/// A path where a value was expected: a Rust variable without `^`, or a whole binding.
fn bare_path(scope: &Scope, path: &syn::ExprPath) -> syn::Error {
    let written = path.to_token_stream().to_string().replace(' ', "");
    match path.path.get_ident().filter(|_| path.qself.is_none()) {
        Some(ident) if scope.find(ident).is_some() => syn::Error::new(
            ident.span(),
            format!("`{ident}` is a whole binding; use one of its fields here, like `{ident}.id`"),
        ),
        Some(ident) => syn::Error::new(
            ident.span(),
            format!(
                "`{ident}` is not a binding of this query; to use a Rust value write `^{ident}`"
            ),
        ),
        None => syn::Error::new_spanned(
            path,
            format!("to use the Rust value `{written}` in a query write `^{written}`"),
        ),
    }
}

/// `b.field`.
fn field_access(scope: &mut Scope, field: &syn::ExprField) -> syn::Result<Dsl> {
    if let Some(binding) = super::nesting::parent_as(&field.base) {
        let Member::Named(name) = &field.member else {
            return Err(syn::Error::new_spanned(
                &field.member,
                "fields are named, as in `parent_as(u).name`",
            ));
        };
        let literal = syn::LitStr::new(&syn::ext::IdentExt::unraw(name).to_string(), name.span());
        return Ok(super::nesting::parent_field(
            binding?,
            literal.to_token_stream(),
            name.span(),
        ));
    }
    let base = binding_name(&field.base).ok_or_else(|| match &*field.base {
        Expr::Field(_) | Expr::Index(_) => syn::Error::new_spanned(
            field,
            "a field has no fields; a JSON document's keys are written in brackets, as in `b.meta[\"key\"]`",
        ),
        _ => syn::Error::new_spanned(
            &field.base,
            "expected a binding before `.field`, like `u.name`",
        ),
    })?;
    let binding = scope.find(base).ok_or_else(|| scope.unknown(base))?;
    let name = match &field.member {
        Member::Named(name) => name.clone(),
        Member::Unnamed(index) => {
            return Err(syn::Error::new(
                index.span,
                "fields are named, as in `u.name`; a tuple index is not a field",
            ));
        }
    };
    let typed = !matches!(scope.get(binding).typing, Typing::Untyped);
    scope.mark_used(binding, typed);
    Ok(Dsl {
        span: name.span(),
        kind: Kind::Field { binding, name },
    })
}

/// `b["field"]`.
fn index_access(scope: &mut Scope, index: &syn::ExprIndex) -> syn::Result<Dsl> {
    if let Some(binding) = super::nesting::parent_as(&index.expr) {
        let Expr::Lit(syn::ExprLit {
            lit: Lit::Str(name),
            ..
        }) = &*index.index
        else {
            return Err(syn::Error::new_spanned(
                &index.index,
                "`parent_as(..)[..]` takes a field name as a string literal",
            ));
        };
        return Ok(super::nesting::parent_field(
            binding?,
            name.to_token_stream(),
            index.index.span(),
        ));
    }
    let Some(base) = binding_name(&index.expr) else {
        return super::json::json_step(scope, index);
    };
    let binding = scope.find(base).ok_or_else(|| scope.unknown(base))?;
    let name = match &*index.index {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(name),
            ..
        }) => name.to_token_stream(),
        other => {
            return Err(syn::Error::new_spanned(
                other,
                format!(
                    "`{base}[..]` takes a field name as a string literal, like `{base}[\"name\"]`; for a name chosen at run time write `field({base}, ^name)`"
                ),
            ));
        }
    };
    scope.mark_used(binding, false);
    Ok(Dsl {
        span: index.index.span(),
        kind: Kind::FieldByName { binding, name },
    })
}

/// The identifier of a `b` in `b.field` / `b["field"]`.
fn binding_name(expr: &Expr) -> Option<&Ident> {
    match expr {
        Expr::Path(path) if path.qself.is_none() => path.path.get_ident(),
        _ => None,
    }
}

/// The Rust expression of a `^pin` (the marker macro the preprocessor made), checked to
/// be one expression.
pub(super) fn pin(mac: &syn::ExprMacro) -> syn::Result<proc_macro2::TokenStream> {
    if !mac.mac.path.is_ident(PIN_MARKER) {
        let name = mac.mac.path.to_token_stream().to_string().replace(' ', "");
        let message = if name == "from" {
            "a query inside an expression is written `exists(from!(..))`, `subquery(from!(..))`, `x in subquery(from!(..))`, `x > any(from!(..))` or `x > all(from!(..))`".to_owned()
        } else {
            format!(
                "macro calls are not part of the query language; to use the Rust value of `{name}!` write `^{name}!(..)`"
            )
        };
        return Err(syn::Error::new_spanned(&mac.mac.path, message));
    }
    // The parentheses of `^(a + b)` only delimit the operand: dropping them keeps rustc's
    // `unused_parens` lint from firing at the user's code. A pin of one identifier or
    // literal, the most common, needs no parsing.
    let mut trees = mac.mac.tokens.clone().into_iter();
    if let (Some(tree @ (TokenTree::Ident(_) | TokenTree::Literal(_))), None) =
        (trees.next(), trees.next())
    {
        return Ok(tree.into());
    }
    let mut value: Expr = syn::parse2(mac.mac.tokens.clone())?;
    while let Expr::Paren(paren) = value {
        value = *paren.expr;
    }
    Ok(value.to_token_stream())
}

fn unary_op(scope: &mut Scope, unary: &syn::ExprUnary) -> syn::Result<Dsl> {
    let span = unary.op.span();
    match unary.op {
        syn::UnOp::Neg(_) => {
            if let Expr::Lit(syn::ExprLit {
                lit: lit @ (Lit::Int(_) | Lit::Float(_)),
                ..
            }) = &*unary.expr
            {
                return Ok(Dsl {
                    span,
                    kind: Kind::Lit(quote!(-#lit)),
                });
            }
            Ok(Dsl {
                span,
                kind: Kind::Neg(Box::new(convert(scope, &unary.expr)?)),
            })
        }
        syn::UnOp::Not(_) => Ok(Dsl {
            span,
            kind: Kind::Not(Box::new(convert(scope, &unary.expr)?)),
        }),
        _ => Err(syn::Error::new(
            span,
            "`*` is not a query operator; to use a Rust value write `^*value`",
        )),
    }
}

fn binary_op(scope: &mut Scope, binary: &syn::ExprBinary) -> syn::Result<Dsl> {
    use syn::BinOp as B;
    let span = binary.op.span();
    let op = match binary.op {
        B::Eq(_) => "eq",
        B::Ne(_) => "ne",
        B::Lt(_) => "lt",
        B::Le(_) => "le",
        B::Gt(_) => "gt",
        B::Ge(_) => "ge",
        B::And(_) => "and",
        B::Or(_) => "or",
        B::Add(_) => "add",
        B::Sub(_) => "sub",
        B::Mul(_) => "mul",
        B::Div(_) => "div",
        B::Rem(_) => "rem",
        B::BitXor(_) => return in_op(scope, binary, span),
        B::BitAnd(_) => {
            return Err(syn::Error::new(
                span,
                "`&` is not a query operator; did you mean `&&`?",
            ));
        }
        B::BitOr(_) => {
            return Err(syn::Error::new(
                span,
                "`|` is not a query operator; did you mean `||`?",
            ));
        }
        _ => {
            return Err(syn::Error::new(
                span,
                "this operator is not part of the query language",
            ));
        }
    };
    if let Some(call) = super::nesting::is_call(&binary.right, &["any", "all"]) {
        let variant = match op {
            "eq" => "Eq",
            "ne" => "Ne",
            "lt" => "Lt",
            "le" => "Le",
            "gt" => "Gt",
            "ge" => "Ge",
            _ => {
                return Err(syn::Error::new(
                    span,
                    "`any(q)` and `all(q)` follow a comparison: `==`, `!=`, `<`, `<=`, `>` or `>=`",
                ));
            }
        };
        let kind = super::nesting::quantified(scope, &binary.left, variant, call)?;
        return Ok(Dsl { span, kind });
    }
    if let Some(call) = super::nesting::is_call(&binary.left, &["any", "all"]) {
        return Err(syn::Error::new_spanned(
            &call.func,
            "write the compared value first, as in `x > any(q)`",
        ));
    }
    let compares = matches!(op, "eq" | "ne" | "lt" | "le" | "gt" | "ge");
    if compares
        && (super::row::tuple(&binary.left).is_some() || super::row::tuple(&binary.right).is_some())
    {
        return super::row::comparison(scope, op, binary);
    }
    let (left, right) = both(convert(scope, &binary.left), convert(scope, &binary.right))?;
    Ok(Dsl {
        span,
        kind: Kind::Binary {
            op,
            left: Box::new(left),
            right: Box::new(right),
        },
    })
}

/// `x in [a, b]`, `x in ^list` and `x in subquery(q)` (the preprocessor turned `in` into
/// `^`).
fn in_op(scope: &mut Scope, binary: &syn::ExprBinary, span: Span) -> syn::Result<Dsl> {
    if let Some(tested) = super::row::tuple(&binary.left) {
        let Expr::Array(list) = &*binary.right else {
            return Err(super::row::in_other(tested));
        };
        let kind = super::row::in_list(scope, tested, list)?;
        return Ok(Dsl { span, kind });
    }
    if let Some(call) = super::nesting::is_call(&binary.right, &["subquery"]) {
        let kind = super::nesting::in_subquery(scope, &binary.left, call)?;
        return Ok(Dsl { span, kind });
    }
    let operand = convert(scope, &binary.left);
    let kind = match &*binary.right {
        Expr::Array(array) => {
            let list = crate::errors::all(array.elems.iter().map(|elem| convert(scope, elem)));
            let (operand, list) = both(operand, list)?;
            Kind::InList {
                operand: Box::new(operand),
                list,
            }
        }
        Expr::Macro(mac) if mac.mac.path.is_ident(PIN_MARKER) => {
            let (operand, list) = both(operand, pin(mac))?;
            Kind::InParam {
                operand: Box::new(operand),
                list,
            }
        }
        other => {
            return Err(syn::Error::new_spanned(
                other,
                "`in` takes a list of values like `[1, 2]`, a Rust list bound with `^`, like `^ids`, or a query's values, like `subquery(q)`",
            ));
        }
    };
    Ok(Dsl { span, kind })
}

/// The error for Rust syntax the query language does not have.
fn unsupported(expr: &Expr) -> syn::Error {
    let message = match expr {
        Expr::MethodCall(_) => {
            "method calls are not part of the query language; call query functions as `f(x)`, or bind a Rust value with `^`, as in `^name.trim()`"
        }
        Expr::Cast(_) => {
            "`as` casts are not supported; to cast a Rust value write `^(value as i64)`"
        }
        Expr::Match(_) => {
            "`match` is not part of the query language; write `if c { a } else if c2 { b } else { d }` (SQL's CASE)"
        }
        Expr::Tuple(_) => {
            "a tuple is allowed as the whole `select:`, as in `select: (u.id, u.name)`, or as a row value compared with another row, as in `(u.a, u.b) > (^x, ^y)`, or tested `in [(1, 2), (3, 4)]`"
        }
        Expr::Struct(_) => "a struct literal is only allowed as the whole `select:`",
        Expr::Array(_) => "a list is only allowed after `in`, as in `u.id in [1, 2]`",
        Expr::Assign(_) => "`=` assigns in Rust; to compare write `==`",
        Expr::Reference(_) => "`&` is not a query operator; to use a Rust value write `^&value`",
        Expr::Closure(_) | Expr::Block(_) | Expr::Async(_) | Expr::Unsafe(_) => {
            "Rust code runs only inside `^`: write `^{ .. }` to bind the value of a block"
        }
        _ => "this Rust syntax is not part of the query language",
    };
    syn::Error::new_spanned(expr, message)
}
