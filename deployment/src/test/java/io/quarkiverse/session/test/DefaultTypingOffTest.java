package io.quarkiverse.session.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.jsontype.impl.LaissezFaireSubTypeValidator;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application that turns on Jackson's default typing for its own mapper does not get it for session values: values
 * are stored without class names, and a stored value that names a class does not make the codec instantiate it.
 */
class DefaultTypingOffTest {

    /** A well-formed session ID whose record the test writes itself, as someone who can write to the store would. */
    private static final String FORGED_ID = "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(PolymorphicTyping.class, Cart.class, Gadget.class,
                    CartResource.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Inject
    SessionStore store;

    @Inject
    ObjectMapper applicationMapper;

    @Test
    void applicationMapperHasDefaultTypingOn() throws Exception {
        // Without this, the tests below would prove nothing.
        assertEquals("[\"" + Cart.class.getName() + "\",{\"items\":[\"java.util.ArrayList\",[\"apple\"]]}]",
                applicationMapper.writeValueAsString(new Cart(List.of("apple"))));
    }

    @Test
    void storedValueCarriesNoClassName() {
        String cookie = given().post("/typed-cart").then().statusCode(200).body(equalTo("apple"))
                .extract().cookie("session_id");
        SessionRecord stored = store.load(SessionKey.ofSessionId(cookie)).await().atMost(Duration.ofSeconds(5));
        assertEquals("{\"items\":[\"apple\"]}", new String(stored.values().get("cart"), StandardCharsets.UTF_8));
        given().cookie("session_id", cookie).get("/typed-cart").then().statusCode(200).body(equalTo("apple"));
    }

    @Test
    void valueNamingAClassDoesNotInstantiateIt() {
        Instant now = Instant.now();
        byte[] forged = ("[\"" + Gadget.class.getName() + "\",{\"command\":\"touch /tmp/pwned\"}]")
                .getBytes(StandardCharsets.UTF_8);
        store.create(SessionKey.ofSessionId(FORGED_ID), new SessionRecord(now, now, null, now.plusSeconds(600),
                Map.of("loot", forged))).await().atMost(Duration.ofSeconds(5));

        given().cookie("session_id", FORGED_ID).get("/typed-cart/loot").then().statusCode(200)
                .body(equalTo("java.util.ArrayList"));
        assertFalse(Gadget.instantiated, "the class named in the stored JSON was instantiated");
    }

    @Singleton
    public static class PolymorphicTyping implements ObjectMapperCustomizer {

        @Override
        public void customize(ObjectMapper mapper) {
            mapper.activateDefaultTyping(LaissezFaireSubTypeValidator.instance, ObjectMapper.DefaultTyping.NON_FINAL);
        }
    }

    public static class Cart {

        public List<String> items = new ArrayList<>();

        public Cart() {
        }

        Cart(List<String> items) {
            this.items = new ArrayList<>(items);
        }
    }

    /** Stands for a class whose construction does harm: it records that it was made. */
    public static class Gadget {

        static volatile boolean instantiated;

        public String command;

        public Gadget() {
            instantiated = true;
        }
    }

    @Path("/typed-cart")
    public static class CartResource {

        @Inject
        Session session;

        @POST
        @Produces(MediaType.TEXT_PLAIN)
        public String fill() {
            session.put("cart", new Cart(List.of("apple")));
            return session.get("cart", Cart.class).items.get(0);
        }

        @GET
        @Produces(MediaType.TEXT_PLAIN)
        public String first() {
            return session.get("cart", Cart.class).items.get(0);
        }

        @GET
        @Path("/loot")
        @Produces(MediaType.TEXT_PLAIN)
        public String loot() {
            return session.get("loot", Object.class).getClass().getName();
        }
    }
}
