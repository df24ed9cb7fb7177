package io.quarkiverse.session.runtime.store.cookie;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.config.SessionConfigValidator;
import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class CookieStoreRecorder {

    private static final Logger LOG = Logger.getLogger(CookieStoreRecorder.class);

    private final RuntimeValue<SessionConfig> config;

    public CookieStoreRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    /**
     * Creates the cookie store when it is the one selected, after checking its secrets; in production, warns when no
     * absolute timeout bounds the life of a cookie.
     *
     * @param devSecretFile where dev mode keeps its generated secret, or {@code null}: the build passes it only in dev
     *        mode
     */
    public Supplier<SessionStore> cookieStore(String devSecretFile) {
        return () -> {
            SessionConfig sessions = config.getValue();
            CookieSessionStore store = new CookieSessionStore(
                    new CookieSessionCodec(secrets(sessions.secret(), devSecretFile), sessions.cookie().name()));
            if (sessions.absoluteTimeout().isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
                // Nothing on the server can end a cookie session early: only a deadline inside the cookie bounds it.
                LOG.warn("The cookie store runs without quarkus.session.absolute-timeout: a session cookie that is used "
                        + "within every idle timeout stays valid for ever, so a stolen one works as long as the thief "
                        + "keeps using it. Set quarkus.session.absolute-timeout (for example 12H).");
            }
            return store;
        };
    }

    /**
     * The configured secrets; in dev and test mode, a generated one when none is set, so that trying the cookie store
     * needs no setup: in dev mode, kept in a file of the build's output, so cookies survive live reloads; in test mode, a
     * random one per start. Production refuses to start without one.
     */
    private static List<String> secrets(Optional<List<String>> configured, String devSecretFile) {
        List<String> secrets = configured.orElse(List.of());
        if (secrets.isEmpty() && LaunchMode.current() == LaunchMode.NORMAL) {
            SessionConfigValidator.fail("quarkus.session.secret", "the cookie store encrypts sessions with a key "
                    + "derived from this secret, and none is set: set quarkus.session.secret (or QUARKUS_SESSION_SECRET) "
                    + "to a random string of at least 32 bytes, for example the output of 'openssl rand -base64 48'");
        }
        for (String secret : secrets) {
            String weakness = CookieSecretCheck.weakness(secret);
            if (weakness != null) {
                SessionConfigValidator.fail("quarkus.session.secret", weakness + ": use a random string, for example "
                        + "the output of 'openssl rand -base64 48'");
            }
        }
        if (!secrets.isEmpty()) {
            return secrets;
        }
        if (devSecretFile != null && LaunchMode.current() == LaunchMode.DEVELOPMENT) {
            Path file = Path.of(devSecretFile);
            LOG.infof("quarkus.session.secret is not set: in dev mode, the cookie store uses a secret generated for "
                    + "development and kept in %s, so cookie sessions survive live reloads. Set quarkus.session.secret "
                    + "before production.", file);
            return List.of(DevModeSecret.of(file));
        }
        LOG.warn("quarkus.session.secret is not set: the cookie store uses a random secret generated at startup, so "
                + "cookie sessions end when the application restarts. Set quarkus.session.secret before production.");
        byte[] random = new byte[32];
        SessionIdGenerator.randomBytes(random);
        return List.of(Base64.getEncoder().encodeToString(random));
    }
}
