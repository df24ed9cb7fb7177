package io.quarkiverse.session.deployment.devui;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.session.runtime.config.SessionBuildTimeConfig;
import io.quarkiverse.session.runtime.devui.SessionJsonRpcService;
import io.quarkus.deployment.IsLocalDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.devui.spi.JsonRPCProvidersBuildItem;
import io.quarkus.devui.spi.page.CardPageBuildItem;
import io.quarkus.devui.spi.page.Page;

/**
 * The Dev UI card of Quarkus Session: a Sessions page (the live sessions of the store, their values, invalidation) and
 * a Configuration page, both served by {@link SessionJsonRpcService}. Every step runs only for local development, so
 * a production build has neither the pages nor the service bean.
 */
class SessionDevUiProcessor {

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    CardPageBuildItem createSessionCard(SessionBuildTimeConfig config) {
        CardPageBuildItem card = new CardPageBuildItem();
        card.addPage(Page.webComponentPageBuilder()
                .title("Sessions")
                .componentLink("qwc-session-sessions.js")
                .icon("font-awesome-solid:id-card")
                // The store in use and its number of live sessions, asked when the card is shown.
                .dynamicLabelJsonRPCMethodName("getCardLabel"));
        card.addPage(Page.webComponentPageBuilder()
                .title("Configuration")
                .componentLink("qwc-session-configuration.js")
                .icon("font-awesome-solid:sliders"));
        // The build-time settings are fixed in the build: the page gets them with the page rather than by a call.
        Map<String, String> buildTime = new LinkedHashMap<>();
        buildTime.put("quarkus.session.health.enabled", Boolean.toString(config.health().enabled()));
        buildTime.put("quarkus.session.value-types", config.valueTypes().map(types -> String.join(",", types))
                .orElse("(not set)"));
        card.addBuildTimeData("buildTimeConfig", buildTime);
        return card;
    }

    @BuildStep(onlyIf = IsLocalDevelopment.class)
    JsonRPCProvidersBuildItem registerSessionJsonRpcService() {
        return new JsonRPCProvidersBuildItem(SessionJsonRpcService.class);
    }
}
