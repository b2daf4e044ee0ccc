//! A lever's stable machine name, as a type of its own, so a lever id is never confused
//! with a name, an area id or any other string in settings and actions.

use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Serialize};

/// A lever's id (`ey_language`, `secondary_tutoring`, …): the key in scenarios, share
/// links and the store. It reads and writes as a plain JSON string, and looks up a
/// `LeverSettings` map by `&str`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LeverId(String);

impl LeverId {
    pub fn new(id: impl Into<String>) -> LeverId {
        LeverId(id.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for LeverId {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for LeverId {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for LeverId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for LeverId {
    fn from(id: &str) -> LeverId {
        LeverId(id.to_owned())
    }
}

impl From<String> for LeverId {
    fn from(id: String) -> LeverId {
        LeverId(id)
    }
}

impl PartialEq<str> for LeverId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for LeverId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}
