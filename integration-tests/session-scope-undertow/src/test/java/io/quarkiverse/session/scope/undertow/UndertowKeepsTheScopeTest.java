package io.quarkiverse.session.scope.undertow;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.util.UUID;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * With {@code quarkus.session.scoped-beans.enabled=false}, Quarkus Session leaves {@code @SessionScoped} to Undertow:
 * the application starts, and a servlet's bean lives in the servlet session (the {@code JSESSIONID} cookie).
 */
class UndertowKeepsTheScopeTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Preferences.class, PreferencesServlet.class))
            .overrideConfigKey("quarkus.session.scoped-beans.enabled", "false");

    @Test
    void servletSessionKeepsTheBean() {
        Response first = given().get("/preferences");
        first.then().statusCode(200);
        given().cookie("JSESSIONID", first.getCookie("JSESSIONID")).get("/preferences").then().statusCode(200)
                .body(equalTo(first.asString()));
    }

    @SessionScoped
    public static class Preferences implements java.io.Serializable {

        private final String instance = UUID.randomUUID().toString();

        public String instance() {
            return instance;
        }
    }

    @WebServlet(urlPatterns = "/preferences")
    public static class PreferencesServlet extends HttpServlet {

        @Inject
        Preferences preferences;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.getWriter().write(preferences.instance());
        }
    }
}
