package io.quarkiverse.session.runtime.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.WithDefault;

/**
 * The run-time settings of the server-side login, {@code quarkus.session.security.*}; used only when
 * {@code quarkus.session.security.enabled} is {@code true}.
 */
public interface SecurityConfig {

    /**
     * The path a login form is posted to, with the user name and password as form fields ({@code POST},
     * {@code application/x-www-form-urlencoded} or {@code multipart/form-data}). The same path as Quarkus' form
     * authentication, so that its login pages work unchanged.
     */
    @WithDefault("/j_security_check")
    String loginPath();

    /**
     * The form field that holds the user name.
     */
    @WithDefault("j_username")
    String usernameParameter();

    /**
     * The form field that holds the password.
     */
    @WithDefault("j_password")
    String passwordParameter();

    /**
     * Where a successful form login redirects ({@code 302}). Set it empty to answer {@code 204} instead, for pages
     * that post the form with JavaScript.
     */
    @WithDefault("/index.html")
    Optional<String> landingPage();

    /**
     * Where a failed form login redirects ({@code 302}): wrong credentials, or a missing field. Set it empty to
     * answer {@code 401} instead. A failed login changes nothing in the session.
     */
    @WithDefault("/error.html")
    Optional<String> errorPage();

    /**
     * Where a request that needs a login, and has none, is redirected ({@code 302}): the page with the login form.
     * Set it empty to answer {@code 401} instead, for APIs.
     */
    @WithDefault("/login.html")
    Optional<String> loginPage();

    /**
     * The path that logs out when posted to ({@code POST}, no body needed): the session is destroyed in the store, so
     * every copy of its cookie is dead at once, and the response clears the cookie. Set it empty to leave logging
     * out to the application ({@code SessionLogin.logout()}).
     */
    @WithDefault("/logout")
    Optional<String> logoutPath();

    /**
     * Where a logout redirects ({@code 302}). When not set, a logout answers {@code 204}.
     */
    Optional<String> logoutPage();

    /**
     * The attributes of the logged-in identity that are kept in the session with its name and roles, by name: for
     * example an e-mail address or a tenant an identity provider adds. Only strings, numbers, booleans and collections
     * of strings are kept; other attributes are left out, with a warning. None when not set.
     */
    Optional<List<String>> attributes();
}
