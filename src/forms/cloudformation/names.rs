//! The PascalCase properties of `AWS::Batch::JobDefinition` and the Batch API's names for them:
//! the types of the table in `schema.rs` (generated from CloudFormation's resource schema), and
//! the look-ups the reader and the shape checks make in it.

/// One definition of the resource schema: the top-level `Properties`, `ContainerProperties`,
/// `MultiNodeContainerProperties`, ...
#[derive(Debug)]
pub struct Definition {
    /// The schema's name for it, which CloudFormation's messages use.
    pub name: &'static str,
    pub properties: &'static [Property],
}

#[derive(Debug)]
pub struct Property {
    /// As a template writes it: `ContainerProperties`.
    pub name: &'static str,
    /// As the Batch API names it: `containerProperties` (for the properties the API does not
    /// have, such as `ResourceRetentionPolicy`, the same rule: first letter in lower case).
    pub api: &'static str,
    /// The type of the value, or of each item of a list.
    pub ty: Type,
    pub list: bool,
    /// The schema's `required`.
    pub required: bool,
    /// The schema's `readOnlyProperties`: an attribute, which a template cannot set.
    pub read_only: bool,
}

#[derive(Debug, Clone, Copy)]
pub enum Type {
    String,
    Integer,
    Boolean,
    Number,
    Object(&'static Definition),
    /// An object whose members are the user's names with string values (`Tags`, `Options`).
    Map,
}

impl Property {
    /// For the generated table: what a row leaves out.
    pub const DEFAULT: Property =
        Property { name: "", api: "", ty: Type::String, list: false, required: false, read_only: false };
}

impl Definition {
    /// The property a template writes as `name` (names are case-sensitive).
    pub fn by_name(&'static self, name: &str) -> Option<&'static Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    /// The property the Batch API names `api`.
    pub fn by_api(&'static self, api: &str) -> Option<&'static Property> {
        self.properties.iter().find(|p| p.api == api)
    }

    /// The template's name for the API member `api`, if the schema has it.
    pub fn cfn_name(&'static self, api: &str) -> Option<&'static str> {
        self.by_api(api).map(|p| p.name)
    }

    /// The definition of the value of the API member `api` (or of each of its items).
    pub fn child(&'static self, api: &str) -> Option<&'static Definition> {
        match self.by_api(api)?.ty {
            Type::Object(d) => Some(d),
            _ => None,
        }
    }

    pub fn names(&'static self) -> impl Iterator<Item = &'static str> + Clone {
        self.properties.iter().map(|p| p.name)
    }

    /// The schema's name for this definition, for messages.
    pub fn name_of(&'static self) -> &'static str {
        self.name
    }

    /// Whether CloudFormation requires the API member `api`.
    pub fn requires(&'static self, api: &str) -> bool {
        self.by_api(api).is_some_and(|p| p.required)
    }

    /// Whether the API member `api` is a read-only attribute here.
    pub fn is_read_only(&'static self, api: &str) -> bool {
        self.by_api(api).is_some_and(|p| p.read_only)
    }
}

/// The resource's `Properties`.
pub fn root() -> &'static Definition {
    &super::schema::PROPERTIES
}
