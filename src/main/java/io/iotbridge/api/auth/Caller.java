package io.iotbridge.api.auth;

import java.util.Set;

/** Who called, as the credentials say: an API key's name or a token's subject, and its roles. */
public record Caller(String name, Set<Role> roles) {
}
