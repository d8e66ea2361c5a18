//! The codes that cross layers: an item's part number, a location, an order. Each is its own
//! type, so an item code is never passed where a location is meant. A code is text as the
//! plant writes it (compared exactly, printed as is); it reads as `&str` where text is wanted.

/// A code newtype over `String`: `Display`, `Deref<Target = str>` (so `&code` is a `&str`),
/// `Borrow<str>` (so maps keyed by codes are looked up by `&str`), comparison with text,
/// serde as a plain string.
macro_rules! code_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl std::borrow::Borrow<str> for $name {
            fn borrow(&self) -> &str {
                &self.0
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<String> for $name {
            fn from(code: String) -> Self {
                $name(code)
            }
        }

        impl From<&str> for $name {
            fn from(code: &str) -> Self {
                $name(code.to_string())
            }
        }

        impl From<&String> for $name {
            fn from(code: &String) -> Self {
                $name(code.clone())
            }
        }

        impl From<&$name> for String {
            fn from(code: &$name) -> Self {
                code.0.clone()
            }
        }

        impl From<$name> for String {
            fn from(code: $name) -> Self {
                code.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                &self.0 == other
            }
        }

        impl PartialEq<$name> for str {
            fn eq(&self, other: &$name) -> bool {
                self == other.0
            }
        }

        impl PartialEq<$name> for &str {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }

        impl PartialEq<$name> for String {
            fn eq(&self, other: &$name) -> bool {
                *self == other.0
            }
        }
    };
}

code_newtype!(
    /// An item's part number (`items.csv` `item`).
    ItemCode
);
code_newtype!(
    /// A place that holds stock (`locations.csv` `location`).
    LocationCode
);
code_newtype!(
    /// A production order's number (`orders.csv` `order`).
    OrderNo
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_is_its_text_and_looks_up_maps_by_text() {
        let code = ItemCode::from("HP-100");
        assert_eq!(code, "HP-100");
        assert_eq!("HP-100", code);
        assert_eq!(code.to_string(), "HP-100");
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"HP-100\"");
        let back: ItemCode = serde_json::from_str("\"HP-100\"").unwrap();
        assert_eq!(back, code);
        let mut stock = std::collections::HashMap::new();
        stock.insert(LocationCode::from("M-ASM"), 3);
        assert_eq!(stock.get("M-ASM"), Some(&3), "looked up by &str");
        assert_ne!(OrderNo::from("wo-1"), "WO-1", "compared exactly");
    }
}
