use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast;

use super::*;

/// Each message of a catalog's text with the variables it uses, read from Fluent's syntax tree.
fn messages(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = match fluent_syntax::parser::parse(text) {
        Ok(r) => r,
        Err((_, errors)) => panic!("the catalog does not parse: {errors:?}"),
    };
    let mut out = BTreeMap::new();
    for entry in resource.body {
        if let ast::Entry::Message(m) = entry {
            let mut vars = BTreeSet::new();
            if let Some(p) = &m.value {
                pattern_vars(p, &mut vars);
            }
            out.insert(m.id.name.to_string(), vars);
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for e in &p.elements {
        if let ast::PatternElement::Placeable { expression } = e {
            expression_vars(expression, out);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, out);
            for v in variants {
                pattern_vars(&v.value, out);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, out),
    }
}

fn inline_vars(e: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
            for a in &arguments.named {
                inline_vars(&a.value, out);
            }
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                inline_vars(a, out);
            }
        }
        _ => {}
    }
}

/// What a catalog gets wrong against English: messages it lacks, messages English does not
/// have, and variables English does not give.
fn problems(english: &str, tag: &str, text: &str) -> Vec<String> {
    let en = messages(english);
    let other = messages(text);
    let mut out = Vec::new();
    for (id, vars) in &en {
        match other.get(id) {
            None => out.push(format!("{tag} lacks {id}")),
            Some(theirs) => {
                for v in theirs.difference(vars) {
                    out.push(format!("{tag} {id} uses ${v}, which English does not give"));
                }
            }
        }
    }
    for id in other.keys().filter(|id| !en.contains_key(*id)) {
        out.push(format!("{tag} has {id}, which English does not"));
    }
    out
}

fn source(tag: &str) -> &'static str {
    SOURCES
        .iter()
        .find(|(t, _)| *t == tag)
        .map(|(_, text)| *text)
        .unwrap()
}

#[test]
fn every_shipped_catalog_has_every_english_message_with_no_other_values() {
    let english = source("en");
    let mut all = Vec::new();
    for (tag, text) in SOURCES {
        all.extend(problems(english, tag, text));
    }
    assert_eq!(all, Vec::<String>::new());
    assert_eq!(SOURCES.len(), 5);
}

#[test]
fn the_completeness_check_finds_a_missing_message_and_a_foreign_value() {
    let english = "a = A\nb = B { $n }\n";
    let broken = "a = Ä { $extra }\n";
    assert_eq!(
        problems(english, "xx", broken),
        [
            "xx a uses $extra, which English does not give",
            "xx lacks b"
        ]
    );
    // The real check on a shipped catalog with a message taken out.
    let de = source("de").replace("login-title = Anmelden\n", "");
    assert_eq!(problems(source("en"), "de", &de), ["de lacks login-title"]);
}

#[test]
fn every_typed_message_is_in_english_and_english_has_no_message_without_a_key() {
    let en = messages(source("en"));
    let typed: BTreeSet<&str> = Msg::ALL.iter().map(|m| m.id()).collect();
    let missing: Vec<&str> = typed
        .iter()
        .copied()
        .filter(|id| !en.contains_key(*id))
        .collect();
    assert_eq!(missing, Vec::<&str>::new());
    let unused: Vec<&String> = en
        .keys()
        .filter(|id| !typed.contains(id.as_str()))
        .collect();
    assert_eq!(unused, Vec::<&String>::new());
}

#[test]
fn every_catalog_parses_once_and_names_its_separator() {
    let separators: Vec<(&str, char)> = catalogs()
        .iter()
        .map(|c| (c.language.tag(), c.separator()))
        .collect();
    assert_eq!(
        separators,
        [
            ("de", ','),
            ("en", '.'),
            ("es", ','),
            ("pl", ','),
            ("zh-CN", '.')
        ]
    );
    assert!(std::ptr::eq(catalogs(), catalogs()), "parsed once and kept");
    let no_separator = Catalog::parse(Language::ENGLISH, "a = A\n");
    assert_eq!(
        no_separator.err(),
        Some(CatalogError::Separator { tag: "en".into() })
    );
}

fn in_language(tag: &str) -> &'static Catalog {
    catalog(Language::parse(tag).unwrap()).unwrap()
}

#[test]
fn polish_plurals_are_one_few_many_and_other_for_decimals() {
    let pl = in_language("pl");
    let wrong = |n: Arg| {
        pl.format(
            "auth-wrong-pin",
            &[("badge", "1004".into()), ("attempts", n)],
        )
        .unwrap()
    };
    assert_eq!(
        wrong(Arg::Count(1)),
        "błędny PIN dla identyfikatora 1004; została 1 próba"
    );
    assert_eq!(
        wrong(Arg::Count(2)),
        "błędny PIN dla identyfikatora 1004; zostały 2 próby"
    );
    assert_eq!(
        wrong(Arg::Count(5)),
        "błędny PIN dla identyfikatora 1004; zostało 5 prób"
    );
    assert_eq!(
        wrong(Arg::Number(Decimal::new(15, 1))),
        "błędny PIN dla identyfikatora 1004; zostało 1,5 próby",
        "a number with decimals is \"other\", shown with the decimal comma"
    );
    assert_eq!(
        wrong(Arg::Count(0)),
        "błędny PIN dla identyfikatora 1004; identyfikator jest teraz zablokowany"
    );
    let en = in_language("en");
    let english = |n| {
        en.format(
            "auth-wrong-pin",
            &[("badge", "1001".into()), ("attempts", Arg::Count(n))],
        )
        .unwrap()
    };
    assert_eq!(english(1), "wrong PIN for badge 1001; 1 attempt left");
    assert_eq!(english(4), "wrong PIN for badge 1001; 4 attempts left");
}

#[test]
fn numbers_take_the_languages_separator_and_no_thousands_separator() {
    let cases = [
        ("de", "1234567,5", "12,50"),
        ("es", "1234567,5", "12,50"),
        ("pl", "1234567,5", "12,50"),
        ("en", "1234567.5", "12.50"),
        ("zh-CN", "1234567.5", "12.50"),
    ];
    for (tag, quantity, cost) in cases {
        set_language(Language::parse(tag).unwrap());
        assert_eq!(number(Decimal::new(12_345_675, 1)), quantity, "{tag}");
        assert_eq!(money(Decimal::new(125, 1)), cost, "{tag}");
        assert_eq!(
            decimal_separator(),
            quantity.chars().nth(7).unwrap(),
            "{tag}"
        );
    }
    set_language(Language::ENGLISH);
    assert_eq!(number(Decimal::new(2500, 3)), "2.5", "no trailing zeros");
    assert_eq!(money(Decimal::new(10, 0)), "10.00");
    assert_eq!(money(Decimal::new(-1234, 3)), "-1.23");
}

#[test]
fn a_word_comes_in_the_current_language_and_a_value_exactly() {
    set_language(Language::parse("de").unwrap());
    assert_eq!(t(Msg::LoginTitle), "Anmelden");
    assert_eq!(
        tr(
            Msg::RefusedNotOnHand,
            &[
                ("needed", Arg::Number(Decimal::new(25, 1))),
                ("item", "P-100".into()),
                ("location", "WC-ASM".into()),
                (
                    "on_hand",
                    Arg::Number(Decimal::new(12_345_678_901_234_567, 9))
                ),
            ]
        ),
        "2,5 P-100 nötig an WC-ASM, nur 12345678,901234567 vorhanden",
        "a number a float cannot hold exactly is still shown exactly"
    );
    set_language(Language::parse("zh-CN").unwrap());
    assert_eq!(t(Msg::LoginTitle), "登录");
    set_language(Language::ENGLISH);
    assert_eq!(t(Msg::LoginTitle), "Log in");
}

#[test]
fn widths_are_terminal_cells_and_a_cut_ends_with_an_ellipsis() {
    use crate::tui::ui::{cells as width, fit};
    assert_eq!(width("登录"), 4);
    assert_eq!(width("Anmelden"), 8);
    assert_eq!(fit("Anmelden", 8), "Anmelden");
    assert_eq!(fit("Anmelden", 5), "Anme…");
    assert_eq!(fit("演示工牌", 5), "演示…");
    assert_eq!(width(&fit("演示工牌", 5)), 5);
}
