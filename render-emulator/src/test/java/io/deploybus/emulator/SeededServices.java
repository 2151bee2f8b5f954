package io.deploybus.emulator;

import java.time.Clock;
import java.util.List;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.serde.ObjectMapper;

/** The ids of the shipped seed ({@code seed/services.yml}), and a catalog of it for plain unit tests. */
final class SeededServices {

    static final String CHECKOUT = "srv-emucheckoutapi000001";
    static final String BILLING = "srv-emubillingapi0000002";
    static final String STOREFRONT = "srv-emustorefront0000003";
    static final String BROKEN_BUILD = "srv-emubrokenbuild000004";
    static final String SUSPENDED = "srv-emususpended00000005";
    static final List<String> ALL_NEWEST_FIRST = List.of(CHECKOUT, BILLING, STOREFRONT, BROKEN_BUILD, SUSPENDED);

    private SeededServices() {
    }

    static SeedReader reader(String seedFile) {
        return new SeedReader(new ResourceResolver(), ObjectMapper.getDefault(),
                new EmulatorConfiguration(List.of("rnd_test"), seedFile, 100));
    }

    /** Events that go to no webhook. */
    static ServiceEvents events() {
        return new ServiceEvents(new IdGenerator(), new WebhookSender(new WebhookConfiguration(List.of(),
                "whsec_ZGVwbG95YnVzLWxvY2FsLXdlYmhvb2stc2VjcmV0ISE=", java.time.Duration.ofSeconds(1)),
                ObjectMapper.getDefault()));
    }

    static ServiceCatalog catalog(Clock clock) {
        return new ServiceCatalog(reader("classpath:seed/services.yml"), clock);
    }
}
