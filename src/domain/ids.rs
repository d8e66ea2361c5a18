//! The ids that cross layers: a report, an exception of the queue, a hand issue. Each is its
//! own type, so a report id is never passed where an exception id is meant; in JSON, in the
//! store and on screen each is its number.

/// An id newtype over the store's integer key: `Display`, `FromStr` (a command-line option),
/// serde as a plain number.
macro_rules! id_newtype {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default,
            serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The store's integer.
            #[must_use]
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.trim().parse().map($name)
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> Self {
                id.0
            }
        }
    };
}

id_newtype!(
    /// A posted report (`report_id`).
    ReportId
);
id_newtype!(
    /// A deferred line in the exception queue.
    ExceptionId
);
id_newtype!(
    /// A hand issue or return of `backflush issue` (`issue_id`).
    IssueId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_its_number_in_json_on_screen_and_as_an_option() {
        let id = ReportId(42);
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).unwrap(), "42");
        assert_eq!(serde_json::from_str::<ReportId>("42").unwrap(), id);
        assert_eq!(" 42".parse::<ReportId>().unwrap(), id);
        assert!("4x".parse::<ExceptionId>().is_err());
    }
}
