package io.quarkiverse.session.it;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application on {@link KeyRecordingStore}, the memory store behind a recorder of the keys it is asked about. A
 * build profile of its own, since an application store replaces the built-in one at build time.
 */
public class ObservedStoreProfile implements QuarkusTestProfile {

    static final String PROFILE = "observed-store";

    @Override
    public String getConfigProfile() {
        return PROFILE;
    }
}
