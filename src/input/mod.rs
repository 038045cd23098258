//! Reading the input: the document tree with spans, the JSON parser, positions for editors
//! and JSON Pointers.

pub mod decoded;
pub mod duplicates;
pub mod json;
pub mod pointer;
pub mod position;
pub mod source;
pub mod tree;

pub use decoded::Decoded;
pub use pointer::{Path, Pointer};
pub use position::{LineIndex, Position, Range};
pub use source::{File, Sources};
pub use tree::{Hint, JsonType, Member, Node, Part, PartKind, Span, Symbolic, Value};
