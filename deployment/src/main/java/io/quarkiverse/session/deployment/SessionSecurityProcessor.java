package io.quarkiverse.session.deployment;

import java.util.Set;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;

import io.quarkiverse.session.SessionLogin;
import io.quarkiverse.session.runtime.config.SessionBuildTimeConfig;
import io.quarkiverse.session.runtime.security.SessionSecurityRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.vertx.http.runtime.VertxHttpBuildTimeConfig;

/**
 * The server-side login of {@code quarkus.session.security}, only when it is enabled: its authentication mechanism,
 * identity provider, login and logout routes and {@code SessionLogin}. Enabled, it needs Quarkus Security and Quarkus'
 * form authentication off, which the build checks, and a store that keeps sessions on the server, which startup
 * checks. The runtime classes are named, not loaded: they use Quarkus Security, which the build may not have.
 */
class SessionSecurityProcessor {

    private static final String ENABLED = "quarkus.session.security.enabled";
    private static final String FORM_ENABLED = "quarkus.http.auth.form.enabled";
    private static final String PACKAGE = "io.quarkiverse.session.runtime.security.";
    private static final DotName SESSION_LOGIN = DotName.createSimple(SessionLogin.class);
    private static final DotName INJECT = DotName.createSimple("jakarta.inject.Inject");

    @BuildStep
    void registerLogin(SessionBuildTimeConfig config, Capabilities capabilities, VertxHttpBuildTimeConfig http,
            CombinedIndexBuildItem index, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (!config.security().enabled()) {
            refuseLoginInjection(index.getIndex());
            return;
        }
        if (capabilities.isMissing(Capability.SECURITY)) {
            throw new ConfigurationException(ENABLED + "=true needs Quarkus Security, which the application does not "
                    + "contain: add an extension that checks passwords, such as io.quarkus:quarkus-elytron-security-"
                    + "properties-file, quarkus-elytron-security-jdbc or quarkus-security-jpa, or io.quarkus:quarkus-"
                    + "security for an application's own IdentityProvider; or remove " + ENABLED, Set.of(ENABLED));
        }
        if (http.auth().form()) {
            throw new ConfigurationException(ENABLED + "=true and " + FORM_ENABLED + "=true both log in with a form "
                    + "posted to j_security_check: keep one. " + ENABLED + " keeps the login in the session store, so "
                    + "that a logout or a revoked session ends it at once; " + FORM_ENABLED + " keeps it in an "
                    + "encrypted cookie held by the browser", Set.of(ENABLED, FORM_ENABLED));
        }
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(PACKAGE + "SessionAuthenticationMechanism", PACKAGE + "SessionIdentityProvider",
                        PACKAGE + "SessionLoginImpl", PACKAGE + "LoginRoutes")
                .setUnremovable().build());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void checkLoginAtStartup(SessionBuildTimeConfig config, SessionSecurityRecorder recorder,
            BeanContainerBuildItem container) {
        if (config.security().enabled()) {
            recorder.checkConfig();
            recorder.checkSessions(container.getValue());
        }
    }

    /**
     * Checked here, before the container is validated: otherwise an injected {@code SessionLogin} would only fail as an
     * unsatisfied dependency, which does not say what to set.
     */
    private static void refuseLoginInjection(IndexView index) {
        for (AnnotationInstance inject : index.getAnnotations(INJECT)) {
            AnnotationTarget target = inject.target();
            boolean injectsLogin = switch (target.kind()) {
                case FIELD -> target.asField().type().name().equals(SESSION_LOGIN);
                case METHOD -> target.asMethod().parameterTypes().stream()
                        .anyMatch(type -> type.name().equals(SESSION_LOGIN));
                case METHOD_PARAMETER -> target.asMethodParameter().type().name().equals(SESSION_LOGIN);
                default -> false;
            };
            if (injectsLogin) {
                throw new ConfigurationException(target + " injects " + SessionLogin.class.getName() + ", which needs "
                        + ENABLED + "=true: set it, with Quarkus Security in the application", Set.of(ENABLED));
            }
        }
    }
}
