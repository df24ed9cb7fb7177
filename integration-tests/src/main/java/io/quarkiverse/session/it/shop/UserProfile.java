package io.quarkiverse.session.it.shop;

import java.util.List;

/**
 * The logged-in user, stored in the session as a record.
 */
public record UserProfile(String username, String displayName, List<String> roles) {
}
