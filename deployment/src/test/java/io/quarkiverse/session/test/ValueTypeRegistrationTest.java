package io.quarkiverse.session.test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.Session;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The build registers for reflection, with no action of the user, the value types it can see: the static types of the
 * values put, the class literals read, the type arguments of {@code TypeLiteral}s; plus those listed in
 * {@code quarkus.session.value-types}. That is what native executables need to encode them as JSON.
 */
class ValueTypeRegistrationTest {

    // The build runs in the test's class loader, the test methods in the application's: a system property crosses both.
    private static final String REGISTERED_PROPERTY = "quarkus-session.test.registered-value-types";
    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ShopResource.class, Profile.class, Address.class, Line.class,
                    Preferences.class, Configured.class, NeverStored.class))
            .overrideConfigKey("quarkus.session.value-types", Configured.class.getName())
            .addBuildChainCustomizer(recordRegisteredTypes());

    @org.junit.jupiter.api.BeforeEach
    void readRegistered() {
        REGISTERED.addAll(List.of(System.getProperty(REGISTERED_PROPERTY, "").split(",")));
    }

    @Test
    void typeOfAValuePutIsRegistered() {
        assertTrue(REGISTERED.contains(Profile.class.getName()), REGISTERED.toString());
    }

    @Test
    void classLiteralReadIsRegistered() {
        assertTrue(REGISTERED.contains(Preferences.class.getName()), REGISTERED.toString());
    }

    @Test
    void typeArgumentOfATypeLiteralIsRegistered() {
        assertTrue(REGISTERED.contains(Line.class.getName()), REGISTERED.toString());
    }

    @Test
    void configuredTypeIsRegistered() {
        assertTrue(REGISTERED.contains(Configured.class.getName()), REGISTERED.toString());
    }

    @Test
    void typesNeverStoredAndJdkTypesAreNotRegisteredByTheExtension() {
        assertFalse(REGISTERED.contains(NeverStored.class.getName()));
        assertFalse(REGISTERED.stream().anyMatch(type -> type.startsWith("java.")), REGISTERED.toString());
    }

    private static Consumer<BuildChainBuilder> recordRegisteredTypes() {
        return chain -> chain.addBuildStep((BuildContext context) -> {
            StringBuilder registered = new StringBuilder();
            for (ReflectiveHierarchyBuildItem item : context.consumeMulti(ReflectiveHierarchyBuildItem.class)) {
                if ("quarkus-session value type".equals(item.getSource())) {
                    registered.append(item.getType().name()).append(',');
                }
            }
            System.setProperty(REGISTERED_PROPERTY, registered.toString());
            context.produce(new FeatureBuildItem("value-type-recorder"));
        }).consumes(ReflectiveHierarchyBuildItem.class).produces(FeatureBuildItem.class).build();
    }

    public record Address(String city) {
    }

    public record Profile(String name, Address address) {
    }

    public record Line(String sku, int quantity) {
    }

    public record Preferences(boolean darkMode) {
    }

    public record Configured(String value) {
    }

    public record NeverStored(String value) {
    }

    @Path("/shop")
    public static class ShopResource {

        static final TypeLiteral<List<Line>> LINES = new TypeLiteral<>() {
        };

        @Inject
        Session session;

        @GET
        public String shop() {
            Profile profile = new Profile("alice", new Address("Paris"));
            session.put("profile", profile);
            Preferences preferences = session.get("preferences", Preferences.class);
            List<Line> lines = session.find("lines", LINES).orElse(List.of());
            return profile.name() + preferences + lines.size() + new NeverStored("x").value();
        }
    }
}
