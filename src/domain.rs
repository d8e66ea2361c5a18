//! Pure domain code: master data, order release, the backflush calculation, variance and
//! journal rules. Nothing here touches SQL, a terminal, a clock or a file.

/// The one text form of an enum of words (files, JSON, the store): `as_str`, `parse`,
/// `words`, `Display` and serde from one table, so a word and its variant cannot drift apart.
/// (The store's SQL form is `store::sql_word!`, for the enums it keeps.)
macro_rules! text_enum {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// The word used in files, JSON and the store.
            #[must_use]
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }
            /// Parses the word of [`Self::as_str`].
            #[must_use]
            pub fn parse(text: &str) -> Option<Self> {
                match text { $($text => Some($ty::$variant),)+ _ => None }
            }
            /// Every accepted word, for error messages.
            #[must_use]
            pub fn words() -> &'static str {
                concat!($($text, " "),+).trim_ascii_end()
            }
        }
        impl ::std::fmt::Display for $ty {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        word_serde!($ty);
    };
}

/// Serde for an enum with `as_str` and `parse`: its word in JSON, refused when unknown.
macro_rules! word_serde {
    ($ty:ident) => {
        impl ::serde::Serialize for $ty {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                $ty::parse(&text).ok_or_else(|| {
                    ::serde::de::Error::custom(format!("{text:?} is not a {}", stringify!($ty)))
                })
            }
        }
    };
}

pub mod backflush;
pub mod codes;
pub mod health;
pub mod ids;
pub mod issue;
pub mod journal;
pub mod language;
pub mod lockout;
pub mod lots;
pub mod master;
pub mod movement;
pub mod order;
pub mod plant_rules;
pub mod posting;
pub mod qty;
pub mod replenish;
pub mod requests;
pub mod retry;
pub mod reversal;
pub mod text;
pub mod trace;
pub mod uom;
pub mod variance;
pub mod wip;
