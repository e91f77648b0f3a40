//! Category ids are dotted paths (`food.snacks.nuts`); a scope covers the ids under it. Both
//! the checkout (offer scopes) and the merchant checks (the category tree) read them.

/// Does category `scope` cover `id` (itself or a descendant)?
pub fn covers(scope: &str, id: &str) -> bool {
    id == scope
        || (id.len() > scope.len() && id.starts_with(scope) && id.as_bytes()[scope.len()] == b'.')
}
