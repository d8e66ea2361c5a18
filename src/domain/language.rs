//! The languages the terminal speaks and which one it speaks: the logged-in user's, else the
//! terminal's configured one, else the environment's locale, else English. The tags are the
//! catalogs shipped in `assets/i18n/` (listed when the program is built), so a plant adds a
//! language by adding a file.

use std::fmt;

/// Every shipped language's tag (`de`, `en`, `zh-CN`…), sorted.
pub const TAGS: &[&str] = include!(concat!(env!("OUT_DIR"), "/languages.rs"));

/// A shipped language, by its tag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(&'static str);

impl Language {
    /// English: the language of the command line, and the terminal's when nothing else says.
    pub const ENGLISH: Language = Language("en");

    /// The shipped language of `tag`, in any case (`zh-cn` is `zh-CN`); `None` for a tag no
    /// catalog has.
    #[must_use]
    pub fn parse(tag: &str) -> Option<Language> {
        TAGS.iter()
            .find(|t| t.eq_ignore_ascii_case(tag))
            .map(|t| Language(t))
    }

    /// The tag, as the catalog's file is named.
    #[must_use]
    pub fn tag(self) -> &'static str {
        self.0
    }

    /// Every shipped tag, for messages: `de, en, es, pl, zh-CN`.
    #[must_use]
    pub fn words() -> String {
        TAGS.join(", ")
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// The locale variables of the environment, in POSIX order of precedence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locale {
    pub lc_all: Option<String>,
    pub lc_messages: Option<String>,
    pub lang: Option<String>,
}

impl Locale {
    /// The language the locale names: the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set
    /// and not empty decides. Its language and territory (`zh_CN.UTF-8` → `zh-CN`) name a
    /// shipped language, else its language alone does (`de_AT` → `de`); anything else (`C`,
    /// `POSIX`, `zh_TW`, none set) is English.
    #[must_use]
    pub fn language(&self) -> Language {
        let Some(value) = [&self.lc_all, &self.lc_messages, &self.lang]
            .into_iter()
            .flatten()
            .find(|v| !v.is_empty())
        else {
            return Language::ENGLISH;
        };
        // `language[_territory][.codeset][@modifier]`
        let name = value.split(['.', '@']).next().unwrap_or_default();
        let mut parts = name.splitn(2, ['_', '-']);
        let language = parts.next().unwrap_or_default();
        let full = parts
            .next()
            .and_then(|territory| Language::parse(&format!("{language}-{territory}")));
        full.or_else(|| Language::parse(language))
            .unwrap_or(Language::ENGLISH)
    }
}

/// The language the terminal speaks: the logged-in `user`'s, else the `terminal`'s configured
/// one, else the `locale`'s.
#[must_use]
pub fn choose(user: Option<Language>, terminal: Option<Language>, locale: &Locale) -> Language {
    user.or(terminal).unwrap_or_else(|| locale.language())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn locale(lc_all: &str, lc_messages: &str, lang: &str) -> Locale {
        let set = |v: &str| (v != "unset").then(|| v.to_string());
        Locale {
            lc_all: set(lc_all),
            lc_messages: set(lc_messages),
            lang: set(lang),
        }
    }

    #[test]
    fn the_shipped_languages_are_the_catalogs() {
        assert_eq!(TAGS, ["de", "en", "es", "pl", "zh-CN"]);
        assert_eq!(Language::words(), "de, en, es, pl, zh-CN");
        assert_eq!(Language::parse("zh-cn").map(Language::tag), Some("zh-CN"));
        assert_eq!(Language::parse("DE"), Some(Language("de")));
        assert_eq!(Language::parse("fr"), None);
        assert_eq!(Language::parse(""), None);
        assert_eq!(Language::parse("zh"), None);
    }

    #[test]
    fn the_locale_decides_by_posix_order_and_names_a_shipped_language() {
        let cases = [
            (locale("unset", "unset", "de_DE.UTF-8"), "de"),
            (locale("unset", "unset", "zh_CN.UTF-8"), "zh-CN"),
            (locale("unset", "unset", "zh_TW.UTF-8"), "en"),
            (locale("unset", "unset", "C"), "en"),
            (locale("unset", "unset", "POSIX"), "en"),
            (locale("unset", "unset", "C.UTF-8"), "en"),
            (locale("unset", "unset", "unset"), "en"),
            (locale("unset", "unset", "pl_PL"), "pl"),
            (locale("unset", "unset", "es_MX.UTF-8@euro"), "es"),
            (locale("unset", "unset", "de_AT"), "de"),
            (locale("unset", "unset", "fr_FR.UTF-8"), "en"),
            // The first set and non-empty one decides, even when it names no shipped language.
            (locale("pl_PL.UTF-8", "es_ES", "de_DE"), "pl"),
            (locale("", "es_ES.UTF-8", "de_DE"), "es"),
            (locale("unset", "", "de_DE"), "de"),
            (locale("C", "es_ES", "de_DE"), "en"),
            (locale("unset", "fr_FR", "de_DE"), "en"),
        ];
        for (locale, want) in cases {
            assert_eq!(locale.language().tag(), want, "{locale:?}");
        }
    }

    #[test]
    fn the_user_comes_first_then_the_terminal_then_the_locale() {
        let de = Language::parse("de");
        let pl = Language::parse("pl");
        let es_locale = locale("unset", "unset", "es_ES.UTF-8");
        assert_eq!(choose(de, pl, &es_locale).tag(), "de");
        assert_eq!(choose(None, pl, &es_locale).tag(), "pl");
        assert_eq!(choose(None, None, &es_locale).tag(), "es");
        assert_eq!(choose(None, None, &Locale::default()).tag(), "en");
    }
}
